/**
 * The baseline, in its own process with Node's default heap (a user's script): what one would
 * otherwise write — read the raw events from the same Parquet into Node (DuckDB streamed in
 * chunks, each row converted to a JS object), aggregate per (key, UTC day) in a Map, then insert
 * the rollups into SQLite one prepared INSERT per row (in one transaction: without it every row
 * is a commit, and the baseline would be a strawman). It computes the rollups only, not the
 * usage-account list or volumes the pipeline also stores. With `limit`, only the first events of
 * the file (its first days) are read.
 */
import { DatabaseSync } from 'node:sqlite';
import { DuckDBInstance } from '@duckdb/node-api';
import { SQL_DIALECTS } from '../../src/warehouse/sql/sql-dialect.ts';
import { PeakRss } from '../support/measure.ts';
import { cpuSince } from './cpu-time.ts';

export type BaselinePhaseArgs = { events: string; dbFile: string; limit: number | null };

export type BaselinePhaseResult = {
  events: number;
  rollupRows: number;
  seconds: number;
  cpuSeconds: number;
  readAggregateSeconds: number;
  insertSeconds: number;
  peakRssBytes: number;
  peakHeapUsed: number;
};

type KeyDay = {
  accountKey: string;
  day: string;
  users: Set<string>;
  logins: number;
  lastLoginAt: number | null;
  events: number;
  features: Record<string, number>;
};

const FEATURES = ['dashboards', 'reports', 'workflows', 'integrations'];
const args = JSON.parse(process.argv[2] ?? '{}') as BaselinePhaseArgs;

const rss = new PeakRss(20);
const cpu = process.cpuUsage();
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const result = await conn.stream(`SELECT * FROM read_parquet(${SQL_DIALECTS.duckdb.text(args.events)})${args.limit === null ? '' : ` LIMIT ${args.limit}`}`);
const days = new Map<string, KeyDay>();
let events = 0;
for await (const rows of result.yieldRowObjectJs()) {
  for (const row of rows) {
    const accountKey = row.account_key as string;
    const at = row.occurred_at as Date;
    const day = at.toISOString().slice(0, 10);
    const id = `${accountKey}|${day}`;
    let agg = days.get(id);
    if (agg === undefined) {
      agg = { accountKey, day, users: new Set(), logins: 0, lastLoginAt: null, events: 0, features: {} };
      days.set(id, agg);
    }
    agg.users.add(row.user_id as string);
    agg.events++;
    if (row.event_type === 'login') {
      agg.logins++;
      const ms = at.getTime();
      if (agg.lastLoginAt === null || ms > agg.lastLoginAt) agg.lastLoginAt = ms;
    } else if (row.event_type === 'feature_used') {
      const feature = row.feature as string;
      agg.features[feature] = (agg.features[feature] ?? 0) + 1;
    }
    events++;
  }
}
conn.closeSync();
instance.closeSync();
const aggregated = performance.now();

const db = new DatabaseSync(args.dbFile);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
db.exec(`CREATE TABLE usage_days (account_key TEXT NOT NULL, day TEXT NOT NULL, active_users INTEGER, logins INTEGER, last_login_at TEXT,
  events INTEGER, ${FEATURES.map((f) => `feature_${f} INTEGER`).join(', ')}, PRIMARY KEY (account_key, day))`);
const insert = db.prepare(`INSERT INTO usage_days VALUES (${Array.from({ length: 6 + FEATURES.length }, () => '?').join(', ')})`);
db.exec('BEGIN');
for (const d of days.values()) {
  insert.run(d.accountKey, d.day, d.users.size, d.logins, d.lastLoginAt === null ? null : new Date(d.lastLoginAt).toISOString(), d.events,
    ...FEATURES.map((f) => d.features[f] ?? 0));
}
db.exec('COMMIT');
db.close();
const finishedAt = performance.now();
const cpuSeconds = cpuSince(cpu);
const peak = rss.stop();

const out: BaselinePhaseResult = {
  events, rollupRows: days.size, seconds: (finishedAt - started) / 1000, cpuSeconds, readAggregateSeconds: (aggregated - started) / 1000,
  insertSeconds: (finishedAt - aggregated) / 1000, peakRssBytes: peak, peakHeapUsed: rss.peakHeapUsed,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
