import type { BacktestReport } from '../../health/index.ts';
import type { Command } from '../command.ts';
import { dayOption, positiveInt } from '../option-values.ts';

const pct = (v: number | null): string => (v === null ? '  n/a' : `${(v * 100).toFixed(0).padStart(4)}%`);

const printReport = (out: NodeJS.WritableStream, r: BacktestReport & { seconds: number }): void => {
  const o = r.overall;
  out.write(`backtest ${r.range.from} … ${r.range.to}: ${r.accounts} accounts, ${r.daysReplayed} days replayed (${r.seconds.toFixed(1)}s)\n`);
  out.write(`  renewals: ${o.renewals} (${o.lost} lost). "Red within ${r.windowDays} days before the renewal":\n`);
  out.write(`  ${'model / measure'.padEnd(28)} precision  recall  lift   lost ARR caught  weight\n`);
  out.write(`  ${'overall health'.padEnd(28)} ${pct(o.precision)}    ${pct(o.recall)}   ${o.lift === null ? ' n/a' : o.lift.toFixed(1).padStart(4)}   ${pct(o.arrRecall)}\n`);
  for (const m of r.perMeasure) {
    out.write(`  ${m.label.slice(0, 27).padEnd(28)} ${pct(m.precision)}    ${pct(m.recall)}   ${m.lift === null ? ' n/a' : m.lift.toFixed(1).padStart(4)}   ${pct(m.arrRecall)}          ${m.defaultWeight ?? '-'}\n`);
  }
  const warned = r.lostRenewals.filter((l) => l.daysRedBeforeLoss !== null);
  if (r.lostRenewals.length > 0) {
    const leads = warned.map((l) => l.daysRedBeforeLoss!).sort((a, b) => a - b);
    out.write(`  lost renewals: ${warned.length} of ${r.lostRenewals.length} turned red first${leads.length > 0 ? `, a median ${leads[Math.floor(leads.length / 2)]} days ahead` : ''}\n`);
  }
  if (r.notEvaluable.length > 0) out.write(`  not evaluable: ${r.notEvaluable.length} renewals (no replayed day in their window)\n`);
};

/**
 * `sextant backtest --from DAY --to DAY [--window 90]`: would the health model have warned about
 * the renewals that were lost, and which measures earn their weight.
 */
export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'Replay the health model over stored history: lead time before lost renewals, precision/recall per measure',
  usage: 'sextant backtest --from YYYY-MM-DD --to YYYY-MM-DD [--window 90] [--config FILE] [--json]',
  options: { from: { type: 'string' }, to: { type: 'string' }, window: { type: 'string' }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { openStore }, { loadScoringRules }, { runBacktestFromStore }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../store/open-store.ts'), import('../load-rules.ts'),
      import('../../pipeline/backtest/run-backtest.ts'),
    ]);
    const range = { from: dayOption(ctx.values.from, 'from'), to: dayOption(ctx.values.to, 'to') };
    const windowDays = ctx.values.window === undefined ? 90 : positiveInt(ctx.values.window, 'window');
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    const { health } = await loadScoringRules(config.rulesDir);
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      const report = await runBacktestFromStore({ store, health, range, windowDays });
      ctx.logger.info({ range, accounts: report.accounts, overall: report.overall }, 'backtest');
      if (ctx.json) return report;
      printReport(ctx.stdout, report);
      return undefined;
    } finally {
      await store.close();
    }
  },
};
