import { SextantError } from '../../domain/sextant-error.ts';
import type { Command } from '../command.ts';
import { positiveInt } from '../option-values.ts';
import type { VerifyReport } from '../../pipeline/verify/run-verify.ts';


const printReport = (out: NodeJS.WritableStream, report: VerifyReport): void => {
  out.write(`verify: ${report.ok} of ${report.checked} accounts match the org and the warehouse (sampled by ${report.basis}; ${report.apiCalls} API calls)\n`);
  for (const v of report.accounts) {
    out.write(`  ${v.ok ? 'ok     ' : 'PROBLEM'} ${v.band.padEnd(8)} ${v.name} (${v.accountId}) — ${v.why}\n`);
    for (const f of v.flags) out.write(`            ${f.code}: ${f.detail}\n`);
  }
  const flags = Object.entries(report.flags);
  if (flags.length > 0) out.write(`  flags: ${flags.map(([code, n]) => `${code} ${n}`).join(', ')}\n`);
};

/**
 * `sextant verify [--sample 20] [--seed N]`: the QA pass. Exits 6 (a data problem) when any
 * sampled account differs from the org or the warehouse, so a scheduler can alert on it.
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'QA pass: re-read a sample of healthy and at-risk accounts live and compare them with the store',
  usage: 'sextant verify [--sample 20] [--seed N] [--config FILE] [--json]',
  options: { sample: { type: 'string' }, seed: { type: 'string' }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { loadMappings }, { openStore }, { composeSalesforceSource }, { composeUsageSource }, { loadReconcileRules }, { runVerify }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../config/mappings/index.ts'), import('../../store/open-store.ts'),
      import('../compose-sync.ts'), import('../compose-usage.ts'), import('../load-rules.ts'), import('../../pipeline/verify/run-verify.ts'),
    ]);
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    const size = ctx.values.sample === undefined ? 20 : positiveInt(ctx.values.sample, 'sample');
    const seed = ctx.values.seed === undefined ? 1 : positiveInt(ctx.values.seed, 'seed');
    const mappings = await loadMappings(config.mappingsDir);
    const accountMapping = mappings.byObject.accounts;
    if (accountMapping === undefined) throw new SextantError('MAPPING_MISSING', 'no mapping fills accounts', { kind: 'config', path: config.mappingsDir });
    const rules = await loadReconcileRules(config.rulesDir);
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    const usage = config.usage === undefined ? null : await composeUsageSource(env, config.usage);
    try {
      const { source } = await composeSalesforceSource(env, config, ctx.logger);
      const report = await runVerify({
        store, crm: source, usage, accountMapping, rules, coreFeatures: config.usage?.coreFeatures ?? [], colours: null, size, seed, asOf: new Date(),
      });
      ctx.logger.info({ checked: report.checked, ok: report.ok, flags: report.flags }, 'verified');
      if (report.ok < report.checked) process.exitCode = 6;
      if (ctx.json) return report;
      printReport(ctx.stdout, report);
      return undefined;
    } finally {
      await usage?.close();
      await store.close();
    }
  },
};
