import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText, serialKey } from './dialect-columns.ts';

/** Every run: its command, outcome, API calls and per-step counts (what `sextant status` shows). */
export const runsMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyText(dialect);
    await db.schema.createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('started_at', key, (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('api_calls', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('summary', 'text')
      .execute();
    await db.schema.createIndex('runs_started_at').on('runs').column('started_at').execute();

    await db.schema.createTable('run_steps')
      .addColumn('id', 'integer', serialKey(dialect))
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('object', 'text')
      .addColumn('read', 'integer', (c) => c.notNull())
      .addColumn('upserted', 'integer', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('quarantined', 'integer', (c) => c.notNull())
      .addColumn('api_calls', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('run_steps_run_id').on('run_steps').column('run_id').execute();
  },
});
