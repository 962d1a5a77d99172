import type { HealthSnapshot, MeasureScore } from '../domain/health.ts';
import { SextantError } from '../domain/sextant-error.ts';
import { churnWarning, engagementAlert } from './account-alerts.ts';
import type { AccountFacts } from './account-facts.ts';
import { matchBand } from './bands.ts';
import { deriveSignals, type AccountSignals } from './derive-signals.ts';
import { driverOrder, driversText } from './drivers.ts';
import { evaluateScheme } from './evaluate-scheme.ts';
import type { HealthRules } from './health-rules.ts';
import { bandText, measurePhrase, unitOf, valueText } from './measure-text.ts';
import { selectScheme } from './select-scheme.ts';
import { computeTrend, type ScoredPoint } from './trend.ts';

export type ScoreOptions = {
  /** Earlier snapshots of this account, any order; trend compares with the one N days back. */
  previousSnapshots?: readonly ScoredPoint[];
  /** Score with this scheme instead of the selection rules (what-if in `sextant explain`). */
  scheme?: string;
};

/**
 * One account's health snapshot as of `asOf` (an ISO-8601 UTC instant; its UTC day counts as
 * complete). Takes the account's facts, or signals already derived for this asOf (replays
 * derive them through prepareSignals). Pure: same inputs, same snapshot.
 */
export const scoreAccount = (input: AccountFacts | AccountSignals, rules: HealthRules, asOf: string, options: ScoreOptions = {}): HealthSnapshot => {
  const signals = 'values' in input ? input : deriveSignals(input, asOf, rules.signals);
  if (signals.asOf !== asOf) {
    throw new SextantError('HEALTH_ASOF_MISMATCH', `signals of ${signals.accountId} were derived for ${signals.asOf}, not ${asOf}`, { kind: 'fatal' });
  }
  const { scheme, reason } = selectScheme(rules, signals.values, options.scheme);
  const evaluation = evaluateScheme(scheme, signals, rules.overall.minScoredWeightPct);
  const phrases = new Map<string, string>();
  const measures: MeasureScore[] = scheme.measures.map((def, i) => {
    const o = evaluation.outcomes[i]!;
    phrases.set(def.key, measurePhrase(def, o, signals));
    return {
      key: def.key,
      label: def.label,
      kind: def.kind,
      source: def.source ?? 'manual',
      value: o.value,
      unit: unitOf(def),
      valueText: valueText(def, o, signals),
      colour: o.colour,
      expiredColour: o.expiredColour,
      points: o.points,
      weight: def.weight,
      normalizedWeight: evaluation.shares[i]!,
      category: def.category,
      band: bandText(def, o),
      note: o.notes.length === 0 ? null : o.notes.join('; '),
      owner: def.owner,
    };
  });
  const score = evaluation.score;
  if (evaluation.cap !== null) {
    const key = evaluation.cap.measure;
    phrases.set(key, `${phrases.get(key)!} (caps the score at ${evaluation.cap.at})`);
  }
  const colour = score === null ? 'na' : (matchBand(rules.overall.bands, score) ?? 'na');
  const drivers = score === null ? [] : driverOrder(measures);
  const notScored = measures.filter((m) => m.colour === 'na' || (m.colour === 'stale' && m.points === null));
  return {
    accountId: signals.accountId,
    accountName: signals.accountName,
    asOf,
    scheme: scheme.name,
    schemeReason: reason,
    combine: scheme.combine,
    categories: evaluation.categories,
    measures,
    score,
    dataCoverage: evaluation.coverage,
    colour,
    cap: evaluation.cap,
    notScored: notScored.map((m) => m.key),
    drivers: driversText(colour, drivers, phrases, notScored, { coverage: evaluation.coverage, minPct: rules.overall.minScoredWeightPct }),
    driverKeys: drivers.map((m) => m.key),
    trend: computeTrend(score, asOf, options.previousSnapshots ?? [], rules.trend),
    churnWarning: churnWarning(signals.values.activityVsBaseline ?? null, rules.alerts.churnWarning.activityDropPct),
    engagementAlert: engagementAlert(signals.values.engagement ?? null, rules.alerts.engagementAlert.belowPct),
  };
};
