import type { IsoDay } from '../domain/lifecycle.ts';
import { SextantError } from '../domain/sextant-error.ts';

/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. Lifecycle works in whole days because its
 * inputs are Salesforce Date fields (no time zone): "renewal within 120 days" compares the
 * renewal date with the day of the run, not with an instant.
 */
const MS_PER_DAY = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws DAY_INVALID for anything but a real 'YYYY-MM-DD' day. */
export const epochDay = (day: IsoDay, what = 'day'): number => {
  const m = DAY.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March; a real day survives the round trip.
  if (!m || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new SextantError('DAY_INVALID', `${what} must be a calendar day 'YYYY-MM-DD', got ${JSON.stringify(day)}`, { kind: 'data', path: what });
  }
  return ms / MS_PER_DAY;
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
