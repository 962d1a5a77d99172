/**
 * Calendar days by arithmetic: a day is its number since 1970-01-01 (UTC). Scoring and loading
 * read 'YYYY-MM-DD' by the million (100k accounts, a dozen days each; 5M usage rows), where a
 * Date round trip per read was a measurable share of the run (bench/score, bench/usage).
 */

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Whether y-m-d is a real calendar day (Feb 29 only in leap years). */
export const isCivilDay = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]!);

/** Days since 1970-01-01 of the civil date y-m-d (Howard Hinnant's days_from_civil). */
export const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/** The number of `count` decimal digits at `from`; NaN when one is not a digit. */
export const digitsAt = (text: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
};

/**
 * The day number of the first ten characters of `text` read as 'YYYY-MM-DD' (a day, or the day
 * part of an instant); NaN unless they are a real calendar day in exactly that form.
 */
export const isoDayNumber = (text: string): number => {
  if (text.length < 10 || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return Number.NaN;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  return isCivilDay(y, m, d) ? daysFromCivil(y, m, d) : Number.NaN;
};

const MS_PER_DAY = 86_400_000;
const dayTexts = new Map<number, string>();
/**
 * Days since 1970-01-01 as 'YYYY-MM-DD', cached: a load or a score run meets a few hundred
 * distinct days among millions of rows. `days` must be a whole number.
 */
export const isoDayText = (days: number): string => {
  let text = dayTexts.get(days);
  if (text === undefined) {
    text = new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(days, text);
  }
  return text;
};
