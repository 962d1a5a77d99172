import { asOfInstant } from '../as-of.ts';
import type { Command } from '../command.ts';
import { Progress } from '../progress.ts';

/**
 * `sextant score [--as-of DAY]`: health snapshots (with every measure's input, colour, points and
 * weight), hierarchy roll-ups and lifecycle stages, stored for that day.
 */
export const scoreCommand: Command = {
  name: 'score',
  summary: 'Score account health, roll it up the hierarchy, and assign lifecycle stages',
  usage: 'sextant score [--as-of YYYY-MM-DD] [--config FILE] [--json]',
  options: { 'as-of': { type: 'string' }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { openStore }, { loadScoringRules, loadReconcileRules }, { customerTest }, { runScore }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../store/open-store.ts'), import('../load-rules.ts'),
      import('../../reconcile/reconcile-rules.ts'), import('../../pipeline/score/run-score.ts'),
    ]);
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    const asOf = asOfInstant(ctx.values['as-of']);
    const [rules, reconcile] = await Promise.all([loadScoringRules(config.rulesDir), loadReconcileRules(config.rulesDir)]);
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      const progress = new Progress(process.stderr, !ctx.json);
      progress.start('score', null);
      const summary = await runScore({
        store, health: rules.health, lifecycle: rules.lifecycle, isCustomer: customerTest(reconcile.customers), asOf, onProgress: (n) => progress.update('score', n),
      });
      progress.finish('score', `${summary.scored} scored`);
      ctx.logger.info({ ...summary }, 'scored');
      if (ctx.json) return summary;
      const c = summary.colours;
      ctx.stdout.write(`score succeeded: run ${summary.runId}, as of ${summary.asOf.slice(0, 10)}, ${summary.scored} of ${summary.accounts} accounts scored (${summary.seconds.toFixed(1)}s)\n`);
      ctx.stdout.write(`  health: ${c.green} green, ${c.yellow} yellow, ${c.red} red, ${c.na} without enough data; ${summary.churnWarnings} churn warnings, ${summary.engagementAlerts} engagement alerts\n`);
      ctx.stdout.write(`  stages: ${Object.entries(summary.stages).map(([s, n]) => `${s} ${n}`).join(', ')}; ${summary.transitions} changes, ${summary.stuck} stuck\n`);
      ctx.stdout.write(`  roll-ups: ${summary.rollups} parent accounts\n`);
      return undefined;
    } finally {
      await store.close();
    }
  },
};
