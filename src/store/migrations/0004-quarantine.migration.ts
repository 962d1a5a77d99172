import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText, serialKey } from './dialect-columns.ts';

/** Rows that could not be normalised, with their reason and raw values: nothing is dropped silently. */
export const quarantineMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createTable('quarantine')
      .addColumn('id', 'integer', serialKey(dialect))
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('object', 'text', (c) => c.notNull())
      .addColumn('source_id', keyText(dialect))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('quarantined_at', 'text', (c) => c.notNull())
      .execute();
    // "Why is this record missing?" looks a Salesforce id up; the run report counts by run.
    await db.schema.createIndex('quarantine_object_source_id').on('quarantine').columns(['object', 'source_id']).execute();
    await db.schema.createIndex('quarantine_run_id').on('quarantine').column('run_id').execute();
  },
});
