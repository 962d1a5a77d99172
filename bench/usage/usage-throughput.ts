/**
 * bench/usage: ~10M raw usage events (the demo generator's 100k accounts × 90 days: 11.0M with
 * seed 1) in Parquet → daily rollups in the SQLite store, then key reconciliation of the 100k
 * accounts against the usage keys that load wrote.
 * Baseline, same run: what a user would otherwise write — the raw events read into Node from the
 * same Parquet and aggregated there (baseline-phase.ts), over the whole file: ~2½ minutes and
 * ~3 GB RSS here at 11M events. BENCH_BASELINE_EVENTS=N reads only the file's first N events
 * (its first days; the per-event rate came out the same at 2M) for a quicker run; rates are
 * compared per event.
 * Goals: events → rollups ≤ 15 s per 10M events (≥ 666,667 events/s); reconcile ≤ 3 s.
 * Every phase runs in a process of its own (run-phase.ts), with the heap flags of the command it
 * stands for, so its peak RSS is its own; each reports CPU seconds beside wall time, since the
 * bench machine is shared. The input is generated once and cached (usage-fixture.ts);
 * generation is not measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { heapFlags } from '../../bin/node-flags.js';
import { fmt, mb, median } from '../support/measure.ts';
import type { BaselinePhaseArgs, BaselinePhaseResult } from './baseline-phase.ts';
import type { ReconcilePhaseArgs, ReconcilePhaseResult } from './reconcile-phase.ts';
import type { RollupPhaseArgs, RollupPhaseResult } from './rollup-phase.ts';
import { runPhase } from './run-phase.ts';
import type { SeedArgs, SeedResult } from './seed-crm-accounts.ts';
import { fixtureDir, fixtureFiles, readFixture } from './usage-fixture.ts';
import type { UsageFixtureKey, UsageFixtureMeta } from './usage-fixture.ts';

const key: UsageFixtureKey = {
  accounts: Number(process.env.BENCH_ACCOUNTS ?? 100_000),
  days: Number(process.env.BENCH_DAYS ?? 90),
  seed: Number(process.env.BENCH_SEED ?? 1),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** 0 reads the whole file. */
const BASELINE_EVENTS = Number(process.env.BENCH_BASELINE_EVENTS ?? 0);
/** Fixed, so the cached input stays valid: the demo's day, its events the `days` days before. */
const AS_OF = '2026-03-01T00:00:00.000Z';
const GOAL_EVENTS = 10_000_000;
const GOAL_ROLLUP_SECONDS = 15;
const GOAL_RECONCILE_SECONDS = 3;

const json = process.argv.includes('--json');
const log = (line: string): void => { if (!json) process.stderr.write(`${line}\n`); };
const load = (): number[] => loadavg().map((n) => +n.toFixed(2));

// 1. The input: reused when cached, else generated in a process of its own.
const dir = fixtureDir(key);
const files = fixtureFiles(dir);
const cached = readFixture(key);
let meta: UsageFixtureMeta;
const reused = cached.meta !== null && cached.meta.asOf === AS_OF;
if (reused) {
  meta = cached.meta!;
  log(`reusing ${dir} (${fmt(meta.events)} events)`);
} else {
  log(`generating ${dir}${cached.stale === null ? '' : ` (${cached.stale})`}: ${fmt(key.accounts)} accounts × ${key.days} days, seed ${key.seed}; takes minutes, once…`);
  // The demo org holds every record in memory (~1 GB for 100k accounts): room to spare.
  await runPhase<unknown>('write-usage-fixture.ts', { ...key, asOf: AS_OF }, ['--max-old-space-size=8192']);
  const fresh = readFixture(key).meta;
  if (fresh === null) throw new Error(`generating ${dir} left no usable meta.json`);
  meta = fresh;
}

