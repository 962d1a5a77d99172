import type { Kysely } from 'kysely';
import { parseDatabaseUrl } from './database-url.ts';
import { KyselyStore } from './kysely-store.ts';
import { openPostgres } from './postgres/open-postgres.ts';
import type { StoreDatabase } from './schema/store-database.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import type { Store } from './store.ts';

/**
 * Opens the store `SEXTANT_DATABASE_URL` names (`sqlite:PATH`, `sqlite::memory:`, or
 * `postgres://…`) and brings its schema up to date, unless `migrate: false`.
 * Throws CONFIG_INVALID for a malformed URL, STORE_UNAVAILABLE when the database cannot be reached.
 */
export const openStore = async (databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> => {
  const location = parseDatabaseUrl(databaseUrl);
  const db: Kysely<StoreDatabase> = location.dialect === 'sqlite' ? openSqlite(location.file) : await openPostgres(location.url);
  const sqliteFile = location.dialect === 'sqlite' && location.file !== ':memory:' ? location.file : undefined;
  const store = new KyselyStore(db, location.dialect, { sqliteFile });
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
};
