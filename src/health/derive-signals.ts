import type { AccountFacts, ManualMeasureValue } from './account-facts.ts';
import { dayNumber, instantMs } from './day-number.ts';
import type { SignalSettings } from './health-rules.ts';
import { NEVER, type NpsStatus, type SignalValue } from './signal-catalog.ts';
import { activeDaySeries, activitySeries, buildUsageTimeline, featureSeries, lastLoginIndex, licensesOn, peakActiveUsers, rangeSum, windowIndexes, type UsageTimeline } from './usage-timeline.ts';

/**
 * Signals: the named numbers, words and flags measures read, for one account at one asOf.
 *
 * Windows ("last 30 days") are the N UTC days ending with asOf's own day, which counts as
 * complete: the pipeline scores the last closed day. Definitions (rules/health.yaml repeats them):
 * - daysSinceLastLogin: asOf day − latest day with a login; NEVER when keys are linked but no
 *   login is on record; null when no usage key is linked.
 * - activeUsers7d / activeUsers30d: the peak daily active users in the window. Daily rollups
 *   cannot count distinct users over a window, so the busiest day is the honest lower bound.
 * - featuresUsed: core features with ≥ 1 event in the adoption window (30 days);
 *   featureAdoption = featuresUsed / adoption.targetFeatures (1 = target met; can exceed 1).
 * - licenseUtilization: activeUsers30d / licences; null without licences.
 * - engagement: share of the last 30 days with any activity, counted from the first usage day
 *   when the account is newer than that (a new account is not penalised for days before it existed).
 * - activityVsBaseline: mean daily activity (events by default) over the last 7 days ÷ mean
 *   daily activity over the 90 days before them; null with fewer than minBaselineDays of
 *   baseline or a baseline of zero (an account that never did anything has no "drop").
 * - npsStatus: latest response not older than npsMaxAgeDays: 9–10 promoter, 7–8 passive,
 *   0–6 detractor; otherwise no-response.
 */
export type AccountSignals = {
  accountId: string;
  accountName: string | null;
  asOf: string;
  values: Record<string, SignalValue>;
  /** Per manual measure, the latest value set at or before asOf and whether it has expired. */
  manual: Record<string, { value: ManualMeasureValue; stale: boolean }>;
};

const npsStatusOf = (score: number): NpsStatus => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/**
 * Does the asOf-independent work once (timeline, parsed dates) and returns a function that
 * derives the signals for any asOf in O(core features + 37): per-day replay stays cheap.
 * `timeline`: the usage already built for these facts' usage (a replay whose other facts change).
 */
