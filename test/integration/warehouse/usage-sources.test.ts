import { expect } from 'chai';
import { UsageConfig } from '../../../src/config/usage-config.schema.ts';
import type { DayRange, UsageAccount, UsageDay } from '../../../src/domain/usage.ts';
import type { RawUsageRow, UsageSource } from '../../../src/pipeline/usage-source.port.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { usageFileViews } from '../../../src/warehouse/duckdb/file-views.ts';
import { openUsageSource } from '../../../src/warehouse/open-usage-source.ts';
import { SQL_DIALECTS } from '../../../src/warehouse/sql/sql-dialect.ts';
import { parameterValues, usageQueryOf, usageStatements } from '../../../src/warehouse/usage-statements.ts';
import { parseUsageAccountRow, parseUsageRollupRow } from '../../../src/warehouse/usage-row.ts';
import { drain } from './drain-pages.ts';
import { createUsageDatabase } from './postgres-usage-database.ts';
import type { UsageDatabase } from './postgres-usage-database.ts';
import { byKeyAndDay, referenceAccounts, referenceRollups } from './reference-usage.ts';
import { AS_OF, buildUsageFixture, DIRTY_KEYS, NARROW, WINDOW } from './usage-fixture.ts';
import type { UsageFixture } from './usage-fixture.ts';

const FEATURES = ['dashboards', 'reports', 'workflows', 'integrations'];
const TARGETS = ['duckdb-csv', 'duckdb-parquet', 'postgres'] as const;
type Target = (typeof TARGETS)[number];

