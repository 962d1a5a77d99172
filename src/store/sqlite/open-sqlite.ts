import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { SextantError } from '../../domain/sextant-error.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import { NodeSqliteDatabase } from './node-sqlite-database.ts';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating it and its folder if needed) the embedded store file.
 * - WAL: readers (`sextant status`) never block the sync writing, nor it them.
 * - synchronous=NORMAL: in WAL mode a commit is then durable against a process kill (what a
 *   resumable sync needs) but not an OS crash, which costs at most the last transactions; the
 *   next run re-reads them from the committed cursor.
 * - 4 KiB pages (SQLite's default). An incremental sync rewrites ~1% of rows at random, one leaf
 *   page each, and every dirty page is written whole to the WAL and again at the checkpoint: 4 KiB
 *   pages made a 4,000-row random upsert + checkpoint ~45% cheaper than 16 KiB ones here, and with
 *   the id-clustered tables of migration 0005 the full sync lost nothing (bench/sync). Page size
 *   only takes effect when the file is created.
 * - A 64 MB page cache keeps the id and key indexes in memory during a 1M-row sync.
 */
export const openSqlite = (file: string): Kysely<StoreDatabase> => openSqliteFile(file).db;

/** How long a writer waits for another connection's write lock before SQLITE_BUSY. */
export { BUSY_TIMEOUT_MS };

/** A connection with the store's settings (see openSqlite); closed by the caller when this throws. */
const configured = (db: DatabaseSync): DatabaseSync => {
  try {
    db.exec(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('pragma page_size = 4096');
    db.exec('pragma journal_mode = wal');
    db.exec('pragma synchronous = normal');
    db.exec('pragma cache_size = -65536');
    // SQLite's default checkpoints the WAL into the database (with an fsync) whenever it passes
    // 1,000 pages — inside the committing transaction. Random updates of an incremental sync
    // dirty thousands of pages a page-of-rows, so nearly every commit paid a checkpoint (measured:
    // a 4,000-row update committed in 134 ms, 28 ms with this). A file store's checkpoints run on
    // a thread of their own (wal-checkpointer.ts); this stays as the backstop, and the last
    // connection's close checkpoints whatever is left.
    db.exec('pragma wal_autocheckpoint = 16384');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

/** SQLITE_BUSY (5) and its extended codes. */
const isBusy = (err: unknown): boolean => typeof err === 'object' && err !== null && ((err as { errcode?: number }).errcode ?? 0) % 256 === 5;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The store file opened, and its checkpointer (none for `:memory:`), which other writers tell of their commits. */
export const openSqliteFile = (file: string): { db: Kysely<StoreDatabase>; checkpointer: WalCheckpointer | undefined } => {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: DatabaseSync;
  // Two processes opening one new file at once: switching it to WAL takes an exclusive lock, and
  // SQLite answers SQLITE_BUSY at once, without its busy handler, where waiting would deadlock
  // (each holds a shared lock the other needs gone). One of them then opens again.
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      db = configured(new DatabaseSync(file));
      break;
    } catch (err) {
      if (isBusy(err) && Date.now() < deadline) {
        Atomics.wait(sleeper, 0, 0, Math.min(10 * attempt, 100));
        continue;
      }
      throw new SextantError('STORE_UNAVAILABLE', `cannot open the SQLite store ${file}: ${err instanceof Error ? err.message : String(err)}`, {
        kind: 'config',
        path: 'SEXTANT_DATABASE_URL',
        cause: err,
        hints: ['Check that the path is a writable file (not a folder) and is a Sextant SQLite store, or point SEXTANT_DATABASE_URL elsewhere.'],
      });
    }
  }
  // An in-memory database has no WAL.
  const checkpointer = file === ':memory:' ? undefined : new WalCheckpointer(file);
  return { db: new Kysely<StoreDatabase>({ dialect: new NodeSqliteDialect({ database: new NodeSqliteDatabase(db, { checkpointer }) }) }), checkpointer };
};
