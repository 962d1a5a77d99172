import type { HealthColour } from '../domain/health.ts';
import type { Bands, Interval } from './health-rules.ts';

/** Colours in the order bands are tried and shown. */
const ORDER: readonly HealthColour[] = ['green', 'yellow', 'red'];

export const inInterval = (iv: Interval, x: number): boolean =>
  (iv.gt === undefined || x > iv.gt) &&
  (iv.gte === undefined || x >= iv.gte) &&
  (iv.lt === undefined || x < iv.lt) &&
  (iv.lte === undefined || x <= iv.lte);

/** The colour whose band holds `x`; null when none does (validation rules out gaps where it can). */
export const matchBand = (bands: Bands, x: number): HealthColour | null => {
  for (const colour of ORDER) {
    const iv = bands[colour];
    if (iv !== undefined && inInterval(iv, x)) return colour;
  }
  return null;
};

/** A number as people write it: whole numbers bare, others with at most two decimals. */
export const formatNumber = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));

/**
 * An interval in words, each edge as the rules state it: "at most 7 days", "8 to 21 days",
 * "70% to under 100%", "more than 21 days". `unit` is 'days', '%', '' or a noun ('tickets').
 */
export const describeInterval = (iv: Interval, unit: string): string => {
  const n = (x: number): string => (unit === '%' ? `${formatNumber(x)}%` : formatNumber(x));
  const suffix = unit === '%' || unit === '' ? '' : ` ${unit}`;
  const lo = iv.gte ?? iv.gt;
  const hi = iv.lte ?? iv.lt;
  let text: string;
  if (lo !== undefined && hi !== undefined) {
    if (iv.gte !== undefined && iv.lte !== undefined) text = lo === hi ? `exactly ${n(lo)}` : `${n(lo)} to ${n(hi)}`;
    else if (iv.gte !== undefined) text = `${n(lo)} to under ${n(hi)}`;
    else if (iv.lte !== undefined) text = `more than ${n(lo)}, up to ${n(hi)}`;
    else text = `more than ${n(lo)}, under ${n(hi)}`;
  } else if (lo !== undefined) {
    text = iv.gte !== undefined ? `at least ${n(lo)}` : `more than ${n(lo)}`;
  } else if (hi !== undefined) {
    text = iv.lte !== undefined ? `at most ${n(hi)}` : `under ${n(hi)}`;
  } else {
    return 'any value';
  }
  return text + suffix;
};

/** "red: more than 21 days". */
export const describeBand = (colour: HealthColour, bands: Bands, unit: string): string => {
  const iv = bands[colour];
  return iv === undefined ? colour : `${colour}: ${describeInterval(iv, unit)}`;
};
