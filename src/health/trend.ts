import type { HealthTrend } from '../domain/health.ts';
import { dayNumber, instantMs } from './day-number.ts';

/** What trend needs of an earlier snapshot. */
export type ScoredPoint = { asOf: string; score: number | null };

/**
 * Trend against the snapshot N days ago, not the previous run (a run that retries three times
 * in a day must not show three flat trends): the latest snapshot whose UTC day is at or before
 * asOf's day − N. No such snapshot, or no score on either side → 'no-comparison'. A change of
 * at most `flatWithin` points either way is 'flat', so rounding noise does not flip the arrow.
 */
export const computeTrend = (
  score: number | null,
  asOf: string,
  previous: readonly ScoredPoint[],
  settings: { windowDays: number; flatWithin: number },
): HealthTrend => {
  const cutoff = dayNumber(asOf) - settings.windowDays;
  let best: ScoredPoint | null = null;
  let bestMs = -Infinity;
  for (const p of previous) {
    if (dayNumber(p.asOf) > cutoff) continue;
    const ms = instantMs(p.asOf);
    if (ms > bestMs) {
      best = p;
      bestMs = ms;
    }
  }
  const none: HealthTrend = { direction: 'no-comparison', windowDays: settings.windowDays, comparedWith: best?.asOf ?? null, previousScore: best?.score ?? null, delta: null };
  if (best === null || best.score === null || score === null) return none;
  const delta = score - best.score;
  const direction = Math.abs(delta) <= settings.flatWithin ? 'flat' : delta > 0 ? 'up' : 'down';
  return { direction, windowDays: settings.windowDays, comparedWith: best.asOf, previousScore: best.score, delta };
};
