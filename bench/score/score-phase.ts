/**
 * One measured phase of bench/score, in a process of its own so its peak RSS is its own:
 *   score     `runScore` over the whole store (what `sextant score` runs)
 *   baseline  what a user would otherwise write: per account, query its usage and score it
 *   backtest  `runBacktestFromStore` over a range of days
 * Prints one JSON line: seconds, accounts, peak RSS (process maxRSS).
 */
import path from 'node:path';
import { loadReconcileRules, loadScoringRules } from '../../src/cli/load-rules.ts';
import { deriveSignals, scoreAccount } from '../../src/health/index.ts';
import { runBacktestFromStore } from '../../src/pipeline/backtest/run-backtest.ts';
import { accountFacts } from '../../src/pipeline/score/account-facts.ts';
import { keysByAccount as linkedKeys } from '../../src/pipeline/linked-keys.ts';
import { runScore } from '../../src/pipeline/score/run-score.ts';
import { customerTest } from '../../src/reconcile/reconcile-rules.ts';
import { openStore } from '../../src/store/open-store.ts';

type PhaseArgs = { phase: 'score' | 'baseline' | 'backtest'; dbFile: string; asOf: string; root: string; sample?: number; from?: string; to?: string };
const args = JSON.parse(process.argv[2] ?? '{}') as PhaseArgs;
const rulesDir = path.join(args.root, 'rules');
const [{ health, lifecycle }, reconcile] = await Promise.all([loadScoringRules(rulesDir), loadReconcileRules(rulesDir)]);
const isCustomer = customerTest(reconcile.customers);
const store = await openStore(`sqlite:${args.dbFile}`);
const started = performance.now();
let out: Record<string, unknown>;
try {
  if (args.phase === 'score') {
    const s = await runScore({ store, health, lifecycle, isCustomer, asOf: args.asOf });
    out = { accounts: s.accounts, scored: s.scored, colours: s.colours, rollups: s.rollups, stages: s.stages };
  } else if (args.phase === 'baseline') {
    // The obvious loop: every customer, one query for its keys' days, score it, store the snapshot.
    const links = await store.listIdentityLinks();
    const keysByAccount = linkedKeys(links);
    const from = new Date(Date.parse(args.asOf) - 119 * 86_400_000).toISOString().slice(0, 10);
    let scored = 0;
    for await (const account of store.iterateRecords('accounts')) {
      if (!isCustomer(account)) continue;
      if (scored >= (args.sample ?? Infinity)) break;
      const days = [];
      for await (const page of store.usageDays({ accountKeys: keysByAccount.get(account.id) ?? [], range: { from, to: args.asOf.slice(0, 10) } })) days.push(...page);
      const ctx = { opportunitiesByAccount: new Map(), keysByAccount, stages: new Map(), npsByAccount: new Map() };
      const snapshot = scoreAccount(deriveSignals(accountFacts(account, days, ctx), args.asOf, health.signals), health, args.asOf);
      await store.saveHealthSnapshots([snapshot], null);
      scored++;
    }
    out = { scored };
  } else {
    const r = await runBacktestFromStore({ store, health, range: { from: args.from!, to: args.to! }, windowDays: 90 });
    out = { accounts: r.accounts, daysReplayed: r.daysReplayed, lost: r.overall.lost, renewals: r.overall.renewals, recall: r.overall.recall, precision: r.overall.precision };
  }
} finally {
  await store.close();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ ...out, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
