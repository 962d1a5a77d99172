import type { DayRange } from '../../domain/usage.ts';
import type { RawUsageRow, UsageSource } from '../../pipeline/usage-source.port.ts';
import { parameterValues } from '../usage-statements.ts';
import type { UsageStatements } from '../usage-statements.ts';
import type { SnowflakeClient } from './snowflake-client.ts';

/**
 * Snowflake through its SQL API v2 (plain HTTPS, no driver): the generated SQL binds the range
 * as `?` parameters, the warehouse aggregates, and rows come back one result partition per page
 * (Snowflake sizes partitions; they stay small enough to hold one at a time).
 */
export class SnowflakeUsageSource implements UsageSource {
  readonly kind = 'snowflake';
  readonly #client: SnowflakeClient;
  readonly #statements: UsageStatements;

  constructor(client: SnowflakeClient, statements: UsageStatements) {
    this.#client = client;
    this.#statements = statements;
  }

  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    const sql = this.#statements.rollups;
    return this.#client.query(sql.text, parameterValues(sql, range));
  }

  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    const sql = this.#statements.accounts;
    return this.#client.query(sql.text, parameterValues(sql, range));
  }

  /** Stateless HTTPS: nothing to release. */
  async close(): Promise<void> {}
}
