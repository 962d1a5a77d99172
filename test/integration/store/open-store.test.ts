import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { parseDatabaseUrl } from '../../../src/store/database-url.ts';
import { sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { storeMigrations } from '../../../src/store/migrations/store-migrations.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { openSqlite } from '../../../src/store/sqlite/open-sqlite.ts';
import type { HealthSnapshot } from '../../../src/domain/health.ts';
import { account, contact } from './crm-record-fixtures.ts';
import { snapshotOf } from './health-fixtures.ts';
import { createTestDatabase, describeOnEachDialect, rejectionOf } from './store-targets.ts';

const ALL_MIGRATIONS = ['0001-crm-records', '0002-sync-cursors', '0003-runs', '0004-quarantine', '0005-clustered-records', '0006-usage', '0007-health', '0008-nps', '0009-usage-months', '0010-snapshot-rows', '0011-measure-sets', '0012-unread-record-indexes'];

describeOnEachDialect('store: migrations', (ctx) => {
  it('applies every migration once; running them again is a no-op that keeps the data', async () => {
    await ctx.store().upsertRecords('accounts', [account(1)]);
    expect(await ctx.store().migrate()).to.deep.equal([]);
    await ctx.store().close();

    const reopened = await openStore(ctx.url());
    try {
      expect(await reopened.migrate()).to.deep.equal([]);
      expect(await reopened.count('accounts')).to.equal(1);
    } finally {
      await reopened.close();
    }
  });

  it('migrates a fresh database explicitly when asked not to on open', async () => {
    const fresh = await createTestDatabase[ctx.dialect]();
    const store = await openStore(fresh.url, { migrate: false });
    try {
      expect(await store.migrate()).to.deep.equal(ALL_MIGRATIONS);
      expect(await store.migrate()).to.deep.equal([]);
      expect(await store.count('contacts', { includeDeleted: true })).to.equal(0);
    } finally {
      await store.close();
      await fresh.drop();
    }
  });
});

/** The migrations up to and including `last`, to bring a store to an older schema. */
const migrationsThrough = (last: string): Record<string, Migration> =>
  Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name <= last));

const sqliteObjects = (file: string, tables: readonly string[]): { name: string; sql: string | null }[] => {
  const raw = new DatabaseSync(file);
  try {
    return raw.prepare(`select name, sql from sqlite_master where tbl_name in (${tables.map(() => '?').join(', ')})`).all(...tables) as { name: string; sql: string | null }[];
  } finally {
    raw.close();
  }
};

