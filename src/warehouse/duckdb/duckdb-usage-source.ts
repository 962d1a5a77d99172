import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { isSextantError, type SextantError } from '../../domain/sextant-error.ts';
import type { DayRange } from '../../domain/usage.ts';
import type { RawUsageRow, RollupColumns, UsageSource } from '../../pipeline/usage-source.port.ts';
import { repage } from '../raw-rows.ts';
import { chunkColumns } from './chunk-columns.ts';
import { chunkRows } from './chunk-rows.ts';
import type { BoundSql } from '../sql/bind-parameters.ts';
import { parameterValues } from '../usage-statements.ts';
import type { UsageStatements } from '../usage-statements.ts';
import { warehouseError } from '../warehouse-errors.ts';
import { usageFileViews } from './file-views.ts';
import type { UsageFiles, UsageViews } from './file-views.ts';

const DUCKDB_MEMORY_LIMIT = '768MB';
/** DuckDB's vector size: the most rows a result chunk holds. */
const DUCKDB_CHUNK_ROWS = 2_048;

export type DuckDbUsageSourceOptions = {
  files: UsageFiles;
  views: UsageViews;
  statements: UsageStatements;
  /** The rollups as rollup-columns-sql.ts writes them; only for Sextant's generated SQL. */
  rollupColumns?: BoundSql | undefined;
  pageRows: number;
};

/** DuckDB reports errors as 'Binder Error: …', 'Conversion Error: …'; the prefix decides. */
export const classifyDuckDbError = (err: unknown): SextantError => {
  // Already classified (a page reader's own error): passed on as it is.
  if (isSextantError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0] ?? message;
  if (/^IO Error: No files found/.test(first)) {
    return warehouseError('WAREHOUSE_FILES_NOT_FOUND', 'config', `usage files: ${first}`, {
      cause: err, hints: ['Check source.events / source.licenses: paths resolve against the working directory.', 'Run `sextant demo` to write the demo files.'],
    });
  }
  if (/^(Binder|Parser|Catalog|IO) Error/.test(first)) {
    return warehouseError('WAREHOUSE_QUERY_FAILED', 'config', `DuckDB: ${first}`, {
      cause: err, hints: ['Check the column names in usage.events.columns against the file header.'],
    });
  }
  if (/^(Conversion|Invalid Input|Out of Range) Error/.test(first)) return warehouseError('WAREHOUSE_QUERY_FAILED', 'data', `DuckDB: ${first}`, { cause: err });
  return warehouseError('WAREHOUSE_QUERY_FAILED', 'fatal', `DuckDB: ${first}`, { cause: err });
};

/**
 * The embedded default: DuckDB in-process over CSV or Parquet exports. Each query gets its own
 * connection (a DuckDB connection streams one result at a time, and the pipeline may read
 * rollups and accounts side by side) and streams its result, so memory holds one page, not the
 * result. close() ends every connection and the database.
 */
export class DuckDbUsageSource implements UsageSource {
  readonly kind = 'duckdb';
  readonly #instance: DuckDBInstance;
  readonly #statements: UsageStatements;
  readonly #rollupColumns: BoundSql | undefined;
  readonly #pageRows: number;
  readonly #connections = new Set<DuckDBConnection>();
  #closed = false;

  private constructor(instance: DuckDBInstance, options: DuckDbUsageSourceOptions) {
    this.#instance = instance;
    this.#statements = options.statements;
    this.#rollupColumns = options.rollupColumns;
    this.#pageRows = options.pageRows;
  }

  /** Opens an in-memory database with a view per file; a missing file fails here, not mid-run. */
  static async open(options: DuckDbUsageSourceOptions): Promise<DuckDbUsageSource> {
    const views = usageFileViews(options.files, options.views);
    // DuckDB takes 80% of RAM by default: 2.6 GB while aggregating 11M events (bench/usage),
    // beside a CLI that aims for ~400 MB. A cap, with a folder to spill large GROUP BYs to.
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: DUCKDB_MEMORY_LIMIT, temp_directory: path.join(tmpdir(), `sextant-duckdb-${process.pid}`) });
    try {
      const conn = await instance.connect();
      try {
        for (const sql of views) await conn.run(sql);
      } finally {
        conn.closeSync();
      }
    } catch (err) {
      instance.closeSync();
      throw classifyDuckDbError(err);
    }
    return new DuckDbUsageSource(instance, options);
  }

  dailyRollups(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#rows(this.#statements.rollups, range);
  }

  /** A chunk at a time, whatever pageRows says: columns hold no object per row to keep young. */
  dailyRollupColumns(range: DayRange): AsyncIterable<RollupColumns> | undefined {
    const sql = this.#rollupColumns;
    if (sql === undefined) return undefined;
    return this.#run(sql, range, async function* (chunks, names) {
      for await (const chunk of chunks) yield chunkColumns(chunk, names);
    });
  }

  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#rows(this.#statements.accounts, range);
  }

  #rows(sql: BoundSql, range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(sql, range, (chunks, names) => {
      const rows = async function* (): AsyncGenerator<RawUsageRow[]> {
        for await (const chunk of chunks) yield chunkRows(chunk, names);
      };
      // DuckDB's own chunks (2,048 rows) are handed on as they come when pageRows allows: rows
      // built a chunk at a time and parsed straight away die young, where gathering 10,000 of
      // them kept them alive long enough to be promoted and collected again (bench/usage).
      return this.#pageRows >= DUCKDB_CHUNK_ROWS ? rows() : repage(rows(), this.#pageRows);
    });
  }

  /** Streams `sql`'s result chunks, with its canonical column names, through `pages`. */
  async *#run<P>(sql: BoundSql, range: DayRange, pages: (chunks: AsyncIterable<DuckDBDataChunk>, names: readonly string[]) => AsyncIterable<P>): AsyncGenerator<P, void, undefined> {
    if (this.#closed) throw warehouseError('WAREHOUSE_QUERY_FAILED', 'fatal', 'DuckDB usage source is closed');
    const conn = await this.#instance.connect();
    this.#connections.add(conn);
    try {
      // The SQL converts to UTC explicitly; the session zone still decides how a naive timestamp
      // column (no offset) is read, and UTC is the convention for those.
      await conn.run("SET TimeZone = 'UTC'");
      const result = await conn.stream(sql.text, parameterValues(sql, range));
      // Canonical (lower-case) names straight away: see canonicalNames.
      const names = result.columnNames().map((name) => name.toLowerCase());
      const chunks = async function* (): AsyncGenerator<DuckDBDataChunk> {
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
      };
      yield* pages(chunks(), names);
    } catch (err) {
      throw classifyDuckDbError(err);
    } finally {
      this.#connections.delete(conn);
      conn.closeSync();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const conn of this.#connections) conn.closeSync();
    this.#connections.clear();
    this.#instance.closeSync();
  }
}
