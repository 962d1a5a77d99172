import type { UsageDay, UsageDayColumns } from '../../domain/usage.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import { formatUtcInstant, parseUtcInstant } from '../../domain/utc-instant.ts';

/**
 * One warehouse key's usage for one UTC calendar month, packed into bytes: the store keeps a row
 * per (key, month) instead of a row per (key, day). At 100k keys × 90 days that is ~400k rows
 * instead of 5.1M; loading them took 20 s and scoring spent most of its time reading them back
 * (bench/usage, bench/score), where per-row costs dominate and the values are a few small counts.
 *
 * Layout (every number an unsigned LEB128 varint, so a count below 128 is one byte):
 *   version (1)
 *   F, then F feature names (byte length, UTF-8), in sorted order
 *   D, then D days in ascending order, each:
 *     day of month (1–31), active users, logins, events,
 *     licences + 1 (0: none reported),
 *     last login: 0 when none, else zigzag(ms since the day's UTC midnight) + 1,
 *     F feature counts
 * A feature with no events that month is not listed; a day with no row is not stored (a day
 * absent from the warehouse's answer and a stored day of zeros stay different things).
 * The last login is kept to the millisecond, relative to its day (a user's own SQL may bucket
 * days in another zone, so the offset may fall outside 0–24 h: zigzag keeps it signed).
 */
export const USAGE_MONTH_FORMAT = 1;

/** 'YYYY-MM' of an ISO day or instant. */
export const monthOf = (day: string): string => day.slice(0, 7);

const invalid = (message: string, path: string, data: Record<string, unknown>): SextantError =>
  new SextantError('STORE_VALUE_INVALID', message, { kind: 'data', path, data });

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A growable byte buffer, reused between encodes: one copy out per month. */
class ByteWriter {
  bytes = new Uint8Array(4096);
  length = 0;

