import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText } from './dialect-columns.ts';

/** Per object: the committed cursor, and the checkpoint that lets a killed or deferred run resume. */
export const syncCursorsMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyText(dialect);
    await db.schema.createTable('sync_cursors')
      .addColumn('object', 'text', (c) => c.primaryKey())
      .addColumn('cursor_system_modstamp', key)
      .addColumn('cursor_last_id', key)
      .addColumn('cursor_committed_at', 'text')
      .addColumn('checkpoint_mode', 'text')
      .addColumn('checkpoint_run_id', 'text')
      .addColumn('checkpoint_upper_bound', key)
      .addColumn('checkpoint_progress_system_modstamp', key)
      .addColumn('checkpoint_progress_last_id', key)
      .addColumn('checkpoint_next_records_url', 'text')
      .addColumn('checkpoint_bulk_job_id', 'text')
      .addColumn('checkpoint_bulk_locator', 'text')
      .addColumn('checkpoint_rows_done', 'integer')
      .addColumn('checkpoint_saved_at', 'text')
      .addColumn('last_full_sync_at', 'text')
      .addColumn('last_hard_delete_sweep_at', 'text')
      .execute();
  },
});
