import type { DayRange } from '../domain/usage.ts';

/**
 * A warehouse that can answer for product usage. The aggregation runs in the warehouse: an
 * adapter sends one query (generated for its SQL dialect from the configured table and
 * columns, or the user's own SQL) and receives one row per account key per day, never raw
 * events. Rows come back with the canonical column names below, unvalidated: the caller parses
 * each with `parseUsageRollupRow` / `parseUsageAccountRow` and quarantines what fails, so every
 * adapter rejects bad rows the same way.
 *
 * Rollup columns: account_key, day, active_users, logins, last_login_at, events, licenses, and
 * one `feature_<name>` column per configured core feature.
 * Account columns: account_key, domain, name, licenses.
 */
export type RawUsageRow = Record<string, unknown>;

/**
 * A page of daily rollups as typed columns, for a source that can hand its rows over without an
 * object per row (DuckDB running Sextant's own SQL: 5M rows a 100k-account load). Numbers are NaN
 * where the value is NULL, and unvalidated like the rows: the caller checks each, and reads
 * `row(i)` — row i exactly as `dailyRollups` gives it — for any it cannot take from the columns
 * as they are, and for quarantine.
 */
export type RollupColumns = {
  readonly length: number;
  /** account_key as the warehouse returned it. */
  readonly accountKey: readonly unknown[];
  /** Days since 1970-01-01. */
  readonly day: Float64Array;
  readonly activeUsers: Float64Array;
  readonly logins: Float64Array;
  /** Milliseconds since the epoch. */
  readonly lastLoginMs: Float64Array;
  readonly events: Float64Array;
  readonly licenses: Float64Array;
  /** Per core feature (its name, without `feature_`). */
  readonly features: ReadonlyMap<string, Float64Array>;
  row(i: number): RawUsageRow;
};

export interface UsageSource {
  /** 'duckdb' | 'postgres' | 'snowflake' | 'bigquery', for logs and run steps. */
  readonly kind: string;
  /** Daily rollups for every day in `range` (inclusive), in pages, so memory stays flat. */
  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]>;
  /**
   * The same rollups as pages of columns, when this source can give them (undefined when not,
   * e.g. for the user's own SQL, whose column types are the user's): same rows, same order.
   */
  dailyRollupColumns?(range: DayRange): AsyncIterable<RollupColumns> | undefined;
  /** One row per account key seen in `range`: its users' main email domain, its name, its seats. */
  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]>;
  close(): Promise<void>;
}
