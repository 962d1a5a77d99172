/**
 * bench/sync: a full sync of ~1M records (100k accounts, ~400k contacts, ~300k opportunities,
 * ~200k subscriptions) from the sandbox into SQLite, then an incremental run after 1% of rows
 * changed, then (once) the full sync into PostgreSQL.
 * Baseline, same run: what a user would otherwise write — jsforce `query().autoFetch()` inserting
 * one row at a time. It runs on the accounts only (100k rows: at its speed a million rows would
 * take many minutes); rates are compared per record.
 * Goals: ≥ 50k records/s end to end, peak RSS ≤ 512 MB, ≥ 10× the baseline; the incremental run
 * ≤ 10 API calls and ≤ 5% of the full sync's time.
 * The sandbox runs in its own process, so the RSS measured here is Sextant's alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Connection } from '@jsforce/jsforce-node';
import pg from 'pg';
import { loadMappings } from '../../src/config/mappings/index.ts';
import { SextantConfig } from '../../src/config/sextant-config.schema.ts';
import { createLogger } from '../../src/cli/logger.ts';
import { composeSalesforceSource } from '../../src/cli/compose-sync.ts';
import { runSync, type SyncSummary } from '../../src/pipeline/sync/run-sync.ts';
import { openStore } from '../../src/store/open-store.ts';
import { fmt, mb, PeakRss } from '../support/measure.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = process.argv.includes('--json');
// For profiling: BENCH_FULL_ONLY=1 runs the full sync and stops.
const fullOnly = process.env.BENCH_FULL_ONLY === '1';
const log = (line: string): void => { if (!json) process.stderr.write(`${line}\n`); };

// 1. The sandbox, in a child process.
log(`starting a sandbox with ${fmt(ACCOUNTS)} demo accounts…`);
const child = spawn(process.execPath, ['--max-old-space-size=8192', path.join(root, 'src/cli/main.ts'), 'sandbox', '--accounts', String(ACCOUNTS), '--daily-api-max', '1000000'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SEXTANT_LOG_LEVEL: 'warn' } });
const info = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))) as { records: Record<string, number>; controlToken: string; instanceUrl: string; loginUrl: string; username: string; password: string; clientId: string; clientSecret: string; accessToken: string };
const admin = (body: unknown): Promise<Response> => fetch(`${info.instanceUrl}/__sandbox/admin`, { method: 'POST', headers: { Authorization: `Bearer ${info.controlToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const env = {
  SF_LOGIN_URL: info.loginUrl, SF_USERNAME: info.username, SF_PASSWORD: info.password, SF_CLIENT_ID: info.clientId, SF_CLIENT_SECRET: info.clientSecret,
  SF_API_VERSION: '62.0', SEXTANT_DATABASE_URL: '', SEXTANT_LOG_LEVEL: 'silent' as const,
};
const config = SextantConfig.parse({ mappingsDir: path.join(root, 'mappings'), sync: { ...(process.env.BENCH_PAGE ? { bulkPageSize: Number(process.env.BENCH_PAGE) } : {}) } });
const mappings = await loadMappings(config.mappingsDir);
const logger = createLogger('silent');
const synced = (s: SyncSummary): number => s.objects.reduce((n, o) => n + o.read, 0);

/** Times the run as a user sees it: open the store, connect, sync, close (SQLite checkpoints its WAL on close). */
const syncInto = async (databaseUrl: string): Promise<{ summary: SyncSummary; seconds: number }> => {
  const started = process.hrtime.bigint();
  const store = await openStore(databaseUrl);
  let summary: SyncSummary;
  try {
    const { source } = await composeSalesforceSource({ ...env, SEXTANT_DATABASE_URL: databaseUrl }, config, logger);
    summary = await runSync({ store, source, mappings, config: config.sync, objects: config.sync.objects, full: false, now: () => new Date() });
  } finally {
    await store.close();
  }
  return { summary, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

try {
  // 2. Full sync into SQLite.
  const dir = mkdtempSync(path.join(tmpdir(), 'sextant-bench-'));
  const sqliteUrl = `sqlite:${path.join(dir, 'sextant.db')}`;
  log('full sync into SQLite…');
  const rss = new PeakRss(20);
  const full = await syncInto(sqliteUrl);
  const peak = rss.stop();
  const fullRecords = synced(full.summary);
  if (fullOnly) {
    process.stdout.write(`${JSON.stringify({ records: fullRecords, seconds: full.seconds, peakRssBytes: peak, peakHeapUsed: rss.peakHeapUsed, objects: full.summary.objects })}\n`);
    // process.exit skips the `finally` below: its clean-up is done here (the sandbox outlived it).
    rmSync(dir, { recursive: true, force: true });
    child.kill('SIGTERM');
    process.exit(0);
  }

  // 3. Incremental after 1% of rows changed (automation-style touches spread over every object).
  const ids: string[] = [];
  const conn = new Connection({ instanceUrl: info.instanceUrl, accessToken: info.accessToken, version: '62.0' });
  for (const [sobject, share] of [['Account', 1], ['Contact', 1], ['Opportunity', 1], ['Subscription__c', 1]] as const) {
    const res = await conn.query<{ Id: string }>(`SELECT Id FROM ${sobject}`).run({ autoFetch: true, maxFetch: 2_000_000 });
    ids.push(...res.records.filter((_, i) => i % 100 < share).map((r) => r.Id));
  }
  await admin({ action: 'touch', ids });
  await admin({ action: 'clock', advanceMs: 1000 });
  log(`incremental sync after touching ${fmt(ids.length)} rows…`);
  const incremental = await syncInto(sqliteUrl);

  // 4. Baseline: autoFetch + one INSERT per row, accounts only.
  log('baseline (jsforce autoFetch, one INSERT per row) on accounts…');
  const baseDb = new DatabaseSync(path.join(dir, 'baseline.db'));
  baseDb.exec('PRAGMA journal_mode=WAL; CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT, arr REAL, segment TEXT, renewal_date TEXT, product_key TEXT, website TEXT, system_modstamp TEXT)');
  const insert = baseDb.prepare('INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const baseConn = new Connection({ loginUrl: info.loginUrl, version: '62.0', oauth2: { loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret } });
  await baseConn.login(info.username, info.password);
  const usedBefore = Number((await (await admin({ action: 'reset-api-usage' })).json() as { apiUsage: string }).apiUsage.split('=')[1]?.split('/')[0] ?? 0);
  const baseStarted = process.hrtime.bigint();
  let baseRows = 0;
  await new Promise<void>((resolve, reject) => {
    baseConn.query('SELECT Id, Name, ARR__c, Customer_Segment__c, Renewal_Date__c, Product_Account_Key__c, Website, SystemModstamp FROM Account')
      .on('record', (r: Record<string, string | number | null>) => {
        insert.run(r.Id ?? null, r.Name ?? null, r.ARR__c ?? null, r.Customer_Segment__c ?? null, r.Renewal_Date__c ?? null, r.Product_Account_Key__c ?? null, r.Website ?? null, r.SystemModstamp ?? null);
        baseRows++;
      })
      .on('end', () => resolve())
      .on('error', reject)
      .run({ autoFetch: true, maxFetch: 10_000_000 });
  });
  const baseSeconds = Number(process.hrtime.bigint() - baseStarted) / 1e9;
  const baseCalls = baseConn.limitInfo?.apiUsage?.used ?? 0;
  baseDb.close();
  void usedBefore;

  // 5. Once against PostgreSQL.
  const pgDb = `sextant_bench_${process.pid}`;
  const admin_pg = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin_pg.connect();
  await admin_pg.query(`CREATE DATABASE ${pgDb}`);
  let pgResult: { summary: SyncSummary; seconds: number } | null = null;
  try {
    log('full sync into PostgreSQL…');
    pgResult = await syncInto(`postgres://postgres@127.0.0.1:5432/${pgDb}`);
  } finally {
    await admin_pg.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    await admin_pg.end();
  }
  rmSync(dir, { recursive: true, force: true });

  const fullRate = fullRecords / full.seconds;
  const baseRate = baseRows / baseSeconds;
  const report = {
    bench: 'sync',
    records: fullRecords,
    full: { seconds: +full.seconds.toFixed(2), recordsPerSecond: Math.round(fullRate), peakRssBytes: peak, apiCalls: full.summary.apiCalls, via: Object.fromEntries(full.summary.objects.map((o) => [o.object, o.via.join('+')])) },
    baseline: { records: baseRows, seconds: +baseSeconds.toFixed(2), recordsPerSecond: Math.round(baseRate), apiCalls: baseCalls },
    ratioToBaseline: +(fullRate / baseRate).toFixed(1),
    incremental: { changed: ids.length, read: synced(incremental.summary), seconds: +incremental.seconds.toFixed(2), apiCalls: incremental.summary.apiCalls, shareOfFullTime: +(incremental.seconds / full.seconds).toFixed(3) },
    postgres: pgResult ? { seconds: +pgResult.seconds.toFixed(2), recordsPerSecond: Math.round(synced(pgResult.summary) / pgResult.seconds), apiCalls: pgResult.summary.apiCalls } : null,
    goals: {
      recordsPerSecond50k: fullRate >= 50_000,
      peakRss512MB: peak <= 512 * 1024 * 1024,
      tenTimesBaseline: fullRate / baseRate >= 10,
      incrementalAtMost10Calls: incremental.summary.apiCalls <= 10,
      incrementalAtMost5PercentTime: incremental.seconds <= 0.05 * full.seconds,
    },
  };
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const g = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    process.stdout.write(`bench/sync — ${fmt(fullRecords)} records, sandbox → SQLite\n`);
    for (const o of full.summary.objects) process.stdout.write(`    ${o.object.padEnd(14)} ${fmt(o.read).padStart(8)} rows  ${o.seconds.toFixed(2)}s  via ${o.via.join('+')}  ${o.apiCalls} calls\n`);
    process.stdout.write(`  full sync      ${fmt(fullRate).padStart(9)} records/s  ${report.full.seconds}s  ${report.full.apiCalls} API calls  peak RSS ${mb(peak)}  (goals: ≥50k/s ${g(report.goals.recordsPerSecond50k)}, ≤512 MB ${g(report.goals.peakRss512MB)})\n`);
    process.stdout.write(`  baseline       ${fmt(baseRate).padStart(9)} records/s  ${report.baseline.seconds}s for ${fmt(baseRows)} accounts  ${baseCalls} API calls (jsforce autoFetch + one INSERT per row)\n`);
    process.stdout.write(`  ratio          ${report.ratioToBaseline}× the baseline (goal ≥10×: ${g(report.goals.tenTimesBaseline)})\n`);
    for (const o of incremental.summary.objects) process.stdout.write(`    ${o.object.padEnd(14)} ${fmt(o.read).padStart(8)} rows  ${o.seconds.toFixed(2)}s  via ${o.via.join('+')}  ${o.apiCalls} calls\n`);
    process.stdout.write(`  incremental    ${fmt(ids.length)} rows changed → read ${fmt(report.incremental.read)}, ${report.incremental.apiCalls} API calls, ${report.incremental.seconds}s = ${(report.incremental.shareOfFullTime * 100).toFixed(1)}% of full (goals: ≤10 calls ${g(report.goals.incrementalAtMost10Calls)}, ≤5% ${g(report.goals.incrementalAtMost5PercentTime)})\n`);
    if (report.postgres) process.stdout.write(`  PostgreSQL     ${fmt(report.postgres.recordsPerSecond).padStart(9)} records/s  ${report.postgres.seconds}s  ${report.postgres.apiCalls} API calls\n`);
  }
} finally {
  child.kill('SIGTERM');
}
