import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SextantError } from '../../domain/sextant-error.ts';
import type { DayRange } from '../../domain/usage.ts';
import type { RawUsageRow, UsageSource } from '../../pipeline/usage-source.port.ts';
import { repage } from '../raw-rows.ts';
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
  pageRows: number;
};

/** DuckDB reports errors as 'Binder Error: …', 'Conversion Error: …'; the prefix decides. */
export const classifyDuckDbError = (err: unknown): SextantError => {
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
  readonly #pageRows: number;
  readonly #connections = new Set<DuckDBConnection>();
  #closed = false;

  private constructor(instance: DuckDBInstance, options: DuckDbUsageSourceOptions) {
    this.#instance = instance;
    this.#statements = options.statements;
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
    return this.#run(this.#statements.rollups, range);
  }

  usageAccounts(range: DayRange): AsyncIterable<readonly RawUsageRow[]> {
    return this.#run(this.#statements.accounts, range);
  }

  async *#run(sql: BoundSql, range: DayRange): AsyncGenerator<RawUsageRow[], void, undefined> {
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
      const chunks = async function* (): AsyncGenerator<RawUsageRow[]> {
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunkRows(chunk, names);
      };
      // DuckDB's own chunks (2,048 rows) are handed on as they come when pageRows allows: rows
      // built a chunk at a time and parsed straight away die young, where gathering 10,000 of
      // them kept them alive long enough to be promoted and collected again (bench/usage).
      yield* (this.#pageRows >= DUCKDB_CHUNK_ROWS ? chunks() : repage(chunks(), this.#pageRows));
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
