import { expect } from 'chai';
import { UsageConfig } from '../../../src/config/usage-config.schema.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { openUsageSource } from '../../../src/warehouse/open-usage-source.ts';
import { parseUsageRollupRow } from '../../../src/warehouse/usage-row.ts';
import { drain } from './drain-pages.ts';
import { createUsageDatabase } from './postgres-usage-database.ts';
import type { UsageDatabase } from './postgres-usage-database.ts';

const RANGE = { from: '2026-02-01', to: '2026-02-28' };
const event = (id: string, at: string, key: string) => ({
  event_id: id, occurred_at: at, account_key: key, account_domain: 'acme.io', user_id: `u-${id}`, user_email: `u-${id}@acme.io`, event_type: 'login' as const, feature: '' as const,
});

const rejectionOf = async (fn: () => PromiseLike<unknown>): Promise<SextantError> => {
  try {
    await fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    return err as SextantError;
  }
  throw new Error('expected a rejection');
};

describe('warehouse: PostgreSQL usage source', function () {
  this.timeout(60_000);
  let database: UsageDatabase | undefined;

  before(async () => {
    // 300 keys on one day: three pages of 100.
    const events = Array.from({ length: 300 }, (_, i) => event(`e${i}`, '2026-02-03T10:00:00Z', `K${String(i).padStart(3, '0')}`));
    database = await createUsageDatabase(events, []);
  });
  after(async () => database?.drop());

  const config = (extra: Record<string, unknown> = {}) => UsageConfig.parse({ source: { kind: 'postgres', schema: 'analytics' }, pageRows: 100, ...extra });

  it('releases its connection when the reader stops after the first page', async () => {
    const source = await openUsageSource(config(), { databaseUrl: database!.url });
    try {
      // The pool holds two connections: a leaked one per early stop would hang the third read.
      for (let i = 0; i < 3; i++) {
        for await (const page of source.dailyRollups(RANGE)) {
          expect(page).to.have.length(100);
          break;
        }
      }
      expect((await drain(source.dailyRollups(RANGE))).flat()).to.have.length(300);
    } finally {
      await source.close();
    }
  });

  it('reads DATE and naive TIMESTAMP values as UTC whatever the process time zone', async () => {
    const sql = {
      rollups: `SELECT 'K1' AS account_key, DATE '2026-02-03' AS day, 1 AS active_users, 1 AS logins,
        TIMESTAMP '2026-02-03 10:00:00' AS last_login_at, 1 AS events, NULL AS licenses`,
      accounts: 'SELECT 1',
    };
    const source = await openUsageSource(config({ sql }), { databaseUrl: database!.url });
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const [row] = (await drain(source.dailyRollups(RANGE))).flat();
      const parsed = parseUsageRollupRow(row!, { coreFeatures: [], asOf: new Date('2026-03-01T00:00:00Z') });
      expect(parsed).to.deep.include({ ok: true });
      if (parsed.ok) expect(parsed.day).to.deep.include({ day: '2026-02-03', lastLoginAt: '2026-02-03T10:00:00.000Z' });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      await source.close();
    }
  });

  it('reports a table the mapping names but the database lacks as WAREHOUSE_QUERY_FAILED (config)', async () => {
    const source = await openUsageSource(config({ events: { table: 'product_events' } }), { databaseUrl: database!.url });
    try {
      const err = await rejectionOf(() => drain(source.dailyRollups(RANGE)));
      expect(err.code).to.equal('WAREHOUSE_QUERY_FAILED');
      expect(err.kind).to.equal('config');
    } finally {
      await source.close();
    }
  });

  it('fails on open with WAREHOUSE_UNAVAILABLE (transient) when nothing listens', async () => {
    const err = await rejectionOf(() => openUsageSource(config(), { databaseUrl: 'postgres://postgres@127.0.0.1:1/nothing' }));
    expect(err.code).to.equal('WAREHOUSE_UNAVAILABLE');
    expect(err.kind).to.equal('transient');
  });

  it('fails on open with a config error when the database does not exist', async () => {
    const url = new URL(database!.url);
    url.pathname = '/sextant_no_such_database';
    const err = await rejectionOf(() => openUsageSource(config(), { databaseUrl: url.toString() }));
    expect(err.code).to.equal('WAREHOUSE_QUERY_FAILED');
    expect(err.kind).to.equal('config');
  });

  it('needs SEXTANT_USAGE_DATABASE_URL', async () => {
    const err = await rejectionOf(() => openUsageSource(config(), {}));
    expect(err.code).to.equal('WAREHOUSE_CREDENTIALS_MISSING');
    expect(err.path).to.equal('SEXTANT_USAGE_DATABASE_URL');
  });
});
