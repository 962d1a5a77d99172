/**
 * SOQL date literals as half-open UTC ranges [start, end) of whole days, relative to `now`.
 * The sandbox org's time zone and locale are UTC / en_US: weeks start on Sunday and the
 * fiscal year is the calendar year (Salesforce's default fiscal settings).
 *
 * Observed Salesforce behaviour that departs from older docs, and which we follow:
 * LAST_N_DAYS:n includes today (n + 1 days); NEXT_N_DAYS:n starts tomorrow; LAST_90_DAYS is
 * LAST_N_DAYS:90 and NEXT_90_DAYS is NEXT_N_DAYS:90.
 */
export type DateRange = { start: number; end: number };

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const startOfUnit = (now: Date, unit: Unit): Date => {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (unit) {
    case 'day':
      return new Date(Date.UTC(y, m, d));
    case 'week':
      return new Date(Date.UTC(y, m, d - now.getUTCDay()));
    case 'month':
      return new Date(Date.UTC(y, m, 1));
    case 'quarter':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
  }
};

const addUnits = (date: Date, unit: Unit, k: number): number => {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  switch (unit) {
    case 'day':
      return Date.UTC(y, m, d + k);
    case 'week':
      return Date.UTC(y, m, d + 7 * k);
    case 'month':
      return Date.UTC(y, m + k, 1);
    case 'quarter':
      return Date.UTC(y, m + 3 * k, 1);
    case 'year':
      return Date.UTC(y + k, 0, 1);
  }
};

/** Units from the current one: [from, to) — e.g. LAST_MONTH is month [-1, 0). */
const span = (now: Date, unit: Unit, from: number, to: number): DateRange => {
  const base = startOfUnit(now, unit);
  return { start: addUnits(base, unit, from), end: addUnits(base, unit, to) };
};

const FIXED: Record<string, [Unit, number, number]> = {
  YESTERDAY: ['day', -1, 0],
  TODAY: ['day', 0, 1],
  TOMORROW: ['day', 1, 2],
  LAST_WEEK: ['week', -1, 0],
  THIS_WEEK: ['week', 0, 1],
  NEXT_WEEK: ['week', 1, 2],
  LAST_MONTH: ['month', -1, 0],
  THIS_MONTH: ['month', 0, 1],
  NEXT_MONTH: ['month', 1, 2],
  LAST_90_DAYS: ['day', -90, 1],
  NEXT_90_DAYS: ['day', 1, 91],
  LAST_QUARTER: ['quarter', -1, 0],
  THIS_QUARTER: ['quarter', 0, 1],
  NEXT_QUARTER: ['quarter', 1, 2],
  LAST_FISCAL_QUARTER: ['quarter', -1, 0],
  THIS_FISCAL_QUARTER: ['quarter', 0, 1],
  NEXT_FISCAL_QUARTER: ['quarter', 1, 2],
  LAST_YEAR: ['year', -1, 0],
  THIS_YEAR: ['year', 0, 1],
  NEXT_YEAR: ['year', 1, 2],
  LAST_FISCAL_YEAR: ['year', -1, 0],
  THIS_FISCAL_YEAR: ['year', 0, 1],
  NEXT_FISCAL_YEAR: ['year', 1, 2],
};

const N_UNITS: Record<string, Unit> = {
  DAYS: 'day', WEEKS: 'week', MONTHS: 'month', QUARTERS: 'quarter', YEARS: 'year', FISCAL_QUARTERS: 'quarter', FISCAL_YEARS: 'year',
};

const N_LITERAL = /^(LAST_N|NEXT_N|N)_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)(_AGO)?$/;

const nRange = (name: string, n: number, now: Date): DateRange | null => {
  const m = N_LITERAL.exec(name);
  const unit = m ? N_UNITS[m[2] ?? ''] : undefined;
  if (!m || !unit) return null;
  const kind = m[1];
  const ago = m[3] !== undefined;
  if (kind === 'N' && ago) return span(now, unit, -n, -n + 1);
  if (ago) return null;
  // Days count today in LAST_N_DAYS; larger units count whole units before/after the current one.
  if (kind === 'LAST_N') return unit === 'day' ? span(now, unit, -n, 1) : span(now, unit, -n, 0);
  if (kind === 'NEXT_N') return span(now, unit, 1, n + 1);
  return null;
};

export const dateLiteralRange = (name: string, n: number | null, now: Date): DateRange | null => {
  if (n === null) {
    const fixed = FIXED[name];
    return fixed ? span(now, fixed[0], fixed[1], fixed[2]) : null;
  }
  return nRange(name, n, now);
};

/** Checked at compile time so a misspelt literal fails before any row is read. */
export const isSupportedDateLiteral = (name: string, n: number | null): boolean =>
  dateLiteralRange(name, n, new Date(0)) !== null;
