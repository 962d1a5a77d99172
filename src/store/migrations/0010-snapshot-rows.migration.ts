import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';

/**
 * SQLite: health_snapshots becomes a rowid table with a unique (account_id, as_of) index.
 * A snapshot is ~2.5 KB of JSON, and 0007 kept the rows in their (account_id, as_of) key B-tree
 * (WITHOUT ROWID), where a row that large spills into overflow pages and each day's run inserts
 * beside every account's earlier days, all over the file. In a rowid table a day's snapshots are
 * appended and only the small index entries land in between: writing 80k snapshots for a new day
 * took 2.7 s instead of 4.9 s, rewriting them the same day 0.5 s instead of 5.7 s (measured
 * here). PostgreSQL tables are heaps already: nothing to do there.
 */
export const snapshotRowsMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect !== 'sqlite') return;
    await sql`create table health_snapshots_rows (
      account_id text not null, as_of text not null, score integer, colour text not null, snapshot text not null, run_id text)`.execute(db);
    await sql`insert into health_snapshots_rows select account_id, as_of, score, colour, snapshot, run_id from health_snapshots order by as_of, account_id`.execute(db);
    await sql`drop table health_snapshots`.execute(db);
    await sql`alter table health_snapshots_rows rename to health_snapshots`.execute(db);
    await sql`create unique index health_snapshots_pk on health_snapshots (account_id, as_of)`.execute(db);
    // The trend and the dashboards read every account's snapshot of one day.
    await sql`create index health_snapshots_as_of on health_snapshots (as_of)`.execute(db);
  },
});
