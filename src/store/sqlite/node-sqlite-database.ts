import type { DatabaseSync, StatementSync, SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { rowBuilder, type RowBuilder } from './sqlite-row-builder.ts';
import type { WalCheckpointer } from './wal-checkpointer.ts';

/**
 * Lets Kysely's SqliteDialect (written against better-sqlite3) drive Node's built-in
 * `node:sqlite`, so the embedded store needs no native addon. Kysely ships no node:sqlite
 * dialect in 0.29; the differences it needs bridged are small:
 * - better-sqlite3 statements expose `reader`; node:sqlite's tell by `columns()` being non-empty
 *   (an INSERT … RETURNING has columns and is read with `all`, as Kysely expects).
 * - better-sqlite3 takes the parameter array as one argument; node:sqlite takes them spread.
 * - better-sqlite3 binds booleans as 1/0; node:sqlite documents no boolean binding, so they are
 *   converted here, once for every query (booleans come back as 1/0 either way).
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  /**
   * Kysely prepares every query it runs. Preparing a 1,000-row upsert (21,000 parameters) takes
   * ~10 ms here, as long as running it, so prepared statements are kept by SQL text (most
   * recently used last, oldest evicted).
   */
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #cacheSize: number;
  readonly #checkpointer: WalCheckpointer | undefined;

  constructor(db: DatabaseSync, options: { statementCacheSize?: number; checkpointer?: WalCheckpointer } = {}) {
    this.#db = db;
    this.#cacheSize = options.statementCacheSize ?? 64;
    this.#checkpointer = options.checkpointer;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const prepared = new NodeSqliteStatement(this.#db.prepare(beginImmediately(sql)));
    const checkpointer = this.#checkpointer;
    const statement = checkpointer !== undefined && isCommit(sql) ? new CommitStatement(prepared, checkpointer) : prepared;
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#cacheSize) {
      const oldest = this.#statements.keys().next();
      if (oldest.done !== true) this.#statements.delete(oldest.value);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#checkpointer?.stop();
    if (!this.#db.isOpen) return;
    // SQLite's advice for connections that do real work: refresh the planner's index statistics on
    // close — with analysis_limit, as its docs also advise, so a stale million-row table is
    // sampled (~400 rows an index) instead of read whole while the user waits for the exit.
    this.#db.exec('pragma analysis_limit = 400');
    this.#db.exec('pragma optimize');
    this.#db.close();
  }
}

/**
 * Every store transaction writes, so it takes SQLite's write lock when it begins. A deferred
 * `begin` takes it at the first write instead, and if another process (a second `sextant`
 * command on the same file) wrote in between, SQLite fails that write with SQLITE_BUSY at once,
 * busy_timeout or not; `begin immediate` waits for the lock under busy_timeout instead.
 */
const beginImmediately = (sql: string): string => (sql.trim().toLowerCase() === 'begin' ? 'begin immediate' : sql);

const isCommit = (sql: string): boolean => sql.trim().toLowerCase() === 'commit';

/** Kysely's `commit`: tells the checkpointer once it has succeeded. */
class CommitStatement implements SqliteStatement {
  readonly reader = false;
  readonly #commit: SqliteStatement;
  readonly #checkpointer: WalCheckpointer;

  constructor(commit: SqliteStatement, checkpointer: WalCheckpointer) {
    this.#commit = commit;
    this.#checkpointer = checkpointer;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#commit.all(parameters);
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    const result = this.#commit.run(parameters);
    this.#checkpointer.committed();
    return result;
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#commit.iterate(parameters);
  }
}

/** Copies the parameters only when one needs converting (the record upserts bind 1/0 already). */
export const bindable = (parameters: ReadonlyArray<unknown>): SQLInputValue[] => {
  // An indexed loop: `for…of` over a large holey or frozen array is several times slower in V8.
  for (let i = 0; i < parameters.length; i++) {
    if (typeof parameters[i] === 'boolean') return parameters.map((v) => (typeof v === 'boolean' ? Number(v) : v) as SQLInputValue);
  }
  return parameters as SQLInputValue[];
};

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;
  /** Rows come back as arrays, made into objects by `rowBuilder` (see there why). */
  readonly #arrays: boolean;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
    // setReturnArrays is Node 24's; on Node 22 rows stay node:sqlite's own objects.
    this.#arrays = this.reader && typeof statement.setReturnArrays === 'function';
    if (this.#arrays) statement.setReturnArrays(true);
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows: unknown[] = this.#statement.all(...bindable(parameters));
    if (!this.#arrays || rows.length === 0) return rows;
    const build = this.#rowBuilder();
    for (let i = 0; i < rows.length; i++) rows[i] = build(rows[i] as unknown[]);
    return rows;
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...bindable(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    const rows = this.#statement.iterate(...bindable(parameters));
    return this.#arrays ? this.#objects(rows) : rows;
  }

  *#objects(rows: Iterable<unknown>): IterableIterator<unknown> {
    let build: RowBuilder | undefined;
    for (const row of rows) {
      build ??= this.#rowBuilder();
      yield build(row as unknown[]);
    }
  }

  /**
   * Asked after the statement ran, every time: SQLite recompiles a cached statement when the
   * schema changed since it was prepared, and a `select *` then returns other columns.
   */
  #rowBuilder(): RowBuilder {
    return rowBuilder(this.#statement.columns().map((c) => c.name));
  }
}
