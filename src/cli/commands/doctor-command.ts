import { isSextantError, SextantError } from '../../domain/sextant-error.ts';
import type { Command } from '../command.ts';

/**
 * `sextant doctor`: checks everything a run needs and reports every problem at once — settings,
 * mappings (each mapped field against the org's describe: exists, readable, compatible type,
 * no compound fields), the connection, the day's API allowance, and the store. Exits 2 when a
 * problem was found, so a deploy pipeline can gate on it.
 */
type Check = { check: string; ok: boolean; code?: string; message: string; path?: string };

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check settings, mappings against the org\'s describe, the connection, API allowance and the store',
  usage: 'sextant doctor [--config FILE] [--json]',
  options: { config: { type: 'string' } },
  async run(ctx) {
    const [{ readEnv }, { loadConfig }, mappingsModule, { openStore }, { openConnection }] = await Promise.all([
      import('../../config/env.ts'), import('../../config/load-config.ts'), import('../../config/mappings/index.ts'),
      import('../../store/open-store.ts'), import('../../salesforce/sf-connection.ts'),
    ]);
    const checks: Check[] = [];
    const fail = (check: string, err: unknown): void => {
      const e = isSextantError(err) ? err : new SextantError('UNEXPECTED', (err as Error)?.message ?? String(err), { kind: 'fatal' });
      checks.push({ check, ok: false, code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) });
    };
    let env;
    let config;
    try {
      env = readEnv();
      config = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : env.SEXTANT_CONFIG);
      checks.push({ check: 'settings', ok: true, message: config.file ? `read ${config.file}` : 'no sextant.yaml: defaults' });
    } catch (err) {
      fail('settings', err);
    }
    let mappings;
    if (config) {
      try {
        mappings = await mappingsModule.loadMappings(config.mappingsDir);
        checks.push({ check: 'mappings', ok: true, message: `${mappings.objects.length} mappings in ${config.mappingsDir}` });
      } catch (err) {
        fail('mappings', err);
      }
    }
    if (env) {
      try {
        const store = await openStore(env.SEXTANT_DATABASE_URL);
        const runs = await store.lastRuns(1);
        checks.push({ check: 'store', ok: true, message: `${store.dialect} store ready${runs[0] ? `; last run ${runs[0].command} ${runs[0].outcome} at ${runs[0].startedAt}` : '; no runs yet'}` });
        await store.close();
      } catch (err) {
        fail('store', err);
      }
      try {
        const conn = await openConnection(env);
        checks.push({ check: 'connection', ok: true, message: `connected to ${conn.instanceUrl} (API ${conn.version})` });
        const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(`/services/data/v${conn.version}/limits`);
        const { Max, Remaining } = limits.DailyApiRequests;
        const used = Max - Remaining;
        const floor = config?.sync.apiBudget.orgFloor ?? 0.8;
        checks.push({
          check: 'api allowance', ok: used < Max * floor,
          message: `${used} of ${Max} daily API calls used (${Math.round((100 * used) / Max)}%); runs stop at ${Math.round(floor * 100)}%`,
          ...(used < Max * floor ? {} : { code: 'SF_API_BUDGET_EXHAUSTED' }),
        });
        for (const mapping of mappings?.objects ?? []) {
          const describe = await conn.request(`/services/data/v${conn.version}/sobjects/${mapping.source}/describe`).then(
            (json) => mappingsModule.parseObjectDescribe(json),
            (err: { name?: string }) => { if (err?.name === 'NOT_FOUND') return null; throw err; },
          );
          // Parent paths (Owner.ManagerId) are checked against the parents' describes too.
          const related: Record<string, ReturnType<typeof mappingsModule.parseObjectDescribe>> = {};
          for (const parent of new Set((describe?.fields ?? []).filter((f) => f.type === 'reference').flatMap((f) => f.referenceTo ?? []))) {
            if ([...mapping.fields, ...mapping.extra].some((f) => f.from.includes('.'))) {
              related[parent] = mappingsModule.parseObjectDescribe(await conn.request(`/services/data/v${conn.version}/sobjects/${parent}/describe`));
            }
          }
          const problems = mappingsModule.checkMappingAgainstDescribe(mapping, describe, related);
          if (problems.length === 0) checks.push({ check: `mapping ${mapping.object}`, ok: true, message: `${mapping.source}: every mapped field is readable and compatible` });
          for (const p of problems) checks.push({ check: `mapping ${mapping.object}`, ok: false, code: p.code, path: `${p.file}:${p.line}:${p.col}`, message: mappingsModule.formatMappingProblem(p) });
        }
      } catch (err) {
        fail('connection', err);
      }
    }
    const problems = checks.filter((c) => !c.ok);
    if (!ctx.json) {
      for (const c of checks) ctx.stdout.write(`${c.ok ? '✔' : '✖'} ${c.check.padEnd(22)} ${c.message}${c.ok || !c.code ? '' : ` [${c.code}]`}\n`);
      ctx.stdout.write(problems.length === 0 ? '\nAll checks passed.\n' : `\n${problems.length} problem(s) found.\n`);
    }
    if (problems.length > 0) process.exitCode = 2;
    return { ok: problems.length === 0, checks };
  },
};
