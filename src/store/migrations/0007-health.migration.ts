import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText, serialKey } from './dialect-columns.ts';

/**
 * Health snapshots, hierarchy roll-ups and lifecycle stages.
 * - health_snapshots: one per account per scored day (a re-run the same day replaces it). The
 *   whole snapshot is kept as JSON — every measure's input, colour, points and weight — so any
 *   past score can be explained; score and colour are columns for trend and dashboard queries.
 * - health_rollups: a parent's ARR-weighted score and ARR at risk, per day.
 * - account_stages: each account's current stage; stage_transitions: every change, for time in
 *   stage and for replaying the history as it stood on a past day.
 */
export const healthMigration = (dialect: StoreDialect): Migration => {
  const key = keyText(dialect);
  const clustered = <T extends string>(table: CreateTableBuilder<T, string>): CreateTableBuilder<T, string> =>
    dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await clustered(db.schema.createTable('health_snapshots')
        .addColumn('account_id', key, (c) => c.notNull())
        .addColumn('as_of', key, (c) => c.notNull())
        .addColumn('score', 'integer')
        .addColumn('colour', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addPrimaryKeyConstraint('health_snapshots_pk', ['account_id', 'as_of'])).execute();
      // The trend reads every account's snapshot of one past day.
      await db.schema.createIndex('health_snapshots_as_of').on('health_snapshots').column('as_of').execute();

      await clustered(db.schema.createTable('health_rollups')
        .addColumn('account_id', key, (c) => c.notNull())
        .addColumn('as_of', key, (c) => c.notNull())
        .addColumn('rollup', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addPrimaryKeyConstraint('health_rollups_pk', ['account_id', 'as_of'])).execute();

      await db.schema.createTable('account_stages')
        .addColumn('account_id', key, (c) => c.primaryKey())
        .addColumn('stage', 'text')
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('assignment', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('stage_transitions')
        .addColumn('id', 'integer', serialKey(dialect))
        .addColumn('account_id', key, (c) => c.notNull())
        .addColumn('from_stage', 'text')
        .addColumn('to_stage', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .execute();
      await db.schema.createIndex('stage_transitions_account_id').on('stage_transitions').columns(['account_id', 'at']).execute();
    },
  };
};
