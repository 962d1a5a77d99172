import type { HealthSnapshot, HealthTrend, MeasureScore } from '../domain/health.ts';
import { formatNumber } from './bands.ts';

const pct = (share: number): string => `${Math.round(share * 100)}%`;

const trendText = (t: HealthTrend): string => {
  if (t.direction === 'no-comparison') {
    return t.comparedWith === null ? `no snapshot ${t.windowDays} days back to compare with` : `no score on ${t.comparedWith.slice(0, 10)} to compare with`;
  }
  const since = `since ${t.comparedWith!.slice(0, 10)} (was ${t.previousScore})`;
  if (t.direction === 'flat') return `flat ${since}`;
  return `${t.direction} ${Math.abs(t.delta!)} ${since}`;
};

const measureLine = (m: MeasureScore): string => {
  const state = m.colour.toUpperCase().padEnd(6);
  const share = m.normalizedWeight > 0 ? `weight ${formatNumber(m.weight)} (${pct(m.normalizedWeight)} of score)` : 'not in score';
  return `  ${state} ${m.label}: ${m.valueText} · ${m.band} · ${share} · owner ${m.owner}`;
};

/**
 * A snapshot as lines a CSM reads in ten seconds (`sextant explain`): the score and its trend,
 * why, any alert, then every measure worst first, then the scheme.
 */
export const explainSnapshot = (s: HealthSnapshot): string[] => {
  const who = s.accountName === null ? s.accountId : `${s.accountName} (${s.accountId})`;
  const lines = [
    s.score === null
      ? `${who}: no health score as of ${s.asOf.slice(0, 10)}: ${s.dataCoverage === 0 ? 'no measure has data' : `only ${Math.round(s.dataCoverage * 100)}% of the model's weight has data`}`
      : `${who}: health ${s.score}/100, ${s.colour} as of ${s.asOf.slice(0, 10)}; ${trendText(s.trend)}`,
    `Why: ${s.drivers}`,
  ];
  if (s.cap !== null) {
    const by = s.measures.find((m) => m.key === s.cap!.measure)?.label ?? s.cap.measure;
    lines.push(`Capped: ${by} is red, which holds the score at ${s.cap.at} (${s.cap.uncappedScore} without the cap)`);
  }
  if (s.churnWarning.active) {
    lines.push(`Churn warning: activity ${Math.abs(s.churnWarning.activityChangePct!)}% below the account's 90-day baseline (warns at ${s.churnWarning.thresholdPct}%)`);
  }
  if (s.engagementAlert.active) {
    lines.push(`Engagement alert: active on ${s.engagementAlert.engagementPct}% of recent days (alerts below ${s.engagementAlert.belowPct}%)`);
  }
  const worstFirst = [...s.measures]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.points ?? 101) - (b.m.points ?? 101) || b.m.normalizedWeight - a.m.normalizedWeight || a.i - b.i)
    .map(({ m }) => m);
  lines.push('Measures, worst first:', ...worstFirst.map(measureLine));
  const categories = s.categories.length === 0 ? '' : `; categories: ${s.categories.map((c) => `${c.name} ${c.score === null ? 'no data' : formatNumber(c.score)} (weight ${formatNumber(c.weight)})`).join(', ')}`;
  lines.push(`Scheme: ${s.scheme} (${s.schemeReason})${categories}`);
  return lines;
};
