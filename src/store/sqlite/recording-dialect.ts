import {
  SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type Kysely, type QueryCompiler, type QueryResult,
} from 'kysely';
import type { SQLInputValue } from 'node:sqlite';
import { SextantError } from '../../domain/sextant-error.ts';
import { bindable } from './node-sqlite-database.ts';

export type RecordedStatement = { sql: string; parameters: SQLInputValue[] };

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);
const WRITE_TEXT = /^\s*(insert|update|delete|replace)\b/i;

/** Statements that only write: a write-behind transaction has no results to give back. */
const isWrite = (query: CompiledQuery): boolean => {
  const kind = query.query.kind;
  if (WRITES.has(kind)) return !/\breturning\b/i.test(query.sql);
  // The store's hand-built multi-row statements (batch-statement.ts) arrive as raw SQL.
  return kind === 'RawNode' && WRITE_TEXT.test(query.sql) && !/\breturning\b/i.test(query.sql);
};

/**
 * A SQLite dialect that runs nothing: the statements a write-behind transaction makes are
 * compiled exactly as on the store's connection (same adapter, same compiler) and collected,
 * for write-behind-thread.ts to run on its own connection. A read cannot be answered later, so
 * it fails at once instead of seeing no rows.
 */
export class RecordingSqliteDialect implements Dialect {
  readonly #record: (statement: RecordedStatement) => void;

  constructor(record: (statement: RecordedStatement) => void) {
    this.#record = record;
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    const connection: DatabaseConnection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (!isWrite(query)) {
          throw new SextantError('UNEXPECTED', `a write-behind transaction can only write; it tried: ${query.sql.slice(0, 80)}`, { kind: 'fatal' });
        }
        // Bound as the store's own connection binds them (booleans as 1/0): the thread runs them as given.
        this.#record({ sql: query.sql, parameters: [...bindable(query.parameters)] });
        return { rows: [] };
      },
      streamQuery: async function* () {
        throw new SextantError('UNEXPECTED', 'a write-behind transaction cannot stream a query', { kind: 'fatal' });
      },
    };
    return {
      init: async () => undefined,
      acquireConnection: async () => connection,
      // The statements recorded become one transaction on the thread: nothing to begin here.
      beginTransaction: async () => undefined,
      commitTransaction: async () => undefined,
      rollbackTransaction: async () => undefined,
      releaseConnection: async () => undefined,
      destroy: async () => undefined,
    };
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
