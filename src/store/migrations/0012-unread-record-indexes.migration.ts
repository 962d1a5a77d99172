import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Drops the secondary indexes 0001 put on the record tables. Nothing reads them: reconcile,
 * score, verify, backtest and nps walk a table in id order (iterateRecords) and group in memory,
 * and every other read is by id. Yet every synced row paid for them: SQLite maintains an index
 * whenever an upsert assigns its column, even to the value it already holds, so an incremental
 * sync rewrote each changed row's unchanged index entries — a random B-tree page apiece, written
 * to the WAL and again at the checkpoint. Measured on bench/sync's 1M-record store with its
 * 10,062 changed rows: 2.5 WAL pages per account and 2 per contact, 16,200 pages by the fourth
 * object, so the 16,384-page autocheckpoint fell inside Opportunity's last commit (0.41–0.47 s:
 * the "slow Opportunity" of the incremental run); without the indexes, 9,900 pages in all, one
 * per row, and the store's share of the run fell from ~1.1 s to ~0.6 s. Dropped on both
 * dialects, as 0005 did for the SystemModstamp indexes; a query that needs one adds it back.
 */
const UNREAD_INDEXES = ['accounts_product_key', 'accounts_website', 'contacts_account_id', 'opportunities_account_id', 'subscriptions_account_id'] as const;

export const unreadRecordIndexesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const index of UNREAD_INDEXES) await db.schema.dropIndex(index).ifExists().execute();
  },
};
