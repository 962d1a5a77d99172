import { SextantError } from '../../domain/sextant-error.ts';
import { CRM_OBJECTS, type CrmObjectName } from '../../domain/crm-records.ts';
import type { SextantEnv } from '../../config/env.ts';
import type { SextantConfig } from '../../config/sextant-config.schema.ts';
import type { UsageLoadSummary } from '../../pipeline/usage/load-usage.ts';
import type { Store } from '../../store/store.ts';
import type { Command, CommandContext } from '../command.ts';
import { Progress } from '../progress.ts';

/**
 * `sextant sync [--objects a,b] [--full]`: Salesforce into the store. Per-object progress on a
 * terminal; `--json` prints the run summary. A run stopped by the API budget exits 4 with
 * outcome `deferred`; the next run resumes from its checkpoint.
 */
const USAGE = 'usage';

/** The usage part of a sync: daily rollups from the configured warehouse (its own run). */
const usageNotConfigured = (): SextantError =>
  new SextantError('USAGE_NOT_CONFIGURED', 'no usage source is configured', { kind: 'config', path: 'sextant.yaml:usage', hints: ['Add a `usage:` section to sextant.yaml (see README: Usage).'] });

const syncUsage = async (ctx: CommandContext, env: SextantEnv, config: SextantConfig, store: Store, full: boolean): Promise<UsageLoadSummary & { runId: string }> => {
  const usage = config.usage;
  if (usage === undefined) throw usageNotConfigured();
  const [{ composeUsageSource }, { runUsageLoad }] = await Promise.all([import('../compose-usage.ts'), import('../../pipeline/usage/load-usage.ts')]);
  const source = await composeUsageSource(env, usage);
  const progress = new Progress(process.stderr, !ctx.json);
  let read = 0;
  try {
    progress.start(USAGE, null);
    const summary = await runUsageLoad({
      store, source, asOf: new Date(), coreFeatures: usage.coreFeatures, lookbackDays: usage.lookbackDays, historyDays: usage.historyDays, full,
      onPage: (rows) => progress.update(USAGE, (read += rows)),
    });
    progress.finish(USAGE, `${summary.changed} days changed, ${summary.quarantined} quarantined`);
    ctx.logger.info({ ...summary }, 'usage loaded');
    if (!ctx.json) {
      ctx.stdout.write(`usage: ${summary.range.from} … ${summary.range.to} from ${source.kind}: read ${summary.read} daily rows, ${summary.changed} new or changed, ${summary.quarantined} quarantined, ${summary.usageAccounts} usage accounts (${summary.seconds.toFixed(1)}s)\n`);
    }
    return summary;
  } finally {
    await source.close();
  }
};

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Copy Salesforce records into the store: incremental, resumable, within the API budget',
  usage: 'sextant sync [--objects users,accounts,…,usage] [--full] [--config FILE] [--json]',
  options: { objects: { type: 'string' }, full: { type: 'boolean', default: false }, config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, { loadMappings }, { openStore }, { composeSalesforceSource }, { runSync }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../config/mappings/index.ts'),
      import('../../store/open-store.ts'), import('../compose-sync.ts'), import('../../pipeline/sync/run-sync.ts'),
    ]);
    const env = readEnv();
    const config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
    let objects: CrmObjectName[] = [...config.sync.objects];
    let withUsage = config.usage !== undefined;
    if (typeof ctx.values.objects === 'string') {
      const asked = ctx.values.objects.split(',').map((o) => o.trim()).filter(Boolean);
      const unknown = asked.filter((o) => o !== USAGE && !CRM_OBJECTS.includes(o as CrmObjectName));
      if (unknown.length > 0) throw new SextantError('CLI_USAGE', `unknown object(s): ${unknown.join(', ')}`, { kind: 'config', path: '--objects', hints: [`Objects: ${[...CRM_OBJECTS, USAGE].join(', ')}`] });
      objects = CRM_OBJECTS.filter((o) => asked.includes(o));
      withUsage = asked.includes(USAGE);
      if (withUsage && config.usage === undefined) throw usageNotConfigured();
    }
    const mappings = await loadMappings(config.mappingsDir);
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      if (objects.length === 0 && withUsage) return await syncUsage(ctx, env, config, store, ctx.values.full === true);
      const { source } = await composeSalesforceSource(env, config, ctx.logger);
      const progress = new Progress(process.stderr, !ctx.json);
      const summary = await runSync({
        store, source, mappings, config: config.sync, objects, full: ctx.values.full === true, now: () => new Date(),
        onObjectStart: (object, expected) => progress.start(object, expected),
        onPage: (object, rows) => progress.update(object, rows),
        onObjectEnd: (s) => {
          progress.finish(s.object, s.outcome === 'succeeded' ? `${s.upserted} upserted, ${s.quarantined} quarantined, ${s.apiCalls} calls via ${s.via.join('+') || '-'}` : s.outcome);
          ctx.logger.info({ ...s }, 'object synced');
        },
      });
      if (!ctx.json) {
        ctx.stdout.write(`sync ${summary.outcome}: run ${summary.runId}, ${summary.apiCalls} API calls, ${summary.seconds.toFixed(1)}s\n`);
        for (const o of summary.objects) ctx.stdout.write(`  ${o.object.padEnd(14)} read ${o.read}, upserted ${o.upserted}, deleted ${o.deleted + o.hardDeleted}, quarantined ${o.quarantined}, ${o.apiCalls} calls (${o.outcome})\n`);
      }
      if (summary.outcome === 'deferred') {
        // Not a failure: the budget did its job. Exit with the quota code so schedulers can tell.
        if (ctx.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
        else ctx.stdout.write(`  deferred: ${summary.error?.message ?? ''}\n  the next run continues from the checkpoint.\n`);
        process.exitCode = 4;
        return undefined;
      }
      if (!withUsage) return summary;
      return { ...summary, usage: await syncUsage(ctx, env, config, store, ctx.values.full === true) };
    } finally {
      await store.close();
    }
  },
};
