/**
 * One measured events → rollups run, in its own process with the heap flags `sextant sync`
 * gets: open the SQLite store, open the DuckDB source over the Parquet files, load every day
 * the events cover (runUsageLoad, as the CLI does), close both. Prints its figures as one JSON
 * line. Afterwards (untimed) it checks the stored rollups against the raw events.
 */
import { DatabaseSync } from 'node:sqlite';
import { UsageConfig } from '../../src/config/usage-config.schema.ts';
import { runUsageLoad } from '../../src/pipeline/usage/load-usage.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openUsageSource } from '../../src/warehouse/open-usage-source.ts';
import { PeakRss } from '../support/measure.ts';
import { cpuSince } from './cpu-time.ts';
import { timedSource, timedStore } from './timed-ports.ts';
import type { SourceTimes, StoreTimes } from './timed-ports.ts';

export type RollupPhaseArgs = { events: string; licenses: string; dbFile: string; asOf: string; days: number };

export type RollupPhaseResult = {
  seconds: number;
  /** CPU time of the process, every thread (DuckDB's too): on a busy machine, the steadier figure. */
  cpuSeconds: number;
  /** Rollup rows the warehouse query returned, and those stored (inserted or changed). */
  read: number;
  stored: number;
  quarantined: number;
  usageAccounts: number;
  peakRssBytes: number;
  peakHeapUsed: number;
  source: SourceTimes;
  store: StoreTimes;
  /** What the stored rows add up to, for the check against the raw events. */
  check: { rows: number; events: number; keys: number };
};

const args = JSON.parse(process.argv[2] ?? '{}') as RollupPhaseArgs;
// historyDays reaches back over every generated day: the events cover the `days` days before asOf's.
const config = UsageConfig.parse({ source: { kind: 'files', events: args.events, licenses: args.licenses }, historyDays: args.days + 1 });

const rss = new PeakRss(20);
const cpu = process.cpuUsage();
const started = performance.now();
const store = timedStore(await openStore(`sqlite:${args.dbFile}`));
let source: ReturnType<typeof timedSource> | undefined;
let summary: Awaited<ReturnType<typeof runUsageLoad>>;
try {
  source = timedSource(await openUsageSource(config, {}));
  summary = await runUsageLoad({
    store: store.store, source: source.source, asOf: new Date(args.asOf), coreFeatures: config.coreFeatures,
    lookbackDays: config.lookbackDays, historyDays: config.historyDays,
  });
} finally {
  await source?.source.close();
  await store.store.close();
}
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = cpuSince(cpu);
const peak = rss.stop();

const db = new DatabaseSync(args.dbFile, { readOnly: true });
const check = db.prepare('SELECT coalesce(sum(days), 0) AS rows, coalesce(sum(events), 0) AS events, count(DISTINCT account_key) AS keys FROM usage_months').get() as { rows: number; events: number; keys: number };
db.close();

const result: RollupPhaseResult = {
  seconds, cpuSeconds, read: summary.read, stored: summary.changed, quarantined: summary.quarantined, usageAccounts: summary.usageAccounts,
  peakRssBytes: peak, peakHeapUsed: rss.peakHeapUsed, source: source.times, store: store.times, check,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