const parsedDays = (pages: RawUsageRow[][]): UsageDay[] => pages.flat().map((raw) => {
  const parsed = parseUsageRollupRow(raw, { coreFeatures: FEATURES, asOf: AS_OF });
  if (!parsed.ok) throw new Error(`${parsed.code} at ${parsed.path}: ${parsed.reason} in ${JSON.stringify(raw, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  return parsed.day;
}).sort(byKeyAndDay);

const parsedAccounts = (pages: RawUsageRow[][]): UsageAccount[] => pages.flat().map((raw) => {
  const parsed = parseUsageAccountRow(raw);
  if (!parsed.ok) throw new Error(`${parsed.code} at ${parsed.path}: ${parsed.reason}`);
  return parsed.account;
}).sort(byKeyAndDay);

describe('warehouse usage sources: DuckDB over CSV, DuckDB over Parquet and PostgreSQL agree', function () {
  this.timeout(120_000);
  let fixture: UsageFixture | undefined;
  let database: UsageDatabase | undefined;
  const open = new Map<Target, UsageSource>();

  const configFor = (target: Target, extra: Record<string, unknown> = {}): UsageConfig => {
    const f = fixture!;
    const source = target === 'postgres' ? { kind: 'postgres', schema: database!.schema }
      : target === 'duckdb-csv' ? { kind: 'files', events: f.csv.events, licenses: f.csv.licenses }
        : { kind: 'files', events: f.parquet.events, licenses: f.parquet.licenses };
    const licenses = target === 'postgres' && extra.sql === undefined ? { licenses: {} } : {};
    return UsageConfig.parse({ source, ...licenses, ...extra });
  };
  const openTarget = (target: Target, extra: Record<string, unknown> = {}): Promise<UsageSource> =>
    openUsageSource(configFor(target, extra), { databaseUrl: database!.url });
  const sourceOf = (target: Target): UsageSource => open.get(target)!;

  before(async () => {
    fixture = await buildUsageFixture();
    database = await createUsageDatabase(fixture.events, fixture.licenses);
    for (const target of TARGETS) open.set(target, await openTarget(target));
  });

  after(async () => {
    for (const source of open.values()) await source.close();
    await database?.drop();
    fixture?.remove();
  });

  const rollupsOf = async (target: Target, range: DayRange): Promise<UsageDay[]> => parsedDays(await drain(sourceOf(target).dailyRollups(range)));

  it('returns identical daily rollups, every row and every column, on all three', async () => {
    const [csv, parquet, postgres] = await Promise.all(TARGETS.map((t) => rollupsOf(t, WINDOW)));
    expect(csv!.length).to.be.greaterThan(1000);
    expect(parquet).to.deep.equal(csv);
    expect(postgres).to.deep.equal(csv);
  });

  it('matches a plain JavaScript aggregation of the same events', async () => {
    const expected = referenceRollups(fixture!.events, fixture!.licenses, FEATURES, WINDOW).sort(byKeyAndDay);
    const actual = await rollupsOf('duckdb-csv', WINDOW);
    expect(actual).to.deep.equal(expected);
    // Spot checks that would catch a reference written to agree with the SQL by accident.
    const acme = actual.find((d) => d.accountKey === 'ACME-1' && d.day === '2026-02-11');
    expect(acme).to.deep.include({ activeUsers: 1, logins: 1, events: 2, lastLoginAt: '2026-02-11T10:00:00.000Z', licenses: 40 });
    expect(acme?.featureEvents).to.deep.equal({ dashboards: 0, reports: 1, workflows: 0, integrations: 0 });
    expect(actual.filter((d) => d.licenses === null).map((d) => d.accountKey)).to.include('EDGE-1');
  });

  it('returns identical usage accounts on all three, matching the JavaScript aggregation', async () => {
    const [csv, parquet, postgres] = await Promise.all(TARGETS.map(async (t) => parsedAccounts(await drain(sourceOf(t).usageAccounts(WINDOW)))));
    expect(parquet).to.deep.equal(csv);
    expect(postgres).to.deep.equal(csv);
    expect(csv).to.deep.equal(referenceAccounts(fixture!.events, fixture!.licenses, WINDOW).sort(byKeyAndDay));
    expect(csv!.find((a) => a.accountKey === 'MIXED-1')?.domain).to.equal('mixed.example');
    expect(csv!.find((a) => a.accountKey === 'ACME-1')).to.deep.include({ name: 'Acme Upper', licenses: 40, domain: 'acme.io' });
  });

  it('filters on UTC days inclusively: both boundary days in, the seconds just outside them out', async () => {
    for (const target of TARGETS) {
      const narrow = await rollupsOf(target, NARROW);
      expect(narrow.every((d) => d.day >= NARROW.from && d.day <= NARROW.to), target).to.equal(true);
      const edge = narrow.filter((d) => d.accountKey === 'EDGE-1');
      expect(edge.map((d) => [d.day, d.events]), target).to.deep.equal([['2026-02-10', 1], ['2026-02-12', 1]]);
      const full = (await rollupsOf(target, WINDOW)).filter((d) => d.day >= NARROW.from && d.day <= NARROW.to);
      expect(narrow, target).to.deep.equal(full);
    }
  });

  it('drops no boundary event to the event-time prefilter, whatever the session\'s zone', async () => {
    // The adapters pin their sessions to UTC; the generated SQL must not depend on it, since a
    // warehouse run by hand (or a BigQuery job) has a zone of its own. Run it raw in DuckDB.
    const expected = await rollupsOf('duckdb-csv', NARROW);
    const statements = usageStatements(usageQueryOf(configFor('duckdb-csv')), SQL_DIALECTS.duckdb);
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const conn = await instance.connect();
      for (const view of usageFileViews({ events: fixture!.csv.events, licenses: fixture!.csv.licenses }, { events: 'events', licenses: 'licenses' })) await conn.run(view);
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        await conn.run(`SET TimeZone = '${zone}'`);
        const result = await conn.runAndReadAll(statements.rollups.text, parameterValues(statements.rollups, NARROW));
        expect(parsedDays([result.getRowObjectsJS() as RawUsageRow[]]), zone).to.deep.equal(expected);
      }
      conn.closeSync();
    } finally {
      instance.closeSync();
    }
  });

  it('keeps keys that differ only by case or spaces apart, verbatim, and zero-padded keys as text', async () => {
    for (const target of TARGETS) {
      const days = (await rollupsOf(target, NARROW)).filter((d) => (DIRTY_KEYS as readonly string[]).includes(d.accountKey));
      expect(days.map((d) => [d.accountKey, d.activeUsers]).sort(), target).to.deep.equal(DIRTY_KEYS.map((k, i) => [k, i + 1]).sort());
      expect(days.find((d) => d.accountKey === 'acme-1')?.licenses, target).to.equal(3);
      expect(days.find((d) => d.accountKey === ' ACME-1')?.licenses, target).to.equal(null);
      expect(days.find((d) => d.accountKey === '00123')?.licenses, target).to.equal(7);
    }
  });

  it('streams pages of at most pageRows rows', async () => {
    for (const target of TARGETS) {
      const source = await openTarget(target, { pageRows: 100 });
      try {
        const pages = await drain(source.dailyRollups(WINDOW));
        expect(pages.length, target).to.be.greaterThan(5);
        expect(pages.every((p) => p.length > 0 && p.length <= 100), target).to.equal(true);
      } finally {
        await source.close();
      }
    }
  });

  it('runs the user\'s own SQL with :from and :to on DuckDB and PostgreSQL alike, leaving \':to\' in literals alone', async () => {
    const sql = {
      rollups: `SELECT account_key, CAST(CAST(occurred_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS day,
          COUNT(DISTINCT user_id) AS active_users, 0 AS logins, NULL AS last_login_at, COUNT(*) AS events, NULL AS licenses,
          ':to' AS note -- a comment with :from in it
        FROM events
        WHERE CAST(CAST(occurred_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST(:from AS DATE) AND CAST(:to AS DATE)
        GROUP BY 1, 2`,
      accounts: 'SELECT DISTINCT account_key, NULL AS domain, NULL AS name, NULL AS licenses FROM events',
    };
    const results: UsageDay[][] = [];
    for (const target of TARGETS) {
      const source = await openTarget(target, { sql });
      try {
        const pages = await drain(source.dailyRollups(NARROW));
        expect(pages.flat().every((r) => r.note === ':to'), target).to.equal(true);
        results.push(parsedDays(pages));
      } finally {
        await source.close();
      }
    }
    expect(results[0]!.length).to.be.greaterThan(10);
    expect(results[1]).to.deep.equal(results[0]);
    expect(results[2]).to.deep.equal(results[0]);
  });
});