const work = mkdtempSync(path.join(tmpdir(), 'sextant-bench-usage-run-'));
const loadBefore = load();
try {
  // 2. Events → rollups, RUNS times, each into a fresh store; the last store feeds reconcile.
  const rollups: RollupPhaseResult[] = [];
  let dbFile = '';
  for (let i = 0; i < RUNS; i++) {
    if (dbFile !== '') rmSync(dbFile, { force: true });
    dbFile = path.join(work, `rollups-${i}.db`);
    log(`events → rollups, run ${i + 1} of ${RUNS}…`);
    const args: RollupPhaseArgs = { events: files.events, licenses: files.licenses, dbFile, asOf: AS_OF, days: key.days };
    rollups.push(await runPhase<RollupPhaseResult>('rollup-phase.ts', args, heapFlags()));
  }
  const seconds = median(rollups.map((r) => r.seconds));
  const mid = [...rollups].sort((a, b) => a.seconds - b.seconds)[Math.floor(rollups.length / 2)]!;
  const last = rollups.at(-1)!;
  const eventRate = meta.events / seconds;
  const rowRate = last.stored / seconds;
  const checked = last.check.events === meta.events && last.check.rows === last.stored;

  // 3. Baseline: the raw events into Node (Node's default heap, as a user's script runs).
  const limit = BASELINE_EVENTS > 0 && BASELINE_EVENTS < meta.events ? BASELINE_EVENTS : null;
  log(`baseline (raw events into Node, aggregated in a Map, one INSERT per rollup row) on ${limit === null ? 'every event' : `the first ${fmt(limit)} events`}…`);
  const baseArgs: BaselinePhaseArgs = { events: files.events, dbFile: path.join(work, 'baseline.db'), limit };
  const baseline = await runPhase<BaselinePhaseResult>('baseline-phase.ts', baseArgs);
  const baseRate = baseline.events / baseline.seconds;

  // 4. Reconcile: the CRM accounts seeded (untimed), then measured.
  log(`seeding ${fmt(meta.crmAccounts)} CRM accounts, then reconcile × ${RUNS}…`);
  const seedArgs: SeedArgs = { accountsFile: files.accounts, dbFile, asOf: AS_OF };
  const seeded = await runPhase<SeedResult>('seed-crm-accounts.ts', seedArgs);
  const reconcileArgs: ReconcilePhaseArgs = { dbFile, asOf: AS_OF, runs: RUNS };
  const reconcile = await runPhase<ReconcilePhaseResult>('reconcile-phase.ts', reconcileArgs, heapFlags(process.env, 'reconcile'));

  const scaledGoal = GOAL_ROLLUP_SECONDS * (meta.events / GOAL_EVENTS);
  const report = {
    bench: 'usage',
    input: { dir, reused, accounts: meta.accounts, days: meta.days, seed: meta.seed, asOf: meta.asOf, events: meta.events, eventKeys: meta.eventKeys, crmAccounts: meta.crmAccounts, generatedSeconds: +meta.generatedSeconds.toFixed(1) },
    rollups: {
      runs: rollups.map((r) => +r.seconds.toFixed(2)),
      seconds: +seconds.toFixed(2),
      cpuSeconds: +median(rollups.map((r) => r.cpuSeconds)).toFixed(1),
      eventsPerSecond: Math.round(eventRate),
      rollupRows: last.stored,
      rollupRowsPerSecond: Math.round(rowRate),
      usageAccounts: last.usageAccounts,
      quarantined: last.quarantined,
      peakRssBytes: Math.max(...rollups.map((r) => r.peakRssBytes)),
      peakHeapUsed: Math.max(...rollups.map((r) => r.peakHeapUsed)),
      // Of the median run.
      breakdown: {
        rollupQuery: +mid.source.rollupsSeconds.toFixed(2),
        rollupQueryFirstPage: +mid.source.rollupsFirstPageSeconds.toFixed(2),
        storeWrites: +mid.store.transactionSeconds.toFixed(2),
        transactions: mid.store.transactions,
        accountsQuery: +mid.source.accountsSeconds.toFixed(2),
        refreshVolumes: +mid.store.refreshVolumesSeconds.toFixed(2),
      },
      checkedAgainstEvents: checked,
    },
    baseline: {
      events: baseline.events, prefix: limit !== null, rollupRows: baseline.rollupRows, seconds: +baseline.seconds.toFixed(2), cpuSeconds: +baseline.cpuSeconds.toFixed(1),
      eventsPerSecond: Math.round(baseRate), readAggregateSeconds: +baseline.readAggregateSeconds.toFixed(2), insertSeconds: +baseline.insertSeconds.toFixed(2),
      peakRssBytes: baseline.peakRssBytes,
    },
    ratioToBaseline: +(eventRate / baseRate).toFixed(1),
    reconcile: {
      accounts: reconcile.accounts, usageAccounts: reconcile.usageAccounts, links: reconcile.links, matchRate: reconcile.summary.matchRate,
      matchedBy: reconcile.summary.matchedBy, nameComparisons: reconcile.nameComparisons,
      stepRuns: reconcile.stepSeconds.map((s) => +s.toFixed(3)), stepSeconds: +reconcile.stepMedian.toFixed(3), stepCpuSeconds: +reconcile.stepCpuSeconds.toFixed(2), stepPeakRssBytes: reconcile.stepPeakRssBytes,
      coreRuns: reconcile.coreSeconds.map((s) => +s.toFixed(3)), coreSeconds: +reconcile.coreMedian.toFixed(3),
      seededAccounts: seeded.accounts, seededQuarantined: seeded.quarantined,
    },
    loadAverage: { before: loadBefore, after: load() },
    goals: {
      rollupsPer10MEventsAtMost15s: eventRate >= GOAL_EVENTS / GOAL_ROLLUP_SECONDS,
      reconcileAtMost3s: reconcile.stepMedian <= GOAL_RECONCILE_SECONDS,
    },
  };

  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const g = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    const s = (n: number): string => `${n.toFixed(2)}s`;
    const b = report.rollups.breakdown;
    const out = (line: string): void => { process.stdout.write(`${line}\n`); };
    out(`bench/usage — ${fmt(meta.events)} raw events (${fmt(meta.accounts)} accounts × ${meta.days} days, seed ${meta.seed}: ${fmt(meta.eventKeys)} keys with events) in Parquet → SQLite`);
    out(`  input          ${reused ? 'reused' : 'generated now'}: ${dir} (generation took ${meta.generatedSeconds.toFixed(0)}s, not measured)`);
    out(`  events→rollups ${fmt(eventRate).padStart(9)} events/s  ${fmt(rowRate).padStart(9)} rollup rows/s  ${s(seconds)} median of ${RUNS} (${report.rollups.runs.join(', ')}; CPU ${report.rollups.cpuSeconds}s)  peak RSS ${mb(report.rollups.peakRssBytes)}`);
    out(`                 ${fmt(last.stored)} rollup rows, ${fmt(last.usageAccounts)} usage accounts, ${last.quarantined} quarantined; stored rows sum to ${fmt(last.check.events)} events (${checked ? 'all of them' : 'MISMATCH'})`);
    out(`                 goal ≤15 s per 10M events (≥${fmt(GOAL_EVENTS / GOAL_ROLLUP_SECONDS)} events/s, ≤${scaledGoal.toFixed(1)} s for these ${fmt(meta.events)} events): ${g(report.goals.rollupsPer10MEventsAtMost15s)}`);
    out(`                 where the time goes (median run; waits on each query, so parts overlap): rollup query ${s(b.rollupQuery)} (first page after ${s(b.rollupQueryFirstPage)}),`);
    out(`                 store writes ${s(b.storeWrites)} (${b.transactions} transactions), accounts query ${s(b.accountsQuery)}, volume refresh ${s(b.refreshVolumes)}`);
    out(`  baseline       ${fmt(baseRate).padStart(9)} events/s  ${s(baseline.seconds)} for ${limit === null ? 'all' : 'the first'} ${fmt(baseline.events)} events → ${fmt(baseline.rollupRows)} rollup rows (read + aggregate ${s(baseline.readAggregateSeconds)}, insert ${s(baseline.insertSeconds)}; CPU ${report.baseline.cpuSeconds}s)  peak RSS ${mb(baseline.peakRssBytes)}`);
    if (limit !== null) out('                 (a prefix of the file, its first days, as BENCH_BASELINE_EVENTS asks: rates compared per event)');
    out(`  ratio          ${report.ratioToBaseline}× the baseline (events/s)`);
    out(`  reconcile      ${s(reconcile.stepMedian)} median of ${RUNS} (${report.reconcile.stepRuns.join(', ')}) for runReconcile (store read + match + identity-map write; CPU ${report.reconcile.stepCpuSeconds}s)  peak RSS ${mb(reconcile.stepPeakRssBytes)}  (goal ≤3 s: ${g(report.goals.reconcileAtMost3s)})`);
    out(`                 reconcileKeys alone ${s(reconcile.coreMedian)}; ${fmt(reconcile.accounts)} accounts × ${fmt(reconcile.usageAccounts)} usage keys → ${fmt(reconcile.links)} links (match rate ${reconcile.summary.matchRate}), ${fmt(reconcile.nameComparisons)} name comparisons`);
    out(`  load average   ${report.loadAverage.before.join(' ')} before, ${report.loadAverage.after.join(' ')} after on ${availableParallelism()} cores (medians, not best runs)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
