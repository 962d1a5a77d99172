import type { ChurnWarning, EngagementAlert } from '../domain/health.ts';
import type { SignalValue } from './signal-catalog.ts';

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Churn warning (DOMAIN.md): activity dropped at least `activityDropPct` against the account's
 * own 90-day baseline. Exactly 40% down warns. The change is rounded to 0.01% first, so a
 * ratio of 0.6 counts as −40% and not −39.999…%.
 */
export const churnWarning = (activityVsBaseline: SignalValue, activityDropPct: number): ChurnWarning => {
  const change = typeof activityVsBaseline === 'number' ? round2((activityVsBaseline - 1) * 100) : null;
  return { active: change !== null && change <= -activityDropPct, activityChangePct: change, thresholdPct: activityDropPct };
};

/** Engagement alert: the engagement signal (share of recent days active) below `belowPct`. */
export const engagementAlert = (engagement: SignalValue, belowPct: number): EngagementAlert => {
  const pct = typeof engagement === 'number' ? round2(engagement * 100) : null;
  return { active: pct !== null && pct < belowPct, engagementPct: pct, belowPct };
};
