import { parseDatabaseUrl } from './database-url.ts';
import { KyselyStore } from './kysely-store.ts';
import { openPostgres } from './postgres/open-postgres.ts';
import { BUSY_TIMEOUT_MS, openSqliteFile } from './sqlite/open-sqlite.ts';
import type { Store } from './store.ts';

/**
 * Opens the store `SEXTANT_DATABASE_URL` names (`sqlite:PATH`, `sqlite::memory:`, or
 * `postgres://…`) and brings its schema up to date, unless `migrate: false`.
 * Throws CONFIG_INVALID for a malformed URL, STORE_UNAVAILABLE when the database cannot be reached.
 */
export const openStore = async (databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> => {
  const location = parseDatabaseUrl(databaseUrl);
  let store: KyselyStore;
  if (location.dialect === 'sqlite') {
    const { db, checkpointer } = openSqliteFile(location.file);
    const file = location.file === ':memory:' ? undefined : { path: location.file, busyTimeoutMs: BUSY_TIMEOUT_MS, committed: () => checkpointer?.committed() };
    store = new KyselyStore(db, 'sqlite', { sqliteFile: file });
  } else {
    store = new KyselyStore(await openPostgres(location.url), 'postgres');
  }
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