describe('store: 0005 rebuilds SQLite record tables clustered on id, 0012 drops their unread indexes', () => {
  it('keeps every row through both; 0005 keeps the lookup indexes and drops the SystemModstamp ones, 0012 drops the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-0005-'));
    const file = path.join(dir, 'store.db');
    try {
      const db = openSqlite(file);
      await new Migrator({ db, provider: { getMigrations: async () => migrationsThrough('0004-quarantine') } }).migrateToLatest();
      await db.destroy();
      const before = await openStore(`sqlite:${file}`, { migrate: false });
      await before.upsertRecords('accounts', [account(2), account(1), account(3, { isDeleted: true })]);
      await before.upsertRecords('contacts', [contact(1, { accountId: account(1).id })]);
      await before.close();

      const to0005 = openSqlite(file);
      await new Migrator({ db: to0005, provider: { getMigrations: async () => migrationsThrough('0005-clustered-records') } }).migrateToLatest();
      await to0005.destroy();
      const after0005 = sqliteObjects(file, ['accounts', 'contacts']);
      expect(after0005.map((o) => o.name)).to.include.members(['accounts', 'contacts', 'accounts_product_key', 'accounts_website', 'contacts_account_id']);
      expect(after0005.map((o) => o.name)).not.to.include.members(['accounts_system_modstamp', 'contacts_system_modstamp']);
      expect(after0005.find((o) => o.name === 'accounts')?.sql).to.match(/without rowid$/i);

      const latest = await openStore(`sqlite:${file}`, { migrate: false });
      expect(await latest.migrate()).to.deep.equal(ALL_MIGRATIONS.filter((name) => name > '0005-clustered-records'));
      expect(await latest.count('accounts', { includeDeleted: true })).to.equal(3);
      expect(await latest.getRecords('accounts', [account(1).id])).to.deep.equal([account(1)]);
      expect(await latest.getRecords('contacts', [contact(1).id])).to.have.length(1);
      await latest.close();
      // SQLite keeps a WITHOUT ROWID table's primary key in the table itself: no index is left.
      expect(sqliteObjects(file, ['accounts', 'contacts']).map((o) => o.name).sort()).to.deep.equal(['accounts', 'contacts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeOnEachDialect('store: record tables', (ctx) => {
  it('carry no index but their primary key, so an upsert writes the row and nothing else', async () => {
    const tables = ['accounts', 'contacts', 'opportunities', 'users', 'subscriptions'];
    const store = ctx.store();
    await store.close();
    let indexes: string[];
    if (ctx.dialect === 'sqlite') {
      const { file } = parseDatabaseUrl(ctx.url()) as { file: string };
      // sqlite_autoindex_* would be a rowid table's primary key: WITHOUT ROWID tables have none.
      indexes = sqliteObjects(file, tables).filter((o) => !tables.includes(o.name)).map((o) => o.name);
    } else {
      const client = new pg.Client({ connectionString: ctx.url() });
      await client.connect();
      try {
        const { rows } = await client.query<{ indexname: string }>('select indexname from pg_indexes where tablename = any($1) and indexname not like $2', [tables, '%_pkey']);
        indexes = rows.map((r) => r.indexname);
      } finally {
        await client.end();
      }
    }
    expect(indexes).to.deep.equal([]);
  });
});

describe('store: 0010 and 0011 keep SQLite health snapshots in a rowid table, their measure sets apart', () => {
  it('keeps every snapshot whole, and a same-day re-run still replaces rather than adds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-0010-'));
    const file = path.join(dir, 'store.db');
    const snapshot = (id: string, score: number): HealthSnapshot => ({ ...snapshotOf(id), score });
    try {
      const db = openSqlite(file);
      const upTo0009 = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0010'));
      await new Migrator({ db, provider: { getMigrations: async () => upTo0009 } }).migrateToLatest();
      // Whole snapshots, as 0007 stored them.
      for (const s of [snapshot('001A', 40), snapshot('001B', 90)]) {
        await sql`insert into health_snapshots (account_id, as_of, score, colour, snapshot, run_id) values (${s.accountId}, ${s.asOf.slice(0, 10)}, ${s.score}, ${s.colour}, ${JSON.stringify(s)}, 'r1')`.execute(db);
      }
      await db.destroy();
      const before = await openStore(`sqlite:${file}`, { migrate: false });
      expect(await before.migrate()).to.deep.equal(['0010-snapshot-rows', '0011-measure-sets', '0012-unread-record-indexes']);
      await before.saveHealthSnapshots([snapshot('001A', 45)], 'r2');
      expect((await before.scorePoints('2026-01-01', '2026-12-31')).map((p) => [p.accountId, p.score])).to.deep.equal([['001A', 45], ['001B', 90]]);
      expect(await before.healthSnapshotsOf('001B')).to.deep.equal([snapshot('001B', 90)]);
      expect(await before.healthSnapshotsOf('001A')).to.deep.equal([snapshot('001A', 45)]);
      await before.close();

      const raw = new DatabaseSync(file);
      const objects = raw.prepare("select name, sql from sqlite_master where tbl_name = 'health_snapshots'").all() as { name: string; sql: string | null }[];
      const sets = raw.prepare('select count(*) as n from health_measure_sets').get() as { n: number };
      const stored = raw.prepare("select snapshot from health_snapshots where account_id = '001B'").get() as { snapshot: string };
      raw.close();
      expect(objects.map((o) => o.name)).to.include.members(['health_snapshots', 'health_snapshots_pk', 'health_snapshots_as_of']);
      expect(objects.find((o) => o.name === 'health_snapshots')?.sql).not.to.match(/without rowid/i);
      // The rules' words are stored once, not in every snapshot.
      expect(sets.n).to.equal(1);
      expect(stored.snapshot).not.to.contain('Renewal manager');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('store: SEXTANT_DATABASE_URL', () => {
  const configInvalid = async (url: string): Promise<SextantError> => {
    const err = await rejectionOf(() => openStore(url));
    expect(err).to.be.instanceOf(SextantError);
    const e = err as SextantError;
    expect(e.code).to.equal('CONFIG_INVALID');
    expect(e.kind).to.equal('config');
    expect(e.path).to.equal('SEXTANT_DATABASE_URL');
    expect(e.hints.length).to.be.greaterThan(0);
    return e;
  };

  for (const url of ['mysql://root@localhost/sextant', 'sqlite:', '.sextant/sextant.db', 'postgres://db:port/sextant', '']) {
    it(`rejects ${JSON.stringify(url)} with CONFIG_INVALID`, async () => {
      await configInvalid(url);
    });
  }

  it('never prints the password of a rejected URL', async () => {
    const err = await configInvalid('postgres://sextant:s3cret@[bad');
    expect(err.message).to.not.contain('s3cret');
  });

  it('resolves a relative sqlite path from the working directory', () => {
    expect(parseDatabaseUrl('sqlite:.sextant/sextant.db', '/srv/app')).to.deep.equal({ dialect: 'sqlite', file: '/srv/app/.sextant/sextant.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/sextant.db', '/srv/app')).to.deep.equal({ dialect: 'sqlite', file: '/var/lib/sextant.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).to.deep.equal({ dialect: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('postgresql://u@db:5432/x')).to.deep.equal({ dialect: 'postgres', url: 'postgresql://u@db:5432/x' });
  });

  it('creates the SQLite file and its folders, in WAL mode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-open-'));
    const file = path.join(dir, 'a', 'b', 'store.db');
    try {
      const store = await openStore(`sqlite:${file}`);
      await store.close();
      expect(existsSync(file)).to.equal(true);
      const raw = new DatabaseSync(file);
      expect(raw.prepare('pragma journal_mode').get()).to.deep.include({ journal_mode: 'wal' });
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets two processes open, migrate and write one new SQLite file at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-two-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const openStoreModule = fileURLToPath(new URL('../../../src/store/open-store.ts', import.meta.url));
    // Each process writes 3,000 accounts of its own in 1,000-row transactions.
    const writer = (offset: number): string => `
      import { openStore } from ${JSON.stringify(openStoreModule)};
      const store = await openStore(${JSON.stringify(url)});
      for (let b = 0; b < 3; b++) {
        const rows = Array.from({ length: 1000 }, (_, i) => ({ id: '001' + String(${offset} + b * 1000 + i).padStart(15, '0'),
          isDeleted: false, systemModstamp: '2026-11-25T10:00:00.000Z', extra: {}, name: 'A', parentId: null, masterRecordId: null,
          ownerId: null, csmId: null, arr: null, contractStartDate: null, renewalDate: null, status: null, segment: null, industry: null,
          website: null, productKey: null, onboardingComplete: null, firstValueDate: null }));
        await store.upsertRecords('accounts', rows);
      }
      await store.close();`;
    const run = promisify(execFile);
    try {
      await Promise.all([0, 10_000].map((offset) => run(process.execPath, ['--input-type=module', '-e', writer(offset)])));
      const store = await openStore(url);
      expect(await store.count('accounts')).to.equal(6_000);
      expect(await store.migrate()).to.deep.equal([]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens an in-memory SQLite store', async () => {
    const store = await openStore('sqlite::memory:');
    await store.upsertRecords('accounts', [account(1)]);
    expect(await store.count('accounts')).to.equal(1);
    await store.close();
  });

  it('reports an unreachable PostgreSQL as STORE_UNAVAILABLE, transient, with hints', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const err = await rejectionOf(() => openStore('postgres://sextant:s3cret@127.0.0.1:1/sextant'));
    expect(err).to.be.instanceOf(SextantError);
    const e = err as SextantError;
    expect(e.code).to.equal('STORE_UNAVAILABLE');
    expect(e.kind).to.equal('transient');
    expect(e.hints.length).to.be.greaterThan(0);
    expect(e.message).to.not.contain('s3cret');
  });
});
