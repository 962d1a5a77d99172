import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { stringify } from 'csv-stringify/sync';
import { generateDemoOrg, generateLicenseRows, generateUsageEvents, LICENSE_COLUMNS, USAGE_EVENT_COLUMNS } from '../../../src/sandbox/demo/index.ts';
import type { LicenseRow, UsageEvent } from '../../../src/sandbox/demo/index.ts';

/**
 * One set of usage events, written three ways (CSV, Parquet, a PostgreSQL table) so the adapters
 * can be held to the same answer. The demo generator supplies the bulk; hand-made events add
 * what the tests need for sure: keys differing only by case or spaces, a zero-padded key, and
 * events on the first and last second of a range's boundary days.
 */
export const AS_OF = new Date('2026-03-02T06:00:00Z');
export const DAYS = 30;
/** The window the demo events cover: the 30 UTC days before AS_OF's day. */
export const WINDOW = { from: '2026-01-31', to: '2026-03-01' };
/** A narrow range inside it, with hand-made events on and just outside its edges. */
export const NARROW = { from: '2026-02-10', to: '2026-02-12' };

export const DIRTY_KEYS = ['ACME-1', ' ACME-1', 'acme-1', 'ACME-1 ', '00123'] as const;

const synthetic = (n: number, at: string, key: string, user: string, type: UsageEvent['event_type'], feature: UsageEvent['feature'], domain = 'acme.io'): UsageEvent => ({
  event_id: `syn-${String(n).padStart(4, '0')}`, occurred_at: at, account_key: key, account_domain: domain,
  user_id: user, user_email: `${user}@${domain}`, event_type: type, feature,
});

const handMadeEvents = (): UsageEvent[] => {
  const events: UsageEvent[] = [];
  let n = 0;
  DIRTY_KEYS.forEach((key, k) => {
    // Each spelling gets a different volume, so swapping two of them would show.
    for (let i = 0; i <= k; i++) {
      events.push(synthetic(++n, `2026-02-11T1${i}:00:00Z`, key, `u${k}-${i}`, 'login', ''));
      events.push(synthetic(++n, `2026-02-11T1${i}:05:00Z`, key, `u${k}-${i}`, 'feature_used', 'reports'));
    }
  });
  // Boundaries of NARROW: first and last second inside, one second outside on each side.
  events.push(synthetic(++n, '2026-02-10T00:00:00Z', 'EDGE-1', 'edge-a', 'login', ''));
  events.push(synthetic(++n, '2026-02-12T23:59:59Z', 'EDGE-1', 'edge-b', 'feature_used', 'workflows'));
  events.push(synthetic(++n, '2026-02-09T23:59:59Z', 'EDGE-1', 'edge-c', 'login', ''));
  events.push(synthetic(++n, '2026-02-13T00:00:00Z', 'EDGE-1', 'edge-d', 'login', ''));
  // A key whose users mostly share one domain: the account's domain is the majority's.
  events.push(synthetic(++n, '2026-02-11T09:00:00Z', 'MIXED-1', 'm1', 'login', '', 'Mixed.example'));
  events.push(synthetic(++n, '2026-02-11T09:10:00Z', 'MIXED-1', 'm2', 'login', '', 'mixed.example'));
  events.push(synthetic(++n, '2026-02-11T09:20:00Z', 'MIXED-1', 'm3', 'login', '', 'other.example'));
  return events;
};

export type UsageFixture = {
  dir: string;
  events: UsageEvent[];
  licenses: LicenseRow[];
  csv: { events: string; licenses: string };
  parquet: { events: string; licenses: string };
  remove(): void;
};

export const buildUsageFixture = async (): Promise<UsageFixture> => {
  const org = generateDemoOrg({ accounts: 120, seed: 7, asOf: AS_OF });
  const events = [...generateUsageEvents(org, { seed: 7, asOf: AS_OF, days: DAYS }), ...handMadeEvents()];
  const licenses: LicenseRow[] = [
    ...generateLicenseRows(org, { asOf: AS_OF }),
    { account_key: 'ACME-1', licenses_provisioned: 40, as_of: '2026-03-01', account_name: 'Acme Upper' },
    // An older row for the same key: the latest one must win.
    { account_key: 'ACME-1', licenses_provisioned: 5, as_of: '2025-12-01', account_name: 'Acme Old' },
    { account_key: 'acme-1', licenses_provisioned: 3, as_of: '2026-03-01', account_name: 'acme lower' },
    { account_key: '00123', licenses_provisioned: 7, as_of: '2026-02-01', account_name: 'Zero Padded' },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'sextant-usage-'));
  const csv = { events: path.join(dir, 'events.csv'), licenses: path.join(dir, 'licenses.csv') };
  writeFileSync(csv.events, stringify(events.map((e) => USAGE_EVENT_COLUMNS.map((c) => e[c])), { header: true, columns: [...USAGE_EVENT_COLUMNS] }));
  writeFileSync(csv.licenses, stringify(licenses.map((l) => LICENSE_COLUMNS.map((c) => l[c])), { header: true, columns: [...LICENSE_COLUMNS] }));
  const parquet = { events: path.join(dir, 'events.parquet'), licenses: path.join(dir, 'licenses.parquet') };
  await writeParquet(csv, parquet);
  return { dir, events, licenses, csv, parquet, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Parquet with real column types (TIMESTAMPTZ, INTEGER, DATE), unlike the all-text CSV. */
const writeParquet = async (csv: { events: string; licenses: string }, parquet: { events: string; licenses: string }): Promise<void> => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`COPY (
      SELECT event_id, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at, account_key, account_domain, user_id, user_email, event_type, feature
      FROM read_csv('${csv.events}', header = true, all_varchar = true)
    ) TO '${parquet.events}' (FORMAT parquet)`);
    await conn.run(`COPY (
      SELECT account_key, CAST(licenses_provisioned AS INTEGER) AS licenses_provisioned, CAST(as_of AS DATE) AS as_of, account_name
      FROM read_csv('${csv.licenses}', header = true, all_varchar = true)
    ) TO '${parquet.licenses}' (FORMAT parquet)`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
};