export const prepareSignals = (facts: AccountFacts, settings: SignalSettings, timeline?: UsageTimeline): ((asOf: string) => AccountSignals) => {
  const t = timeline ?? buildUsageTimeline(facts.usage.days, settings);
  const hasUsage = facts.usage.linkedKeys > 0 || t.length > 0;
  const account = facts.account;
  const renewalDay = account.renewalDate === null ? null : dayNumber(account.renewalDate);
  const goLiveDay = facts.goLiveDate === null ? null : dayNumber(facts.goLiveDate);
  const sponsor = facts.execSponsor;
  const meetingMs = sponsor?.lastMeetingAt ? instantMs(sponsor.lastMeetingAt) : null;
  const meetingDay = sponsor?.lastMeetingAt ? dayNumber(sponsor.lastMeetingAt) : null;
  const npsMs = facts.nps === null ? null : instantMs(facts.nps.respondedAt);
  const npsDay = facts.nps === null ? null : dayNumber(facts.nps.respondedAt);
  const renewalTypes = new Set(settings.renewalOpportunityTypes.map((s) => s.toLowerCase()));
  const hasRenewalPlan = facts.openOpportunities.some((o) => o.type !== null && renewalTypes.has(o.type.toLowerCase()));
  const extras = Object.entries(account.extra).map(([k, v]) => [`extra.${k}`, v] as const);
  const manual = facts.manualValues
    .map((value) => ({ value, setMs: instantMs(value.setAt), expiresMs: value.expiresAt === null ? Infinity : instantMs(value.expiresAt) }))
    .sort((a, b) => a.setMs - b.setMs);
  const { adoption, activity, engagement: engagementSettings } = settings;
  const activeDays = activeDaySeries(t);
  const activitySums = activitySeries(t);

  return (asOf: string): AccountSignals => {
    const a = dayNumber(asOf);
    const asOfMs = instantMs(asOf);
    const idx = a - t.firstDay;

    let daysSinceLastLogin: SignalValue = null;
    let activeUsers7d: number | null = null;
    let activeUsers30d: number | null = null;
    let featuresUsed: number | null = null;
    let licenses: number | null = facts.licenses;
    let engagement: number | null = null;
    let activityVsBaseline: number | null = null;
    if (hasUsage) {
      daysSinceLastLogin = NEVER;
      activeUsers7d = 0;
      activeUsers30d = 0;
      featuresUsed = 0;
      if (t.length > 0 && idx >= 0) {
        const end = Math.min(idx, t.length - 1);
        const lastLogin = lastLoginIndex(t, end);
        if (lastLogin >= 0) daysSinceLastLogin = a - (t.firstDay + lastLogin);
        const [lo7, hi7] = windowIndexes(t, idx, 7);
        activeUsers7d = peakActiveUsers(t, lo7, hi7);
        const [lo30, hi30] = windowIndexes(t, idx, 30);
        activeUsers30d = peakActiveUsers(t, lo30, hi30);
        const [loA, hiA] = windowIndexes(t, idx, adoption.windowDays);
        for (let f = 0; f < t.featureCount; f++) if (rangeSum(t, featureSeries(t, f), loA, hiA) > 0) featuresUsed++;
        if (licenses === null) licenses = licensesOn(t, end);
        const [loE, hiE] = windowIndexes(t, idx, engagementSettings.windowDays);
        engagement = rangeSum(t, activeDays, loE, hiE) / (idx - loE + 1);
        const [loR, hiR] = windowIndexes(t, idx, activity.recentDays);
        const baseEnd = idx - activity.recentDays;
        const [loB, hiB] = windowIndexes(t, baseEnd, activity.baselineDays);
        const baselineDays = baseEnd - loB + 1;
        if (baselineDays >= activity.minBaselineDays) {
          const baseline = rangeSum(t, activitySums, loB, hiB) / baselineDays;
          if (baseline > 0) activityVsBaseline = rangeSum(t, activitySums, loR, hiR) / activity.recentDays / baseline;
        }
      }
    }

    let daysSinceExecSponsorMeeting: SignalValue = null;
    if (sponsor !== null) {
      // A meeting after asOf is unknown at asOf, and so is whether an earlier one happened.
      daysSinceExecSponsorMeeting = meetingMs === null ? NEVER : meetingMs > asOfMs ? null : a - meetingDay!;
    }
    let npsStatus: NpsStatus = 'no-response';
    let npsScore: number | null = null;
    if (facts.nps !== null && npsMs! <= asOfMs && a - npsDay! <= settings.npsMaxAgeDays) {
      npsScore = facts.nps.score;
      npsStatus = npsStatusOf(npsScore);
    }

    const values: Record<string, SignalValue> = {
      daysSinceLastLogin,
      activeUsers7d,
      activeUsers30d,
      featuresUsed,
      featureAdoption: featuresUsed === null ? null : featuresUsed / adoption.targetFeatures,
      licenses,
      licenseUtilization: activeUsers30d !== null && licenses !== null && licenses > 0 ? activeUsers30d / licenses : null,
      daysUntilRenewal: renewalDay === null ? null : renewalDay - a,
      hasRenewalPlan,
      daysSinceExecSponsorMeeting,
      hasActiveSponsor: sponsor === null ? null : sponsor.hasActiveSponsor,
      npsStatus,
      npsScore,
      openSev12Tickets: facts.support === null ? null : facts.support.openSev12Tickets,
      escalationOpen: facts.support === null ? null : facts.support.escalationOpen,
      activityVsBaseline,
      engagement,
      daysSinceGoLive: goLiveDay === null ? null : a - goLiveDay,
      arr: account.arr,
      segment: account.segment,
      stage: facts.stage,
    };
    for (const [k, v] of extras) values[k] = v;

    const manualNow: AccountSignals['manual'] = {};
    for (const m of manual) {
      if (m.setMs > asOfMs) break;
      manualNow[m.value.measure] = { value: m.value, stale: asOfMs >= m.expiresMs };
    }
    return { accountId: account.id, accountName: account.name, asOf, values, manual: manualNow };
  };
};

/** Signals for one asOf (scoring runs); replays should keep prepareSignals' function instead. */
export const deriveSignals = (facts: AccountFacts, asOf: string, settings: SignalSettings): AccountSignals => prepareSignals(facts, settings)(asOf);
