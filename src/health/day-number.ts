/**
 * Health works in whole UTC days: a day is its number since 1970-01-01. Usage rows arrive as
 * 'YYYY-MM-DD' by the million (100k accounts × 90 days), so days are read from the characters
 * instead of through Date.parse.
 */
import { SextantError } from '../domain/sextant-error.ts';
import { daysFromCivil } from '../domain/utc-calendar.ts';

export const MS_PER_DAY = 86_400_000;

const badDate = (iso: string): SextantError =>
  new SextantError('HEALTH_BAD_DATE', `not an ISO-8601 date: ${JSON.stringify(iso)}`, { kind: 'data', data: { value: iso } });

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * The UTC day number of 'YYYY-MM-DD' or of an ISO-8601 instant. Instants with an offset
 * ('…+02:00') go through Date.parse, since their UTC day can differ from the written one.
 */
export const dayNumber = (iso: string): number => {
  if (iso.length === 10 || (iso.length >= 20 && iso.endsWith('Z'))) {
    const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
    const m = digit(iso, 5) * 10 + digit(iso, 6);
    const d = digit(iso, 8) * 10 + digit(iso, 9);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, m, d);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw badDate(iso);
  return Math.floor(ms / MS_PER_DAY);
};

/** 'YYYY-MM-DD' of a day number. */
export const isoDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** Milliseconds since the epoch of an ISO-8601 date or instant ('YYYY-MM-DD' is midnight UTC). */
export const instantMs = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw badDate(iso);
  return ms;
};
