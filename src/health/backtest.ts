import type { DayRange, IsoDay } from '../domain/usage.ts';
import type { AccountFacts } from './account-facts.ts';
import { matchBand } from './bands.ts';
import { prepareSignals, type AccountSignals } from './derive-signals.ts';
import { dayNumber, isoDay } from './day-number.ts';
import { evaluateScheme } from './evaluate-scheme.ts';
import type { HealthRules } from './health-rules.ts';
import { confusionOf, leadTimes, type BacktestMetrics, type LostRenewalResult, type Prediction } from './backtest-metrics.ts';
import { selectScheme } from './select-scheme.ts';
import { buildUsageTimeline } from './usage-timeline.ts';

/**
 * Replays the health model over past days to see whether it would have warned about the
 * renewals that were lost, and which measures earn their weight.
 *
 * Per account: `base` facts (usage covering the range and ~120 days before it) and optional
 * `changes`: the non-usage facts as they became from a day on (stage, NPS, opportunities,
 * sponsor meetings …), sorted by day. Usage is prepared once per account; each replayed day
 * costs one signal derivation and one lean evaluation (no text), with asOf the end of that day.
 */
export type FactsTimeline = {
  base: AccountFacts;
  changes?: { from: IsoDay; facts: Omit<AccountFacts, 'usage'> }[];
};

/** A renewal that closed in the range or after it: lost (churned) or retained. */
export type RenewalOutcome = { accountId: string; date: IsoDay; arr: number };

export type BacktestInput = {
  timelines: readonly FactsTimeline[];
  lost: readonly RenewalOutcome[];
  retained: readonly RenewalOutcome[];
  range: DayRange;
  /** "Red within N days before the renewal" (default 90). */
  windowDays?: number;
};

export type MeasureBacktest = BacktestMetrics & {
  key: string;
  label: string;
  /** Its weight in the last (default) selector's scheme; null when that scheme lacks it. */
  defaultWeight: number | null;
};

export type BacktestReport = {
  range: DayRange;
  windowDays: number;
  accounts: number;
  daysReplayed: number;
  /** Overall red within the window. */
  overall: BacktestMetrics;
  /** Each measure's own red within the window, as if it alone were the model. */
  perMeasure: MeasureBacktest[];
  lostRenewals: LostRenewalResult[];
  /** Renewals with no replayed day in their window, or an account without a timeline. */
  notEvaluable: { accountId: string; date: IsoDay; reason: string }[];
};

const RED = 2;

type AccountReplay = { overall: Int8Array; measureRed: Map<string, Uint8Array> };

const replayAccount = (timeline: FactsTimeline, rules: HealthRules, first: number, days: number): AccountReplay => {
  const overall = new Int8Array(days).fill(-1);
  const measureRed = new Map<string, Uint8Array>();
  const changes = timeline.changes ?? [];
  const changeDays = changes.map((c) => dayNumber(c.from));
  const usage = buildUsageTimeline(timeline.base.usage.days, rules.signals);
  let derive = prepareSignals(timeline.base, rules.signals, usage);
  let next = 0;
  // Changed facts keep the base usage and its timeline; only the cheap per-facts work is redone.
  for (let d = 0; d < days; d++) {
    let changed = false;
    while (next < changes.length && changeDays[next]! <= first + d) {
      next++;
      changed = true;
    }
    if (changed) derive = prepareSignals({ ...changes[next - 1]!.facts, usage: timeline.base.usage }, rules.signals, usage);
    const signals: AccountSignals = derive(`${isoDay(first + d)}T23:59:59.999Z`);
    const { scheme } = selectScheme(rules, signals.values);
    const ev = evaluateScheme(scheme, signals, rules.overall.minScoredWeightPct);
    const colour = ev.score === null ? null : matchBand(rules.overall.bands, ev.score);
    overall[d] = colour === null ? -1 : colour === 'red' ? RED : colour === 'yellow' ? 1 : 0;
    scheme.measures.forEach((def, i) => {
      if (ev.outcomes[i]!.colour !== 'red') return;
      let reds = measureRed.get(def.key);
      if (reds === undefined) measureRed.set(def.key, (reds = new Uint8Array(days)));
      reds[d] = 1;
    });
  }
  return { overall, measureRed };
};

const anyIn = (flags: ArrayLike<number>, lo: number, hi: number, value: number): boolean => {
  for (let d = lo; d <= hi; d++) if (flags[d] === value) return true;
  return false;
};

export const runBacktest = (input: BacktestInput, rules: HealthRules): BacktestReport => {
  const windowDays = input.windowDays ?? 90;
  const first = dayNumber(input.range.from);
  const days = dayNumber(input.range.to) - first + 1;
  const outcomesByAccount = new Map<string, { o: RenewalOutcome; lost: boolean }[]>();
  for (const [list, lost] of [[input.lost, true], [input.retained, false]] as const) {
    for (const o of list) {
      const entry = outcomesByAccount.get(o.accountId) ?? [];
      entry.push({ o, lost });
      outcomesByAccount.set(o.accountId, entry);
    }
  }
  const measureKeys = new Map<string, string>();
  for (const s of Object.values(rules.schemes)) for (const m of s.measures) if (!measureKeys.has(m.key)) measureKeys.set(m.key, m.label);

  const overallPredictions: Prediction[] = [];
  const measurePredictions = new Map<string, Prediction[]>([...measureKeys.keys()].map((k) => [k, []]));
  const lostRenewals: LostRenewalResult[] = [];
  const notEvaluable: BacktestReport['notEvaluable'] = [];
  const seen = new Set<string>();

  for (const timeline of input.timelines) {
    const accountId = timeline.base.account.id;
    seen.add(accountId);
    const outcomes = outcomesByAccount.get(accountId);
    if (outcomes === undefined) continue;
    const replay = replayAccount(timeline, rules, first, days);
    for (const { o, lost } of outcomes) {
      const at = dayNumber(o.date) - first;
      const lo = Math.max(0, at - windowDays);
      const hi = Math.min(days - 1, at);
      if (hi < lo) {
        notEvaluable.push({ accountId, date: o.date, reason: 'no replayed day in its window' });
        continue;
      }
      overallPredictions.push({ lost, flagged: anyIn(replay.overall, lo, hi, RED), arr: o.arr });
      for (const [key, list] of measurePredictions) {
        const reds = replay.measureRed.get(key);
        list.push({ lost, flagged: reds !== undefined && anyIn(reds, lo, hi, 1), arr: o.arr });
      }
      if (lost) lostRenewals.push(leadTimes(accountId, o, replay.overall, lo, hi, first, RED));
    }
  }
  for (const [accountId, outcomes] of outcomesByAccount) {
    if (!seen.has(accountId)) for (const { o } of outcomes) notEvaluable.push({ accountId, date: o.date, reason: 'no facts timeline for the account' });
  }

  const fallback = rules.schemes[rules.selection.at(-1)!.scheme]!;
  return {
    range: input.range,
    windowDays,
    accounts: input.timelines.length,
    daysReplayed: days,
    overall: confusionOf(overallPredictions),
    perMeasure: [...measureKeys].map(([key, label]) => ({
      key,
      label,
      defaultWeight: fallback.measures.find((m) => m.key === key)?.weight ?? null,
      ...confusionOf(measurePredictions.get(key)!),
    })),
    lostRenewals,
    notEvaluable,
  };
};
