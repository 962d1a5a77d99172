/**
 * bench/score: health + roll-ups + lifecycle stages for one asOf over 100k demo accounts with 90
 * days of usage each, read from the store as `sextant score` does; and a 90-day backtest.
 * Baseline, same run: the loop a user would otherwise write — per account, query its usage, score
 * it, store the snapshot — on a sample of accounts, compared per account (it assigns no stages).
 * Goals: score ≤ 10 s and peak RSS ≤ 1 GB; backtest of 90 days over 10k accounts ≤ 60 s.
 * Each phase runs in its own process (with the CLI's heap settings), so RSS is that phase's own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { heapFlags } from '../../bin/node-flags.js';
import { fmt, mb, median } from '../support/measure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AS_OF_DAY = '2026-11-01';
const asOf = `${AS_OF_DAY}T23:59:59.999Z`;
const json = process.argv.includes('--json');
const log = (line: string): void => { if (!json) process.stderr.write(`${line}\n`); };

const child = (script: string, args: Record<string, unknown>, flags: string[] = heapFlags(process.env, 'score')): Record<string, number & Record<string, number>> => {
  const r = spawnSync(process.execPath, [...flags, path.join(here, script), JSON.stringify(args)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${script} ${JSON.stringify(args)} exited ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number & Record<string, number>>;
};


// Setup (untimed), cached by size: generating and loading 100k accounts takes a while.
const dir = path.join(tmpdir(), `sextant-bench-score-${ACCOUNTS}-${DAYS}`);
const dbFile = path.join(dir, 'score.db');
// Written only after a complete setup: a half-built store from an interrupted run is rebuilt.
const seededMarker = path.join(dir, 'seeded.json');
if (!existsSync(seededMarker)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`building the store: ${fmt(ACCOUNTS)} demo accounts, ${DAYS} days of usage…`);
  const seeded = child('seed-score-store.ts', { dbFile, accounts: ACCOUNTS, days: DAYS, asOf: `${AS_OF_DAY}T12:00:00Z`, root }, ['--max-old-space-size=8192']);
  writeFileSync(seededMarker, JSON.stringify(seeded));
  log(`  ${fmt(seeded.accounts!)} accounts, ${fmt(seeded.opportunities!)} opportunities, ${fmt(seeded.usageDays!)} usage days, ${fmt(seeded.links!)} keys linked (${Number(seeded.seconds).toFixed(0)}s)`);
} else {
  log(`reusing the store in ${dir}`);
}

const scoreRuns = Array.from({ length: RUNS }, (_, i) => {
  log(`score run ${i + 1}/${RUNS}…`);
  return child('score-phase.ts', { phase: 'score', dbFile, asOf, root });
});
const SAMPLE = 2_000;
log(`baseline on ${fmt(SAMPLE)} accounts…`);
const baseline = child('score-phase.ts', { phase: 'baseline', dbFile, asOf, root, sample: SAMPLE });
log('backtest over 90 days…');
const backtest = child('score-phase.ts', { phase: 'backtest', dbFile, asOf, root, from: '2026-08-04', to: AS_OF_DAY }, ['--max-old-space-size=4096']);

const seconds = median(scoreRuns.map((r) => r.seconds!));
const peak = Math.max(...scoreRuns.map((r) => r.peakRssBytes!));
const scored = scoreRuns[0]!.scored!;
const rate = scored / seconds;
const baseRate = baseline.scored! / baseline.seconds!;
const report = {
  bench: 'score',
  accounts: scoreRuns[0]!.accounts,
  score: { scored, secondsMedian: +seconds.toFixed(2), runs: scoreRuns.map((r) => +r.seconds!.toFixed(2)), accountsPerSecond: Math.round(rate), peakRssBytes: peak, colours: scoreRuns[0]!.colours, rollups: scoreRuns[0]!.rollups },
  baseline: { scored: baseline.scored, seconds: +baseline.seconds!.toFixed(2), accountsPerSecond: Math.round(baseRate) },
  ratio: +(rate / baseRate).toFixed(1),
  backtest: { accounts: backtest.accounts, daysReplayed: backtest.daysReplayed, renewals: backtest.renewals, lost: backtest.lost, seconds: +backtest.seconds!.toFixed(2), peakRssBytes: backtest.peakRssBytes },
  goals: { scoreAtMost10s: seconds <= 10, peakRssAtMost1GB: peak <= 1024 ** 3, backtestAtMost60sFor10k: backtest.accounts! >= 10_000 ? backtest.seconds! <= 60 : backtest.seconds! * (10_000 / backtest.accounts!) <= 60 },
};
if (json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const g = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  process.stdout.write(`bench/score — ${fmt(report.accounts!)} accounts, ${DAYS} days of usage, as of ${AS_OF_DAY}\n`);
  process.stdout.write(`  score          ${fmt(scored)} customers scored + stages for all + ${fmt(report.score.rollups!)} roll-ups: median ${seconds.toFixed(2)}s of ${report.score.runs.join(', ')} = ${fmt(Math.round(rate))} accounts/s, peak RSS ${mb(peak)} (goals: ≤10 s ${g(report.goals.scoreAtMost10s)}, ≤1 GB ${g(report.goals.peakRssAtMost1GB)})\n`);
  process.stdout.write(`  baseline       ${fmt(Math.round(baseRate))} accounts/s (per account: usage query, score, store the snapshot; ${fmt(baseline.scored!)} accounts)\n`);
  process.stdout.write(`  ratio          ${report.ratio}× the baseline\n`);
  process.stdout.write(`  backtest       ${fmt(backtest.accounts!)} accounts × ${backtest.daysReplayed} days replayed in ${backtest.seconds!.toFixed(1)}s (${fmt(backtest.renewals!)} renewals, ${fmt(backtest.lost!)} lost), peak RSS ${mb(backtest.peakRssBytes!)} (goal: 10k accounts ≤ 60 s ${g(report.goals.backtestAtMost60sFor10k)})\n`);
}
