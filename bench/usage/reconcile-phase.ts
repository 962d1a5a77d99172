/**
 * Measured reconcile, in its own process with the heap flags `sextant reconcile` gets, over a
 * store holding the CRM accounts (seed-crm-accounts.ts) and the usage accounts a load wrote
 * (rollup-phase.ts). Two figures, each the median of `runs`:
 * - the step: runReconcile (read every account and usage account from the store, match, replace
 *   the identity map), each run starting from an empty map, so every link is written;
 * - the core alone: reconcileKeys on inputs read once beforehand.
 * Prints one JSON line.
 */
import { DEFAULT_RECONCILE_RULES } from '../../src/config/rules/reconcile-rules.schema.ts';
import { runReconcile } from '../../src/pipeline/reconcile/run-reconcile.ts';
import type { KeyMismatchSummary } from '../../src/reconcile/key-mismatch-report.ts';
import { RECONCILE_ACCOUNT_FIELDS } from '../../src/reconcile/reconcile-account.ts';
import { reconcileKeys } from '../../src/reconcile/reconcile-keys.ts';
import { openStore } from '../../src/store/open-store.ts';
import { median, PeakRss } from '../support/measure.ts';
import { cpuSince } from './cpu-time.ts';

export type ReconcilePhaseArgs = { dbFile: string; asOf: string; runs: number };

export type ReconcilePhaseResult = {
  accounts: number;
  usageAccounts: number;
  links: number;
  nameComparisons: number;
  summary: KeyMismatchSummary;
  /** runReconcile, per run. */
  stepSeconds: number[];
  stepMedian: number;
  /** CPU time of the median run (V8's GC threads included). */
  stepCpuSeconds: number;
  stepPeakRssBytes: number;
  /** reconcileKeys alone, per run. */
  coreSeconds: number[];
  coreMedian: number;
};

const args = JSON.parse(process.argv[2] ?? '{}') as ReconcilePhaseArgs;
const asOf = new Date(args.asOf);
const store = await openStore(`sqlite:${args.dbFile}`);
try {
  const rss = new PeakRss(20);
  const stepSeconds: number[] = [];
  const stepCpu: number[] = [];
  let links = 0;
  let summary: KeyMismatchSummary | undefined;
  for (let i = 0; i < args.runs; i++) {
    await store.replaceIdentityLinks([], { at: asOf.toISOString() });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await runReconcile({ store, rules: DEFAULT_RECONCILE_RULES, overrides: [], asOf });
    stepSeconds.push((performance.now() - started) / 1000);
    stepCpu.push(cpuSince(cpu));
    links = result.links;
    summary = result.report.summary;
  }
  const stepPeak = rss.stop();

  // The same read runReconcile makes, so the core is timed on the same objects.
  const accounts = await store.listRecords('accounts', { fields: RECONCILE_ACCOUNT_FIELDS, includeDeleted: true });
  const usageAccounts = await store.listUsageAccounts();
  const coreSeconds: number[] = [];
  let nameComparisons = 0;
  for (let i = 0; i < args.runs; i++) {
    const started = performance.now();
    const result = reconcileKeys({ accounts, usageAccounts, overrides: [], rules: DEFAULT_RECONCILE_RULES, asOf: args.asOf.slice(0, 10) });
    coreSeconds.push((performance.now() - started) / 1000);
    nameComparisons = result.stats.nameComparisons;
  }

  const out: ReconcilePhaseResult = {
    accounts: accounts.length, usageAccounts: usageAccounts.length, links, nameComparisons, summary: summary!,
    stepSeconds, stepMedian: median(stepSeconds), stepCpuSeconds: stepCpu[stepSeconds.indexOf(median(stepSeconds))] ?? median(stepCpu), stepPeakRssBytes: stepPeak, coreSeconds, coreMedian: median(coreSeconds),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await store.close();
}
