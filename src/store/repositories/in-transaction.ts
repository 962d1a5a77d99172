import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../schema/store-database.ts';

/**
 * Runs `fn` in the caller's transaction when `db` is one (so a page's upsert and its cursor
 * commit land together), otherwise in a transaction of its own (so a batch lands whole).
 */
export const inTransaction = async <T>(db: Kysely<StoreDatabase>, fn: (trx: Kysely<StoreDatabase>) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);
