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
import { Migrator } from 'kysely/migration';
import { storeMigrations } from '../../../src/store/migrations/store-migrations.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { openSqlite } from '../../../src/store/sqlite/open-sqlite.ts';
import type { HealthSnapshot } from '../../../src/domain/health.ts';
import { account, contact } from './crm-record-fixtures.ts';
import { snapshotOf } from './health-fixtures.ts';
import { createTestDatabase, describeOnEachDialect, rejectionOf } from './store-targets.ts';

const ALL_MIGRATIONS = ['0001-crm-records', '0002-sync-cursors', '0003-runs', '0004-quarantine', '0005-clustered-records', '0006-usage', '0007-health', '0008-nps', '0009-usage-months', '0010-snapshot-rows', '0011-measure-sets'];

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

describe('store: 0005 rebuilds SQLite record tables clustered on id', () => {
  it('keeps every row and the lookup indexes, drops the unused SystemModstamp index', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-0005-'));
    const file = path.join(dir, 'store.db');
    try {
      const db = openSqlite(file);
      const upTo0004 = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0005'));
      await new Migrator({ db, provider: { getMigrations: async () => upTo0004 } }).migrateToLatest();
      await db.destroy();
      const before = await openStore(`sqlite:${file}`, { migrate: false });
      await before.upsertRecords('accounts', [account(2), account(1), account(3, { isDeleted: true })]);
      await before.upsertRecords('contacts', [contact(1, { accountId: account(1).id })]);
      expect(await before.migrate()).to.deep.equal(ALL_MIGRATIONS.filter((name) => name >= '0005'));
      expect(await before.count('accounts', { includeDeleted: true })).to.equal(3);
      expect(await before.getRecords('accounts', [account(1).id])).to.deep.equal([account(1)]);
      expect(await before.getRecords('contacts', [contact(1).id])).to.have.length(1);
      await before.close();

      const raw = new DatabaseSync(file);
      const objects = raw.prepare("select name, sql from sqlite_master where tbl_name in ('accounts', 'contacts')").all() as { name: string; sql: string | null }[];
      raw.close();
      const names = objects.map((o) => o.name);
      expect(names).to.include.members(['accounts', 'contacts', 'accounts_product_key', 'accounts_website', 'contacts_account_id']);
      expect(names).not.to.include.members(['accounts_system_modstamp', 'contacts_system_modstamp']);
      expect(objects.find((o) => o.name === 'accounts')?.sql).to.match(/without rowid$/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
      expect(await before.migrate()).to.deep.equal(['0010-snapshot-rows', '0011-measure-sets']);
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
