import path from 'node:path';
import { SextantError } from '../../domain/sextant-error.ts';
import type { Command } from '../command.ts';

/**
 * `sextant nps [--file PATH]`: loads the survey tool's NPS export (from --file, or sextant.yaml's
 * nps.file) into the store, linking each response to its contact's account; rows that cannot be
 * linked or read are quarantined with their code. Contacts must be synced first.
 */
export const npsCommand: Command = {
  name: 'nps',
  summary: 'Load NPS survey responses from a CSV export, linked to contacts and accounts',
  usage: 'sextant nps [--file PATH] [--config FILE] [--json]',
  options: { file: { type: 'string' }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { openStore }, { runNpsLoad }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../store/open-store.ts'), import('../../pipeline/nps/load-nps.ts'),
    ]);
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    const file = typeof ctx.values.file === 'string' ? path.resolve(ctx.values.file) : config.nps?.file;
    if (file === undefined) {
      throw new SextantError('NPS_FILE_MISSING', 'no NPS file to load', {
        kind: 'config', path: '--file', hints: ['Pass --file PATH, or add `nps: { file: responses.csv }` to sextant.yaml.'],
      });
    }
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      const result = await runNpsLoad({ store, file, asOf: new Date() });
      ctx.logger.info({ ...result }, 'nps loaded');
      if (ctx.json) return result;
      const s = result.statuses;
      ctx.stdout.write(`nps succeeded: run ${result.runId}, ${result.loaded} of ${result.read} rows loaded, ${result.changed} new or changed (${result.seconds.toFixed(1)}s)\n`);
      ctx.stdout.write(`  ${s.promoter} promoters, ${s.passive} passives, ${s.detractor} detractors across ${result.accounts} accounts`
        + `${result.duplicates > 0 ? `; ${result.duplicates} repeated rows skipped` : ''}\n`);
      if (result.quarantined > 0) {
        ctx.stdout.write(`  ${result.quarantined} quarantined: ${Object.entries(result.quarantinedByCode).map(([code, n]) => `${code} ${n}`).join(', ')}\n`);
      }
      return undefined;
    } finally {
      await store.close();
    }
  },
};
