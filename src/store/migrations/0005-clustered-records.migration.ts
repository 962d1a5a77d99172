import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';

const RECORD_TABLES = ['accounts', 'contacts', 'opportunities', 'users', 'subscriptions'] as const;

/**
 * Cheaper incremental syncs (measured in bench/sync). An incremental run rewrites ~1% of rows
 * at random, so its cost is the number of B-tree pages it dirties, and SQLite then writes each
 * dirty page whole to the WAL and again at the checkpoint.
 * - The SystemModstamp indexes were never read (the cursor lives in sync_cursors), yet every
 *   changed row moved an entry in them: dropped on both dialects.
 * - On SQLite a `text primary key` table is a rowid table plus a separate index on id, so each
 *   upsert by id walked and dirtied two B-trees. WITHOUT ROWID stores rows in the id B-tree
 *   itself; the tables are rebuilt in id order.
 * The original CREATE TABLE text is reused, so the columns stay exactly what 0001 made.
 */
export const clusteredRecordsMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of RECORD_TABLES) {
      await sql`drop index if exists ${sql.ref(`${table}_system_modstamp`)}`.execute(db);
    }
    if (dialect !== 'sqlite') return;
    for (const table of RECORD_TABLES) {
      const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
      const create = rows.find((r) => r.type === 'table')?.sql;
      if (create === undefined || create === null) throw new Error(`table ${table} is missing`);
      const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql as string);
      const rebuilt = `${table}_clustered`;
      // sqlite_master keeps the statement as written: `create table "accounts" (…)`.
      const ddl = create.replace(/^create table (if not exists )?"?[a-z_]+"?/i, `create table "${rebuilt}"`);
      await sql.raw(`${ddl} without rowid`).execute(db);
      await sql`insert into ${sql.ref(rebuilt)} select * from ${sql.ref(table)} order by id`.execute(db);
      await sql`drop table ${sql.ref(table)}`.execute(db);
      await sql`alter table ${sql.ref(rebuilt)} rename to ${sql.ref(table)}`.execute(db);
      for (const index of indexes) await sql.raw(index).execute(db);
    }
  },
});