  #room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** n: a non-negative safe integer (arithmetic, not bit operations: those stop at 2³¹). */
  varint(n: number): void {
    this.#room(8);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  raw(data: Uint8Array): void {
    this.#room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
}

const writer = new ByteWriter();

/** One day's values as the writer takes them: one object, refilled for each day. */
type DayValues = {
  /** 1–31 */
  dayOfMonth: number;
  activeUsers: number;
  logins: number;
  events: number;
  /** NaN when none reported. */
  licenses: number;
  /** Milliseconds since the epoch; NaN when nobody logged in. */
  lastLoginMs: number;
  /** Per feature, in the month's feature order. */
  counts: Float64Array;
};

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

const MS_PER_DAY = 86_400_000;
const monthStartMs = (month: string): number => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
const DAY_OF_MONTH = Array.from({ length: 32 }, (_, d) => String(d).padStart(2, '0'));

/** Feature names as UTF-8, cached: a load writes the same few names into every month. */
const nameBytes = new Map<string, Uint8Array>();
const utf8 = (name: string): Uint8Array => {
  let bytes = nameBytes.get(name);
  if (bytes === undefined) {
    if (nameBytes.size > 1_000) nameBytes.clear();
    nameBytes.set(name, (bytes = encoder.encode(name)));
  }
  return bytes;
};

/**
 * The one writer of the format: `days` days of `accountKey` in `month`, each put into `into` by
 * `fill(i, into)` in ascending day order without repeats.
 */
const writeMonth = (accountKey: string, month: string, features: readonly string[], days: number, fill: (i: number, into: DayValues) => void): Uint8Array => {
  const into: DayValues = { dayOfMonth: 0, activeUsers: 0, logins: 0, events: 0, licenses: Number.NaN, lastLoginMs: Number.NaN, counts: new Float64Array(features.length) };
  const count = (value: number, what: string): number => {
    if (!Number.isSafeInteger(value) || value < 0) {
      const day = `${month}-${DAY_OF_MONTH[into.dayOfMonth] ?? into.dayOfMonth}`;
      throw invalid(`usage ${what} of ${accountKey} on ${day} is not a whole number ≥ 0: ${value}`, what, { accountKey, day });
    }
    return value;
  };
  writer.length = 0;
  writer.varint(USAGE_MONTH_FORMAT);
  writer.varint(features.length);
  for (const f of features) {
    const name = utf8(f);
    writer.varint(name.length);
    writer.raw(name);
  }
  writer.varint(days);
  const monthStart = days === 0 ? 0 : monthStartMs(month);
  for (let i = 0; i < days; i++) {
    into.licenses = Number.NaN;
    into.lastLoginMs = Number.NaN;
    fill(i, into);
    const dayOfMonth = into.dayOfMonth;
    writer.varint(dayOfMonth);
    writer.varint(count(into.activeUsers, 'activeUsers'));
    writer.varint(count(into.logins, 'logins'));
    writer.varint(count(into.events, 'events'));
    writer.varint(Number.isNaN(into.licenses) ? 0 : count(into.licenses, 'licenses') + 1);
    writer.varint(Number.isNaN(into.lastLoginMs) ? 0 : zigzag(into.lastLoginMs - (monthStart + (dayOfMonth - 1) * MS_PER_DAY)) + 1);
    for (let f = 0; f < features.length; f++) writer.varint(count(into.counts[f]!, `featureEvents.${features[f]!}`));
  }
  return writer.bytes.slice(0, writer.length);
};

/** The features with a non-zero count on any of the days, sorted. */
const featuresOf = (days: readonly UsageDay[]): string[] => {
  const names = new Set<string>();
  for (const d of days) {
    for (const f in d.featureEvents) if (d.featureEvents[f] !== 0) names.add(f);
  }
  return [...names].sort();
};

/**
 * Packs the days of one key and month. `days` must share the key and month and be in ascending
 * day order without repeats (`usage-month.repository.ts` merges and sorts them).
 */
export const encodeUsageMonth = (days: readonly UsageDay[]): Uint8Array => {
  const features = featuresOf(days);
  const accountKey = days[0]?.accountKey ?? '';
  return writeMonth(accountKey, days.length === 0 ? '' : monthOf(days[0]!.day), features, days.length, (i, into) => {
    const d = days[i]!;
    into.dayOfMonth = Number(d.day.slice(8, 10));
    into.activeUsers = d.activeUsers;
    into.logins = d.logins;
    into.events = d.events;
    if (d.licenses !== null) into.licenses = d.licenses;
    if (d.lastLoginAt !== null) {
      const canonical = parseUtcInstant(d.lastLoginAt);
      const at = Number.isNaN(canonical) ? Date.parse(d.lastLoginAt) : canonical;
      if (Number.isNaN(at)) throw invalid(`usage lastLoginAt of ${d.accountKey} on ${d.day} is not an instant: ${d.lastLoginAt}`, 'lastLoginAt', { accountKey: d.accountKey, day: d.day });
      into.lastLoginMs = at;
    }
    for (let f = 0; f < features.length; f++) into.counts[f] = d.featureEvents[features[f]!] ?? 0;
  });
};

/**
 * Packs rows [from, to) of `columns`: one key's days of one month, in ascending day order
 * without repeats. The same bytes `encodeUsageMonth` writes for the same days, with no object
 * per day (a load of 5M days: bench/usage).
 */
export const encodeUsageMonthColumns = (columns: UsageDayColumns, accountKey: string, month: string, from: number, to: number): Uint8Array => {
  const names: string[] = [];
  const counts: Float64Array[] = [];
  for (const [name, column] of columns.features) {
    for (let i = from; i < to; i++) {
      if (column[i] !== 0) {
        names.push(name);
        break;
      }
    }
  }
  names.sort();
  for (const name of names) counts.push(columns.features.get(name)!);
  const firstDay = monthStartMs(month) / MS_PER_DAY;
  return writeMonth(accountKey, month, names, to - from, (i, into) => {
    const r = from + i;
    into.dayOfMonth = columns.day[r]! - firstDay + 1;
    into.activeUsers = columns.activeUsers[r]!;
    into.logins = columns.logins[r]!;
    into.events = columns.events[r]!;
    into.licenses = columns.licenses[r]!;
    into.lastLoginMs = columns.lastLoginMs[r]!;
    for (let f = 0; f < counts.length; f++) into.counts[f] = counts[f]![r]!;
  });
};

/** Reads varints off a packed month. */
class ByteReader {
  readonly #bytes: Uint8Array;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.#bytes[this.offset++];
      if (b === undefined) throw invalid('a packed usage month ends mid-value', 'data', { offset: this.offset });
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  text(length: number): string {
    const s = decoder.decode(this.#bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return s;
  }
}

/**
 * One stored day as the reader hands it to a visitor: plain numbers, nothing allocated per day.
 * `features` and `counts` are shared by every day of the month (counts rewritten for each).
 */
export type PackedDay = {
  /** 1–31 */
  dayOfMonth: number;
  /** Days since 1970-01-01. */
  dayNumber: number;
  activeUsers: number;
  logins: number;
  events: number;
  /** NaN when none reported. */
  licenses: number;
  /** Milliseconds since the epoch; NaN when nobody logged in. */
  lastLoginMs: number;
  features: readonly string[];
  counts: Float64Array;
};

/**
 * Reads a packed month day by day into `visit`. The `day` object is reused between calls: a
 * visitor copies what it keeps. This is the one reader of the format; decodeUsageMonth builds
 * the domain's objects on it, and column readers (scoring 100k accounts) copy straight into
 * typed arrays.
 */
export const readUsageMonth = (accountKey: string, month: string, bytes: Uint8Array, visit: (day: PackedDay) => void): void => {
  const r = new ByteReader(bytes);
  const version = r.varint();
  if (version !== USAGE_MONTH_FORMAT) throw invalid(`packed usage of ${accountKey} for ${month} has format ${version}; this Sextant reads format ${USAGE_MONTH_FORMAT}`, 'data', { accountKey, month, version });
  const features: string[] = [];
  for (let f = r.varint(); f > 0; f--) features.push(r.text(r.varint()));
  const monthStart = monthStartMs(month);
  const firstDay = monthStart / MS_PER_DAY;
  const day: PackedDay = {
    dayOfMonth: 0, dayNumber: 0, activeUsers: 0, logins: 0, events: 0, licenses: Number.NaN, lastLoginMs: Number.NaN, features, counts: new Float64Array(features.length),
  };
  for (let n = r.varint(); n > 0; n--) {
    const dayOfMonth = r.varint();
    if (dayOfMonth < 1 || dayOfMonth > 31) throw invalid(`packed usage of ${accountKey} for ${month} holds a day outside the month`, 'data', { accountKey, month });
    day.dayOfMonth = dayOfMonth;
    day.dayNumber = firstDay + dayOfMonth - 1;
    day.activeUsers = r.varint();
    day.logins = r.varint();
    day.events = r.varint();
    const licenses = r.varint();
    day.licenses = licenses === 0 ? Number.NaN : licenses - 1;
    const login = r.varint();
    day.lastLoginMs = login === 0 ? Number.NaN : monthStart + (dayOfMonth - 1) * MS_PER_DAY + unzigzag(login - 1);
    for (let f = 0; f < features.length; f++) day.counts[f] = r.varint();
    visit(day);
  }
};

/** The days of one packed month, in ascending order, as the domain has them. */
export const decodeUsageMonth = (accountKey: string, month: string, bytes: Uint8Array): UsageDay[] => {
  const out: UsageDay[] = [];
  readUsageMonth(accountKey, month, bytes, (d) => {
    const featureEvents: Record<string, number> = {};
    for (let f = 0; f < d.features.length; f++) if (d.counts[f] !== 0) featureEvents[d.features[f]!] = d.counts[f]!;
    out.push({
      accountKey, day: `${month}-${DAY_OF_MONTH[d.dayOfMonth]!}`, activeUsers: d.activeUsers, logins: d.logins,
      lastLoginAt: Number.isNaN(d.lastLoginMs) ? null : formatUtcInstant(d.lastLoginMs),
      featureEvents, events: d.events, licenses: Number.isNaN(d.licenses) ? null : d.licenses,
    });
  });
  return out;
};
