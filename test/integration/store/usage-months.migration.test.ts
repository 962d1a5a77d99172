import { expect } from 'chai';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { storeMigrations } from '../../../src/store/migrations/store-migrations.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { openPostgres } from '../../../src/store/postgres/open-postgres.ts';
import type { StoreDatabase } from '../../../src/store/schema/store-database.ts';
import { openSqlite } from '../../../src/store/sqlite/open-sqlite.ts';
import { parseDatabaseUrl } from '../../../src/store/database-url.ts';
import { collect, createTestDatabase, STORE_DIALECTS } from './store-targets.ts';

const T0 = '2026-08-01T06:00:00.000Z';
const T1 = '2026-09-02T06:00:00.000Z';

for (const dialect of STORE_DIALECTS) {
  describe(`store: 0009 packs usage days into months (${dialect})`, () => {
    it('carries every stored day over losslessly; volumes and counts agree; a reload changes nothing', async () => {
      const database = await createTestDatabase[dialect]();
      try {
        const target = parseDatabaseUrl(database.url);
        const db: Kysely<StoreDatabase> = target.dialect === 'sqlite' ? openSqlite(target.file) : await openPostgres(target.url);
        const upTo0008 = Object.fromEntries(Object.entries(storeMigrations(dialect)).filter(([name]) => name < '0009'));
        await new Migrator({ db, provider: { getMigrations: async () => upTo0008 } }).migrateToLatest();
        // Rows as the 0006 store held them: feature counts as JSON text, instants as loaded.
        const rows: [string, string, number, number, string | null, number, string, number | null, string, string | null][] = [
          ['K-1', '2026-08-30', 2, 3, '2026-08-30T15:00:00.000Z', 9, '{"dashboards":4,"reports":1}', 10, T0, 'r1'],
          ['K-1', '2026-08-31', 1, 0, null, 1, '{}', 10, T0, 'r1'],
          ['K-1', '2026-09-01', 4, 6, '2026-09-01T23:59:59.999Z', 30, '{"workflows":12}', null, T1, 'r2'],
          [' k-1', '2026-09-01', 1, 1, '2026-09-01T08:00:00.000Z', 1, '{}', null, T1, 'r2'],
          ['00123', '2026-07-15', 0, 0, null, 0, '{}', 0, T0, null],
        ];
        for (const r of rows) {
          await sql`insert into usage_days (account_key, day, active_users, logins, last_login_at, events, feature_events, licenses, loaded_at, run_id)
            values (${sql.join(r)})`.execute(db);
        }
        await db.destroy();

        const store = await openStore(database.url, { migrate: false });
        try {
          expect(await store.migrate()).to.deep.equal(Object.keys(storeMigrations(dialect)).filter((name) => name >= '0009'));
          const days = (await collect(store.usageDays())).flat();
          expect(days).to.deep.equal([
            { accountKey: ' k-1', day: '2026-09-01', activeUsers: 1, logins: 1, lastLoginAt: '2026-09-01T08:00:00.000Z', featureEvents: {}, events: 1, licenses: null },
            { accountKey: '00123', day: '2026-07-15', activeUsers: 0, logins: 0, lastLoginAt: null, featureEvents: {}, events: 0, licenses: 0 },
            { accountKey: 'K-1', day: '2026-08-30', activeUsers: 2, logins: 3, lastLoginAt: '2026-08-30T15:00:00.000Z', featureEvents: { dashboards: 4, reports: 1 }, events: 9, licenses: 10 },
            { accountKey: 'K-1', day: '2026-08-31', activeUsers: 1, logins: 0, lastLoginAt: null, featureEvents: {}, events: 1, licenses: 10 },
            { accountKey: 'K-1', day: '2026-09-01', activeUsers: 4, logins: 6, lastLoginAt: '2026-09-01T23:59:59.999Z', featureEvents: { workflows: 12 }, events: 30, licenses: null },
          ]);
          expect(await store.countUsageDays()).to.equal(5);
          await store.refreshUsageVolumes();
          expect((await store.listUsageAccounts()).map((a) => [a.accountKey, a.events, a.firstDay, a.lastDay])).to.deep.equal([
            [' k-1', 1, '2026-09-01', '2026-09-01'], ['00123', 0, '2026-07-15', '2026-07-15'], ['K-1', 40, '2026-08-30', '2026-09-01'],
          ]);
          expect(await store.upsertUsageDays(days)).to.equal(0);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
