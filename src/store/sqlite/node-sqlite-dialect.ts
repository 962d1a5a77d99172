import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

/**
 * SQLite's DDL is transactional, but Kysely's SqliteAdapter says it is not, so its Migrator
 * would run migrations outside a transaction: a migration failing halfway would leave a
 * half-built schema, and two processes opening a new file at once could both migrate it. Saying
 * so makes the Migrator wrap pending migrations in one transaction, which NodeSqliteDatabase
 * begins `immediate`: the second process waits for the first and then finds nothing to do.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
