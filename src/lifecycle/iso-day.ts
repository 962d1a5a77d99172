import type { IsoDay } from '../domain/lifecycle.ts';
import { SextantError } from '../domain/sextant-error.ts';
import { isoDayNumber } from '../domain/utc-calendar.ts';

/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. Lifecycle works in whole days because its
 * inputs are Salesforce Date fields (no time zone): "renewal within 120 days" compares the
 * renewal date with the day of the run, not with an instant.
 */
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01; throws DAY_INVALID for anything but a real 'YYYY-MM-DD' day. */
export const epochDay = (day: IsoDay, what = 'day'): number => {
  const n = day.length === 10 ? isoDayNumber(day) : Number.NaN;
  if (Number.isNaN(n)) {
    throw new SextantError('DAY_INVALID', `${what} must be a calendar day 'YYYY-MM-DD', got ${JSON.stringify(day)}`, { kind: 'data', path: what });
  }
  return n;
};

export const dayFromEpoch = (epoch: number): IsoDay => new Date(epoch * MS_PER_DAY).toISOString().slice(0, 10);

/** Whole days from `from` to `to`: negative when `to` is earlier. */
export const daysBetween = (from: IsoDay, to: IsoDay): number => epochDay(to) - epochDay(from);

export const addDays = (day: IsoDay, days: number): IsoDay => dayFromEpoch(epochDay(day) + days);

/** The UTC day of an ISO instant ('2026-11-25T23:30:00.000Z' → '2026-11-25'), for a run's asOf. */
export const isoDayOf = (instant: string): IsoDay => {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new SextantError('DAY_INVALID', `not an ISO instant: ${JSON.stringify(instant)}`, { kind: 'data', path: 'asOf' });
  return new Date(ms).toISOString().slice(0, 10);
};
