import pg from 'pg';
import type { DayRange } from '../../domain/usage.ts';
import type { RawUsageRow, UsageSource } from '../../pipeline/usage-source.port.ts';
import { canonicalNames } from '../raw-rows.ts';
import type { BoundSql } from '../sql/bind-parameters.ts';
import { SQL_DIALECTS } from '../sql/sql-dialect.ts';
import { parameterValues } from '../usage-statements.ts';
import type { UsageStatements } from '../usage-statements.ts';
import { classifyPostgresError } from './classify-postgres-error.ts';

export type PostgresUsageSourceOptions = {
  /** SEXTANT_USAGE_DATABASE_URL. */
  url: string;
  schema?: string | undefined;
  statementTimeoutSeconds: number;
  statements: UsageStatements;
  pageRows: number;
};

/** DATE and TIMESTAMP (without time zone). */
const AS_TEXT = new Set([1082, 1114]);

/**
 * pg turns a DATE into a Date at local midnight (the previous UTC day anywhere west of
 * Greenwich) and a naive TIMESTAMP into local time: both stay text, which the row parser reads
 * as UTC. (int8 and numeric already arrive as strings; timestamptz as a Date, an absolute instant.)
 */
const USAGE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL (and Redshift, which speaks its protocol): each query runs in a read-only
 * transaction through a server-side cursor, fetched `pageRows` at a time, so memory stays flat
 * however many keys and days the range holds. The session is set to UTC for the transaction only.
 */
export class PostgresUsageSource implements UsageSource {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #options: PostgresUsageSourceOptions;
  #closed = false;

  private constructor(pool: pg.Pool, options: PostgresUsageSourceOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  /** Connects once up front, so a wrong URL or password fails the run before any step starts. */
  static async open(options: PostgresUsageSourceOptions): Promise<PostgresUsageSource> {
    const pool = new pg.Pool({ connectionString: options.url, max: 2, connectionTimeoutMillis: 10_000 });
    // Without a listener, an idle client dropped by the server crashes the process.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw classifyPostgresError(err);
    }
    return new PostgresUsageSource(pool, options);
  }

  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(this.#options.statements.rollups, range);
  }

  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(this.#options.statements.accounts, range);
  }

  async *#run(sql: BoundSql, range: DayRange): AsyncGenerator<RawUsageRow[], void, undefined> {
    const { pageRows, schema, statementTimeoutSeconds } = this.#options;
    const client = await this.#pool.connect().catch((err: unknown) => {
      throw classifyPostgresError(err);
    });
    let inTransaction = false;
    let unusable = false;
    try {
      await client.query('BEGIN READ ONLY');
      inTransaction = true;
      await client.query("SET LOCAL TIME ZONE 'UTC'");
      await client.query(`SET LOCAL statement_timeout = ${statementTimeoutSeconds * 1000}`);
      if (schema !== undefined) await client.query(`SET LOCAL search_path TO ${SQL_DIALECTS.postgres.reference(schema)}, public`);
      await client.query(`DECLARE sextant_usage CURSOR FOR ${sql.text}`, parameterValues(sql, range));
      let rename: ((row: RawUsageRow) => RawUsageRow) | null | undefined;
      for (;;) {
        const page = await client.query<RawUsageRow>({ text: `FETCH FORWARD ${pageRows} FROM sextant_usage`, types: USAGE_TYPES });
        rename ??= canonicalNames(page.fields.map((f) => f.name));
        if (page.rows.length > 0) yield rename === null ? page.rows : page.rows.map(rename);
        if (page.rows.length < pageRows) break;
      }
      await client.query('COMMIT');
      inTransaction = false;
    } catch (err) {
      throw classifyPostgresError(err);
    } finally {
      // Also reached when the consumer stops early: end the transaction, which closes the cursor.
      if (inTransaction) await client.query('ROLLBACK').catch(() => { unusable = true; });
      client.release(unusable);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
