import type { IsoDay, UsageAccount, UsageDay } from '../domain/usage.ts';
import type { RawUsageRow } from '../pipeline/usage-source.port.ts';
import { readDay, readInstant, readInteger, readText } from './usage-values.ts';

/**
 * Reads one raw row from any usage source into the domain, or says why not. Pure and shared by
 * every adapter, so a bad row is rejected the same way whether it came from DuckDB or BigQuery,
 * and as data (the caller quarantines it) rather than as a thrown error that stops the run.
 */
export type UsageRowCode = 'USAGE_KEY_INVALID' | 'USAGE_COUNT_NEGATIVE' | 'USAGE_DAY_IN_FUTURE' | 'USAGE_ROW_INVALID';

/** `path` names the column at fault. */
export type UsageRowRejection = { ok: false; code: UsageRowCode; path: string; reason: string };

export type UsageRollupParse = { ok: true; day: UsageDay } | UsageRowRejection;
export type UsageAccountParse = { ok: true; account: UsageAccount } | UsageRowRejection;

export type UsageRowContext = {
  coreFeatures: readonly string[];
  /** Rows for days after asOf's UTC day are rejected: clock skew or a bad timestamp upstream. */
  asOf: Date;
};

/** Salesforce text fields (where a product key is stored) hold at most 255 characters. */
const MAX_KEY_LENGTH = 255;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

class Rejected extends Error {
  readonly rejection: UsageRowRejection;
  constructor(code: UsageRowCode, path: string, reason: string) {
    super(reason);
    this.rejection = { ok: false, code, path, reason };
  }
}

const reject = (code: UsageRowCode, path: string, reason: string): never => {
  throw new Rejected(code, path, reason);
};

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value));

/** The key verbatim: never trimmed or case-folded here; reconciliation owns normalisation. */
const accountKeyOf = (raw: RawUsageRow): string => {
  const value = raw.account_key;
  if (value === null || value === undefined) return reject('USAGE_KEY_INVALID', 'account_key', 'the account key is missing');
  const key = typeof value === 'number' || typeof value === 'bigint' ? String(value) : readText(value);
  if (key === undefined) return reject('USAGE_ROW_INVALID', 'account_key', `not a text key: ${shown(value)}`);
  if (key.trim() === '') return reject('USAGE_KEY_INVALID', 'account_key', 'the account key is empty or blank');
  if (CONTROL.test(key)) return reject('USAGE_KEY_INVALID', 'account_key', `the account key holds control characters: ${shown(key)}`);
  if (key.length > MAX_KEY_LENGTH) return reject('USAGE_KEY_INVALID', 'account_key', `the account key is longer than ${MAX_KEY_LENGTH} characters`);
  return key;
};

/** A count: missing → `whenMissing` (or a rejection when that is undefined), negative → rejected. */
const countOf = (raw: RawUsageRow, column: string, whenMissing?: null): number | null => {
  const value = raw[column];
  // The usual case, millions of times a load: a count already a whole number.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (value === null || value === undefined) {
    if (whenMissing === null) return null;
    return reject('USAGE_ROW_INVALID', column, `${column} is missing`);
  }
  const n = readInteger(value);
  if (n === undefined) return reject('USAGE_ROW_INVALID', column, `${column} is not a whole number: ${shown(value)}`);
  if (n < 0) return reject('USAGE_COUNT_NEGATIVE', column, `${column} is negative: ${n}`);
  return n;
};

/** asOf's UTC day, worked out once per asOf rather than once per row. */
let lastAsOf = Number.NaN;
let lastToday: IsoDay = '';
const todayOf = (asOf: Date): IsoDay => {
  const ms = asOf.getTime();
  if (ms !== lastAsOf) {
    lastToday = asOf.toISOString().slice(0, 10);
    lastAsOf = ms;
  }
  return lastToday;
};

const dayOf = (raw: RawUsageRow, today: IsoDay): IsoDay => {
  const day = readDay(raw.day);
  if (day === undefined) return reject('USAGE_ROW_INVALID', 'day', `day is not a date: ${shown(raw.day)}`);
  if (day > today) return reject('USAGE_DAY_IN_FUTURE', 'day', `day ${day} is after ${today}`);
  return day;
};

const instantOf = (raw: RawUsageRow, column: string): string | null => {
  const value = raw[column];
  if (value === null || value === undefined) return null;
  const at = readInstant(value);
  return at ?? reject('USAGE_ROW_INVALID', column, `${column} is not a timestamp: ${shown(value)}`);
};

const attempt = <T>(read: () => T): T | UsageRowRejection => {
  try {
    return read();
  } catch (err) {
    if (err instanceof Rejected) return err.rejection;
    throw err;
  }
};

/**
 * Why `value` is no usable account key, null when it is one: the usage load's column path
 * checks each run of rows' key once, by the same rules as parseUsageRollupRow.
 */
export const accountKeyProblem = (value: unknown): UsageRowRejection | null => {
  const result = attempt(() => accountKeyOf({ account_key: value }));
  return typeof result === 'string' ? null : result;
};

/** A daily rollup row (see the port for its columns). Core features without a column are left out. */
export const parseUsageRollupRow = (raw: RawUsageRow, context: UsageRowContext): UsageRollupParse => {
  const result = attempt((): UsageDay => {
    const accountKey = accountKeyOf(raw);
    const day = dayOf(raw, todayOf(context.asOf));
    const featureEvents: Record<string, number> = {};
    for (const feature of context.coreFeatures) {
      const n = countOf(raw, `feature_${feature}`, null);
      if (n !== null) featureEvents[feature] = n;
    }
    return {
      accountKey,
      day,
      activeUsers: countOf(raw, 'active_users')!,
      logins: countOf(raw, 'logins')!,
      lastLoginAt: instantOf(raw, 'last_login_at'),
      featureEvents,
      events: countOf(raw, 'events')!,
      licenses: countOf(raw, 'licenses', null),
    };
  });
  return 'ok' in result ? result : { ok: true, day: result };
};

/** A plausible host, after trimming and lower-casing; anything else reads as "no domain". */
const HOST = /^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/;

/**
 * A usage account row. A domain that is not a host ('n/a', 'acme') becomes null rather than a
 * rejection: it only feeds the domain matching rule, and losing the name and seats with it would
 * be worse. events/firstDay/lastDay are the caller's to fill from the rollups.
 */
export const parseUsageAccountRow = (raw: RawUsageRow): UsageAccountParse => {
  const result = attempt((): UsageAccount => {
    const accountKey = accountKeyOf(raw);
    const domainText = raw.domain === null || raw.domain === undefined ? undefined : readText(raw.domain);
    if (raw.domain !== null && raw.domain !== undefined && domainText === undefined) reject('USAGE_ROW_INVALID', 'domain', `domain is not text: ${shown(raw.domain)}`);
    const host = domainText?.trim().toLowerCase().replace(/^@/, '');
    const name = raw.name === null || raw.name === undefined ? null : (readText(raw.name) ?? reject('USAGE_ROW_INVALID', 'name', `name is not text: ${shown(raw.name)}`));
    return {
      accountKey,
      domain: host !== undefined && HOST.test(host) ? host : null,
      name: name !== null && name.trim() !== '' ? name : null,
      events: 0,
      firstDay: null,
      lastDay: null,
      licenses: countOf(raw, 'licenses', null),
    };
  });
  return 'ok' in result ? result : { ok: true, account: result };
};
