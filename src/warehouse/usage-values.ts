import { isoDayNumber } from '../domain/utc-calendar.ts';
import { formatUtcInstant, parseUtcInstant } from '../domain/utc-instant.ts';

/**
 * Warehouse values as drivers hand them over, read into plain ones. Counts arrive as numbers,
 * bigints (DuckDB) or numeric strings (pg's int8 and numeric, Snowflake, BigQuery); days as
 * Dates at UTC midnight or 'YYYY-MM-DD'; timestamps as Dates or strings in a few spellings.
 * Each reader returns undefined for "present but unreadable", so the caller names the column.
 */

const INTEGER_TEXT = /^\s*[+-]?\d+(\.0*)?\s*$/;

/** A whole number (possibly negative), or undefined. */
export const readInteger = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : undefined;
  }
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
};

/** A real calendar day written exactly 'YYYY-MM-DD'. */
const isRealDay = (text: string): boolean => text.length === 10 && !Number.isNaN(isoDayNumber(text));

/** A UTC day 'YYYY-MM-DD' from a Date (its UTC date) or a day string; undefined otherwise. */
export const readDay = (value: unknown): string | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return isRealDay(text) ? text : undefined;
};

/** 'YYYY-MM-DD[ T]HH:mm[:ss[.fff…]]' then an optional zone: Z, ±HH, ±HH:mm or ±HHmm. */
const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An instant as ISO-8601 UTC with milliseconds ('2026-01-05T14:03:11.000Z'). Text without a
 * zone is read as UTC: Sextant's SQL returns UTC times, and a naive timestamp in a warehouse
 * is, by the usual convention, UTC.
 */
export const readInstant = (value: unknown): string | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatUtcInstant(value.getTime());
  if (typeof value !== 'string') return undefined;
  // Already in the one spelling Sextant keeps: the usual case, millions of rows a load.
  if (!Number.isNaN(parseUtcInstant(value))) return value;
  const m = TIMESTAMP_TEXT.exec(value.trim());
  if (m === null || !isRealDay(m[1]!)) return undefined;
  const [hh, mm, rest = '0'] = m[2]!.split(':');
  const seconds = Number(rest);
  if (Number(hh) > 23 || Number(mm) > 59 || seconds >= 60) return undefined;
  let zone = (m[3] ?? 'Z').toUpperCase();
  if (zone === 'UTC') zone = 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  // Date parses ISO with at most millisecond precision: cut longer fractions (micro/nanoseconds).
  const time = `${hh}:${mm}:${rest.includes('.') ? rest.slice(0, rest.indexOf('.') + 4).padEnd(6, '0') : rest.padStart(2, '0')}`;
  const date = new Date(`${m[1]}T${time}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** A string as given, or undefined for anything else. */
export const readText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
