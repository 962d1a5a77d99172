import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText } from './dialect-columns.ts';

/**
 * NPS survey responses. Keyed by the response's stable id (respondent as the file names them,
 * and the instant), so loading the same file twice changes nothing and a corrected export
 * rewrites its rows in place. On SQLite the table is WITHOUT ROWID (rows live in the id B-tree,
 * which every reload probes); the health score reads the latest response per account at or
 * before a day, hence the (account_id, responded_at) index.
 */
export const npsMigration = (dialect: StoreDialect): Migration => {
  const key = keyText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const table = db.schema.createTable('nps_responses')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('source_id', 'text')
        .addColumn('contact_id', key)
        .addColumn('email', 'text')
        .addColumn('account_id', key)
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('responded_at', key, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text');
      await (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
      await db.schema.createIndex('nps_responses_account_id').on('nps_responses').columns(['account_id', 'responded_at']).execute();
    },
  };
};
