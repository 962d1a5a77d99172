import type { HealthColour, MeasureScore } from '../domain/health.ts';

/**
 * The measures that pulled the score down, worst first: fewest points, then the largest share
 * of the score (a red worth 30% hurts more than a red worth 10%), then rules order.
 */
export const driverOrder = (measures: readonly MeasureScore[]): MeasureScore[] =>
  measures
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.points !== null && m.points < 100)
    .sort((a, b) => a.m.points! - b.m.points! || b.m.normalizedWeight - a.m.normalizedWeight || a.i - b.i)
    .map(({ m }) => m);

/**
 * The drivers line written to Salesforce: "red because last login 34 days ago; NPS detractor
 * (score 3)". A green score still names its yellow measures, as "watch". Measures left out of
 * the score are named at the end so nobody reads a missing measure as a healthy one.
 */
export const driversText = (
  colour: HealthColour | 'na',
  drivers: readonly MeasureScore[],
  phrases: ReadonlyMap<string, string>,
  notScored: readonly MeasureScore[],
  data: { coverage: number; minPct: number },
): string => {
  const named = drivers.map((m) => phrases.get(m.key)!).join('; ');
  let text: string;
  if (colour === 'na' && data.coverage === 0) return 'no score: no measure has data';
  if (colour === 'na') text = `no score: only ${Math.round(data.coverage * 100)}% of the model's weight has data (${data.minPct}% needed)`;
  else if (drivers.length === 0) text = `${colour}: every scored measure is green`;
  else if (colour === 'green') text = `green; watch: ${named}`;
  else text = `${colour} because ${named}`;
  if (notScored.length > 0) {
    text += ` (not scored: ${notScored.map((m) => `${m.label}, ${m.colour === 'stale' ? 'stale' : 'no data'}`).join('; ')})`;
  }
  return text;
};
