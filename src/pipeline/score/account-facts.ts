import type { CrmAccount, CrmOpportunity } from '../../domain/crm-records.ts';
import type { StageOnRecord } from '../../domain/lifecycle.ts';
import type { AccountFacts, NpsFact, UsageDayFacts } from '../../health/index.ts';

/** The opportunity fields scoring reads (health's open deals, lifecycle's won and open ones). */
export const SCORE_OPPORTUNITY_FIELDS = ['accountId', 'isDeleted', 'isClosed', 'isWon', 'type', 'stageName', 'amount', 'closeDate'] as const;
export type ScoreOpportunity = Pick<CrmOpportunity, (typeof SCORE_OPPORTUNITY_FIELDS)[number]>;

/** What the score step knows about every account besides its usage, indexed once per run. */
export type AccountContext = {
  opportunitiesByAccount: ReadonlyMap<string, readonly ScoreOpportunity[]>;
  keysByAccount: ReadonlyMap<string, readonly string[]>;
  stages: ReadonlyMap<string, StageOnRecord>;
  /** The latest survey answer per account at or before asOf (`sextant nps` loads them). */
  npsByAccount: ReadonlyMap<string, NpsFact>;
};

/**
 * Sums the days of several linked keys (' acme' and 'ACME' both used by one customer) into one
 * row per day. Distinct users across keys cannot be told apart in daily rollups, so active users
 * add up (an upper bound); the last login is the later one.
 */
export const mergeUsageDays = (days: readonly UsageDayFacts[]): readonly UsageDayFacts[] => {
  // One key's days come from the store in day order, each day once: nothing to merge, and
  // copying 5.7M of them was a tenth of a 100k-account score run (bench/score).
  let ordered = true;
  for (let i = 1; i < days.length && ordered; i++) ordered = days[i - 1]!.day < days[i]!.day;
  if (ordered) return days;
  const byDay = new Map<string, UsageDayFacts>();
  for (const d of days) {
    const seen = byDay.get(d.day);
    if (seen === undefined) {
      byDay.set(d.day, { ...d, featureEvents: { ...d.featureEvents } });
      continue;
    }
    seen.activeUsers += d.activeUsers;
    seen.logins += d.logins;
    seen.events += d.events;
    if (d.lastLoginAt !== null && (seen.lastLoginAt === null || d.lastLoginAt > seen.lastLoginAt)) seen.lastLoginAt = d.lastLoginAt;
    for (const [f, n] of Object.entries(d.featureEvents)) seen.featureEvents[f] = (seen.featureEvents[f] ?? 0) + n;
    if (d.licenses !== null) seen.licenses = Math.max(seen.licenses ?? 0, d.licenses);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
};

/**
 * The health engine's view of one account. Activities, support tickets and manual values are not
 * in the store yet: those facts are left empty, so their measures are NA (left out of the score
 * and listed as such), never red for lack of data.
 */
export const accountFacts = (account: CrmAccount, days: readonly UsageDayFacts[], ctx: AccountContext): AccountFacts => ({
  account,
  usage: { linkedKeys: ctx.keysByAccount.get(account.id)?.length ?? 0, days: mergeUsageDays(days) },
  // Seats come from the warehouse's licence figure on the usage rows.
  licenses: null,
  execSponsor: null,
  nps: ctx.npsByAccount.get(account.id) ?? null,
  support: null,
  openOpportunities: (ctx.opportunitiesByAccount.get(account.id) ?? [])
    .filter((o) => !o.isClosed && !o.isDeleted)
    .map((o) => ({ type: o.type, stageName: o.stageName, amount: o.amount, closeDate: o.closeDate })),
  manualValues: [],
  stage: ctx.stages.get(account.id)?.stage ?? null,
  goLiveDate: account.contractStartDate,
});
