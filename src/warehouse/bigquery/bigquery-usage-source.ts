import type { DayRange } from '../../domain/usage.ts';
import type { RawUsageRow, UsageSource } from '../../pipeline/usage-source.port.ts';
import type { BoundSql } from '../sql/bind-parameters.ts';
import type { UsageStatements } from '../usage-statements.ts';
import type { BigQueryClient } from './bigquery-client.ts';

/**
 * BigQuery through its REST API (jobs.query / getQueryResults) with named DATE parameters
 * @from and @to; pages are `pageRows` rows (maxResults).
 */
export class BigQueryUsageSource implements UsageSource {
  readonly kind = 'bigquery';
  readonly #client: BigQueryClient;
  readonly #statements: UsageStatements;

  constructor(client: BigQueryClient, statements: UsageStatements) {
    this.#client = client;
    this.#statements = statements;
  }

  #run(sql: BoundSql, range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#client.query(sql.text, sql.parameters.map((name) => ({ name, value: range[name] })));
  }

  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(this.#statements.rollups, range);
  }

  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(this.#statements.accounts, range);
  }

  /** Stateless HTTPS: nothing to release. */
  async close(): Promise<void> {}
}
