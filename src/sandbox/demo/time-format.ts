import { Buffer } from 'node:buffer';

/**
 * Day arithmetic and the string encodings the org store and warehouse files use. The generator
 * works in UTC epoch days (integers) and epoch milliseconds, and formats with cached day strings:
 * millions of values are formatted per run, and Date#toISOString dominates otherwise.
 */
export const DAY_MS = 86_400_000;

/** The UTC epoch day containing an instant. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

const dayStrings = new Map<number, string>();

/** 'YYYY-MM-DD' for an epoch day; cached, so equal dates share one string. */
export const formatDay = (day: number): string => {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size < 200_000) dayStrings.set(day, s);
  }
  return s;
};

const timeOfDay = (ms: number): { h: number; m: number; s: number; milli: number } => {
  let rest = ms - dayOf(ms) * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return { h, m, s, milli: rest - s * 1000 };
};

/**
 * Joins parts into one flat string. Template literals and `+` build rope (cons) strings: several
 * heap objects per value, which doubles the memory and GC time of a 100k-account org whose
 * records hold millions of composed strings. Array#join allocates one flat string.
 */
export const flat = (...parts: readonly (string | number)[]): string => parts.join('');

// Scratch bytes for formatSfDateTime: the hottest formatter writes digits and decodes once.
const scratch = Buffer.from('0000-00-00T00:00:00.000+0000', 'latin1');
const put2 = (at: number, value: number): void => {
  scratch[at] = 48 + Math.floor(value / 10);
  scratch[at + 1] = 48 + (value % 10);
};

/** Salesforce datetime: 'YYYY-MM-DDTHH:mm:ss.SSS+0000', as one flat string. */
export const formatSfDateTime = (ms: number): string => {
  const t = timeOfDay(ms);
  scratch.write(formatDay(dayOf(ms)), 0, 'latin1');
  put2(11, t.h);
  put2(14, t.m);
  put2(17, t.s);
  scratch[20] = 48 + Math.floor(t.milli / 100);
  put2(21, t.milli % 100);
  return scratch.toString('latin1', 0, 28);
};

/** ISO 8601 UTC as warehouses export it: 'YYYY-MM-DDTHH:mm:ssZ'. */
export const formatIsoUtc = (ms: number): string => {
  const t = timeOfDay(ms);
  return `${formatDay(dayOf(ms))}T${PAD2[t.h]}:${PAD2[t.m]}:${PAD2[t.s]}Z`;
};

/** The same calendar date n years later (Feb 29 → Feb 28), as contract anniversaries do. */
export const addYears = (day: number, years: number): number => {
  const d = new Date(day * DAY_MS);
  const month = d.getUTCMonth();
  const target = Date.UTC(d.getUTCFullYear() + years, month, d.getUTCDate());
  const shifted = new Date(target);
  const clamped = shifted.getUTCMonth() === month ? target : Date.UTC(d.getUTCFullYear() + years, month + 1, 0);
  return dayOf(clamped);
};

/** Fiscal-year label for opportunity names ("FY2026"). */
export const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
