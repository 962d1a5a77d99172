import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { SextantError } from '../../domain/sextant-error.ts';
import type { StoreDialect } from '../store.ts';
import { crmRecordsMigration } from './0001-crm-records.migration.ts';
import { syncCursorsMigration } from './0002-sync-cursors.migration.ts';
import { runsMigration } from './0003-runs.migration.ts';
import { quarantineMigration } from './0004-quarantine.migration.ts';
import { clusteredRecordsMigration } from './0005-clustered-records.migration.ts';
import { usageMigration } from './0006-usage.migration.ts';
import { healthMigration } from './0007-health.migration.ts';
import { npsMigration } from './0008-nps.migration.ts';
import { usageMonthsMigration } from './0009-usage-months.migration.ts';
import { snapshotRowsMigration } from './0010-snapshot-rows.migration.ts';
import { measureSetsMigration } from './0011-measure-sets.migration.ts';
import { unreadRecordIndexesMigration } from './0012-unread-record-indexes.migration.ts';

/**
 * Migrations are defined in code, not read from a folder, so they ship inside the package and
 * run from any working directory. Names sort in the order they must run; never rename one.
 */
export const storeMigrations = (dialect: StoreDialect): Record<string, Migration> => ({
  '0001-crm-records': crmRecordsMigration(dialect),
  '0002-sync-cursors': syncCursorsMigration(dialect),
  '0003-runs': runsMigration(dialect),
  '0004-quarantine': quarantineMigration(dialect),
  '0005-clustered-records': clusteredRecordsMigration(dialect),
  '0006-usage': usageMigration(dialect),
  '0007-health': healthMigration(dialect),
  '0008-nps': npsMigration(dialect),
  '0009-usage-months': usageMonthsMigration(dialect),
  '0010-snapshot-rows': snapshotRowsMigration(dialect),
  '0011-measure-sets': measureSetsMigration(dialect),
  '0012-unread-record-indexes': unreadRecordIndexesMigration,
});

class InCodeMigrationProvider implements MigrationProvider {
  readonly #migrations: Record<string, Migration>;

  constructor(migrations: Record<string, Migration>) {
    this.#migrations = migrations;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    return this.#migrations;
  }
}

/** Applies pending migrations; returns the names applied ([] when the schema is current). */
export const migrateToLatest = async (db: Kysely<unknown>, dialect: StoreDialect): Promise<string[]> => {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(storeMigrations(dialect)) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new SextantError('STORE_MIGRATION_FAILED', `store migration ${failed ?? ''} failed: ${String(error instanceof Error ? error.message : error)}`, {
      kind: 'fatal',
      cause: error,
      hints: ['Pending migrations run in one transaction, so none was applied: the store is as it was. Fix the cause and run again.'],
    });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
};
