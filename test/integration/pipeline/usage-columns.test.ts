import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { UsageConfig } from '../../../src/config/usage-config.schema.ts';
import type { UsageDay } from '../../../src/domain/usage.ts';
import { loadUsage } from '../../../src/pipeline/usage/load-usage.ts';
import type { UsageSource } from '../../../src/pipeline/usage-source.port.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { openUsageSource } from '../../../src/warehouse/open-usage-source.ts';

const HEADER = 'event_id,occurred_at,account_key,account_domain,user_id,user_email,event_type,feature';
const AS_OF = new Date('2026-03-01T12:00:00Z');

/**
 * The usage load reads DuckDB's rollups as typed columns (rollup-columns-sql.ts, chunk-columns.ts,
 * usage-day-batch.ts): it must store and quarantine exactly what the row path does with the
 * same warehouse, bad rows included.
 */
describe('usage load: DuckDB rollups as columns, the same outcome as rows', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-usage-columns-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const events = (): string => {
    const lines = [HEADER];
    let n = 0;
    const event = (at: string, key: string, user: string, type: string, feature = ''): void => void lines.push(`e${++n},${at},${key},acme.io,${user},${user}@acme.io,${type},${feature}`);
    // 30 keys × 70 days across three months; logins, features, a day with no login.
    for (let k = 0; k < 30; k++) {
      for (let d = 0; d < 70; d += 1 + (k % 3)) {
        const day = new Date(Date.UTC(2025, 11, 20) + d * 86_400_000).toISOString().slice(0, 10);
        if (d % 5 !== 0) event(`${day}T0${k % 10}:1${d % 10}:00.250Z`, `K${k}`, `u${k}-${d % 4}`, 'login');
        event(`${day}T12:00:00Z`, `K${k}`, `u${k}-${d % 3}`, 'feature_used', ['reports', 'dashboards', 'workflows', 'integrations'][d % 4]!);
        if (k % 7 === 0) event(`${day}T13:00:00Z`, `K${k}`, '', 'feature_used', 'reports');
      }
    }
    // Rows the checks refuse: a blank key, a control character, no key, a key past 255
    // characters, days after asOf's day; and keys that look like numbers.
    event('2026-02-10T10:00:00Z', '"   "', 'b1', 'login');
    event('2026-02-10T10:00:00Z', '"BAD\u0007KEY"', 'b2', 'login');
    event('2026-02-10T10:00:00Z', '', 'b3', 'login');
    event('2026-02-10T10:00:00Z', 'L'.repeat(300), 'b4', 'login');
    event('2026-03-02T00:00:01Z', 'K1', 'f1', 'login');
    event('2026-06-30T10:00:00Z', 'FUTURE-1', 'f2', 'feature_used', 'reports');
    event('2026-02-11T10:00:00Z', '00123', 'z1', 'login');
    const file = path.join(dir, 'events.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  const load = async (rowsOnly: boolean): Promise<{ store: Store; summary: Awaited<ReturnType<typeof loadUsage>> }> => {
    const config = UsageConfig.parse({ source: { kind: 'files', events: events() } });
    const opened = await openUsageSource(config, {});
    // Columns are what the DuckDB source gives for Sextant's SQL (asked for, not read here).
    expect(opened.dailyRollupColumns?.({ from: '2026-02-01', to: '2026-02-28' })).to.not.equal(undefined);
    const source: UsageSource = rowsOnly
      ? { kind: opened.kind, dailyRollups: (r) => opened.dailyRollups(r), usageAccounts: (r) => opened.usageAccounts(r), close: () => opened.close() }
      : opened;
    const store = await openStore(`sqlite:${path.join(dir, rowsOnly ? 'rows.db' : 'columns.db')}`);
    try {
      const summary = await loadUsage({ store, source, runId: 'run-1', asOf: AS_OF, coreFeatures: config.coreFeatures, lookbackDays: 3, historyDays: 120 });
      return { store, summary };
    } finally {
      await source.close();
    }
  };
  const storedDays = async (store: Store): Promise<UsageDay[]> => {
    const out: UsageDay[] = [];
    for await (const page of store.usageDays()) out.push(...page);
    return out;
  };

  it('stores the same days and quarantines the same rows, with the same codes, paths and raw values', async () => {
    const rows = await load(true);
    const columns = await load(false);
    try {
      const { seconds: _a, ...rowSummary } = rows.summary;
      const { seconds: _b, ...columnSummary } = columns.summary;
      expect(columnSummary).to.deep.equal(rowSummary);
      const days = await storedDays(columns.store);
      expect(days.length).to.be.greaterThan(1_000);
      expect(days).to.deep.equal(await storedDays(rows.store));
      expect(days.find((d) => d.accountKey === '00123')?.activeUsers).to.equal(1);
      const quarantined = async (store: Store) => (await store.listQuarantine({ runId: 'run-1', limit: 100 })).map(({ id: _id, ...q }) => q);
      const q = await quarantined(columns.store);
      expect(q).to.deep.equal(await quarantined(rows.store));
      // The four bad keys again among the usage accounts.
      expect(q.filter((e) => e.object === 'usage_days').map((e) => e.code).sort()).to.deep.equal(['USAGE_DAY_IN_FUTURE', 'USAGE_DAY_IN_FUTURE', 'USAGE_KEY_INVALID', 'USAGE_KEY_INVALID', 'USAGE_KEY_INVALID', 'USAGE_KEY_INVALID']);
      expect(columnSummary.quarantined).to.equal(10);
      expect(q.find((e) => e.code === 'USAGE_DAY_IN_FUTURE' && e.sourceId?.startsWith('K1|'))?.raw).to.deep.include({ account_key: 'K1', day: '2026-03-02', active_users: 1, logins: 1, last_login_at: '2026-03-02T00:00:01.000Z' });
    } finally {
      await rows.store.close();
      await columns.store.close();
    }
  });
});
