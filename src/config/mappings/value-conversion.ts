import type { ValueType } from './canonical-fields.ts';
import { toId18 } from '../../domain/salesforce-id.ts';

/**
 * Raw Salesforce values to canonical values. REST JSON gives typed values (numbers, booleans,
 * '+0000' datetimes); Bulk 2.0 CSV gives strings ('' for null, 'Z' datetimes). Both must end
 * as the same canonical value, so every converter accepts either form. Converters run per
 * field per row (millions of times a sync): fast paths first, the general parse last.
 */
export type RawValue = string | number | boolean | null;
export type CanonicalValue = string | number | boolean | null;

/** Returned when a value cannot be read as the type: the row is quarantined (RECORD_TYPE_INVALID). */
export const INVALID: unique symbol = Symbol('invalid');
export type Converted = CanonicalValue | typeof INVALID;
export type Converter = (value: RawValue) => Converted;

const toId: Converter = (v) => {
  if (typeof v !== 'string') return v === null ? null : INVALID;
  if (v === '') return null;
  return toId18(v) ?? INVALID;
};

const toText: Converter = (v) => {
  if (typeof v === 'string') return v === '' ? null : v;
  return v === null ? null : String(v);
};

const toNumber: Converter = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID;
  if (typeof v !== 'string') return v === null ? null : INVALID;
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return INVALID;
  // Number(' ') is 0: whitespace is no number.
  return n !== 0 || v.trim() !== '' ? n : INVALID;
};

const toBoolean: Converter = (v) => {
  if (typeof v === 'boolean' || v === null) return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === '') return null;
  if (typeof v !== 'string') return INVALID;
  const s = v.trim().toLowerCase();
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : INVALID;
};

const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const INSTANT_BODY = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}`;
const INSTANT_Z = new RegExp(`^${INSTANT_BODY}Z$`);
const INSTANT_UTC_OFFSET = new RegExp(`^${INSTANT_BODY}\\+0000$`);
const INSTANT_ANY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Any ISO datetime with an offset to 'YYYY-MM-DDTHH:mm:ss.SSSZ'. */
const instantOf = (s: string): string | typeof INVALID => {
  const n = s.length;
  // REST: 2024-05-01T10:00:00.000+0000; Bulk CSV: 2024-05-01T10:00:00.000Z.
  if (n === 24 && INSTANT_Z.test(s)) return s;
  if (n === 28 && INSTANT_UTC_OFFSET.test(s)) return `${s.slice(0, 23)}Z`;
  if (!INSTANT_ANY.test(s)) return INVALID;
  const ms = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? INVALID : new Date(ms).toISOString();
};

const toInstant: Converter = (v) => {
  if (typeof v !== 'string') return v === null ? null : INVALID;
  return v === '' ? null : instantOf(v);
};

const toDate: Converter = (v) => {
  if (typeof v !== 'string') return v === null ? null : INVALID;
  if (v === '') return null;
  if (v.length === 10) return DATE.test(v) ? v : INVALID;
  const instant = instantOf(v);
  return instant === INVALID ? INVALID : instant.slice(0, 10);
};

export const CONVERTERS: Readonly<Record<ValueType, Converter>> = {
  id: toId,
  string: toText,
  number: toNumber,
  boolean: toBoolean,
  date: toDate,
  datetime: toInstant,
};
