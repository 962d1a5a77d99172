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

export interface UsageSource {
  /** 'duckdb' | 'postgres' | 'snowflake' | 'bigquery', for logs and run steps. */
  readonly kind: string;
  /** Daily rollups for every day in `range` (inclusive), in pages, so memory stays flat. */
  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]>;
  /** One row per account key seen in `range`: its users' main email domain, its name, its seats. */
  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]>;
  close(): Promise<void>;
}
