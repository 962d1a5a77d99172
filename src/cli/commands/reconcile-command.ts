import type { Command } from '../command.ts';
import { wholeNumber as money } from '../option-values.ts';
import type { KeyMismatchReport } from '../../reconcile/key-mismatch-report.ts';
import { MISMATCH_CLASSES } from '../../reconcile/key-mismatch-report.ts';


const printSummary = (out: NodeJS.WritableStream, report: KeyMismatchReport): void => {
  const s = report.summary;
  out.write(`  ${s.linkedKeys} of ${s.usageKeys - s.ignoredKeys} usage keys linked (${(s.matchRate * 100).toFixed(1)}%; ${(s.eventMatchRate * 100).toFixed(1)}% of events): `
    + `${Object.entries(s.matchedBy).map(([rule, n]) => `${n} by ${rule}`).join(', ')}\n`);
  out.write(`  ${s.customersWithUsage} of ${s.customers} customers have usage; ARR affected by key problems: ${money(s.arrAffected)}\n`);
  for (const c of MISMATCH_CLASSES) {
    const section = report.classes[c];
    if (section.count > 0) out.write(`  ${c.padEnd(24)} ${String(section.count).padStart(6)}  ARR ${money(section.arr).padStart(12)}  events ${section.events}\n`);
  }
};

/**
 * `sextant reconcile [--report DIR]`: links warehouse keys to CRM accounts (the identity map) and,
 * with --report, writes the key-mismatch report for data owners (CSV for Excel, JSON, HTML).
 */
export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'Match warehouse account keys to Salesforce accounts; write the key-mismatch report',
  usage: 'sextant reconcile [--report DIR] [--config FILE] [--json]',
  options: { report: { type: 'string' }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { openStore }, { loadReconcileRules, loadKeyOverrides }, { runReconcile }, { writeKeyMismatchReport }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../store/open-store.ts'), import('../load-rules.ts'),
      import('../../pipeline/reconcile/run-reconcile.ts'), import('../../reports/key-mismatch/write-key-mismatch-report.ts'),
    ]);
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    const rules = await loadReconcileRules(config.rulesDir);
    const overrides = await loadKeyOverrides(config.keyOverridesFile);
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      const result = await runReconcile({ store, rules, overrides, asOf: new Date() });
      const files = typeof ctx.values.report === 'string' ? await writeKeyMismatchReport(ctx.values.report, result.report) : null;
      ctx.logger.info({ runId: result.runId, links: result.links, summary: result.report.summary }, 'reconciled');
      if (ctx.json) return { runId: result.runId, links: result.links, seconds: result.seconds, summary: result.report.summary, report: files };
      ctx.stdout.write(`reconcile succeeded: run ${result.runId}, ${result.links} keys linked (${result.seconds.toFixed(1)}s)\n`);
      printSummary(ctx.stdout, result.report);
      if (files !== null) ctx.stdout.write(`  report: ${files.html}\n          ${files.csv}\n          ${files.json}\n`);
      return undefined;
    } finally {
      await store.close();
    }
  },
};
