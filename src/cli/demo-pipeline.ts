import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readEnv } from '../config/env.ts';
import { loadMappings } from '../config/mappings/index.ts';
import { SextantConfig } from '../config/sextant-config.schema.ts';
import type { HealthSnapshot } from '../domain/health.ts';
import { runNpsLoad, type NpsLoadSummary } from '../pipeline/nps/load-nps.ts';
import { runReconcile } from '../pipeline/reconcile/run-reconcile.ts';
import { runScore, type ScoreRunSummary } from '../pipeline/score/run-score.ts';
import { runSync, type SyncSummary } from '../pipeline/sync/run-sync.ts';
import { runUsageLoad, type UsageLoadSummary } from '../pipeline/usage/load-usage.ts';
import { customerTest } from '../reconcile/reconcile-rules.ts';
import type { KeyMismatchReport } from '../reconcile/key-mismatch-report.ts';
import { writeKeyMismatchReport, type WrittenKeyMismatchReport } from '../reports/key-mismatch/write-key-mismatch-report.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { openStore } from '../store/open-store.ts';
import { asOfInstant } from './as-of.ts';
import { composeSalesforceSource } from './compose-sync.ts';
import { composeUsageSource } from './compose-usage.ts';
import { loadReconcileRules, loadScoringRules } from './load-rules.ts';
import type { Logger } from './logger.ts';
import type { Progress } from './progress.ts';

export type DemoPipelineResult = {
  databaseUrl: string;
  sync: SyncSummary;
  usage: UsageLoadSummary;
  nps: NpsLoadSummary | null;
  reconcile: KeyMismatchReport['summary'];
  report: WrittenKeyMismatchReport;
  score: ScoreRunSummary;
  /** The accounts a CSM should open first: red, highest ARR first. */
  atRisk: Pick<HealthSnapshot, 'accountId' | 'accountName' | 'score' | 'drivers'>[];
};

/**
 * The main job on the embedded defaults: the demo org synced into a fresh SQLite store, its
 * warehouse files loaded through DuckDB, keys reconciled (with the key-mismatch report), and
 * health, roll-ups and stages scored — the same steps `sextant sync|reconcile|score` run.
 */
export const runDemoPipeline = async (sandbox: RunningSandbox, dataDir: string, logger: Logger, progress: Progress): Promise<DemoPipelineResult> => {
  const files = sandbox.demo?.files ?? {};
  const events = files.events;
  if (events === undefined) throw new Error('the demo org has no usage files: start it with a data dir');
  const databaseFile = path.join(dataDir, 'sextant.db');
  // A fresh store each time: the demo shows a first run, and runs again must not mix orgs.
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${databaseFile}${suffix}`, { force: true })));
  const databaseUrl = `sqlite:${databaseFile}`;
  const info = sandbox.connectionInfo();
  const env = readEnv({
    SF_LOGIN_URL: info.loginUrl, SF_USERNAME: info.username, SF_PASSWORD: info.password, SF_CLIENT_ID: info.clientId, SF_CLIENT_SECRET: info.clientSecret,
    SEXTANT_DATABASE_URL: databaseUrl,
  });
  const config = SextantConfig.parse({ usage: { source: { kind: 'files', events, ...(files.licenses ? { licenses: files.licenses } : {}) } } });
  const rulesDir = path.resolve('rules');
  const [mappings, scoring, reconcileRules] = await Promise.all([loadMappings(path.resolve('mappings')), loadScoringRules(rulesDir), loadReconcileRules(rulesDir)]);
  const store = await openStore(databaseUrl);
  try {
    const { source } = await composeSalesforceSource(env, config, logger);
    const sync = await runSync({
      store, source, mappings, config: config.sync, objects: config.sync.objects, full: false, now: () => new Date(),
      onObjectStart: (object, expected) => progress.start(object, expected),
      onPage: (object, rows) => progress.update(object, rows),
      onObjectEnd: (s) => progress.finish(s.object, `${s.upserted} rows via ${s.via.join('+')}`),
    });
    const usageConfig = config.usage!;
    const usageSource = await composeUsageSource(env, usageConfig);
    let usage: UsageLoadSummary;
    try {
      progress.start('usage', null);
      usage = await runUsageLoad({ store, source: usageSource, asOf: new Date(), coreFeatures: usageConfig.coreFeatures, lookbackDays: usageConfig.lookbackDays, historyDays: usageConfig.historyDays });
      progress.finish('usage', `${usage.read} daily rows, ${usage.quarantined} quarantined`);
    } finally {
      await usageSource.close();
    }
    const nps = files.nps === undefined ? null : await runNpsLoad({ store, file: files.nps, asOf: new Date() });
    const reconciled = await runReconcile({ store, rules: reconcileRules, overrides: [], asOf: new Date() });
    const report = await writeKeyMismatchReport(path.join(dataDir, 'key-mismatch'), reconciled.report);
    const score = await runScore({
      store, health: scoring.health, lifecycle: scoring.lifecycle, isCustomer: customerTest(reconcileRules.customers), asOf: asOfInstant(undefined),
    });
    // The day's colours in one query; whole snapshots only for the five shown.
    const day = score.asOf.slice(0, 10);
    const red = (await store.scorePoints(day, day)).filter((p) => p.colour === 'red').map((p) => p.accountId);
    const arr = new Map((await store.getRecords('accounts', red)).map((a) => [a.id, a.arr ?? 0]));
    red.sort((a, b) => (arr.get(b) ?? 0) - (arr.get(a) ?? 0));
    const atRisk = await Promise.all(red.slice(0, 5).map(async (id) => (await store.healthSnapshotsOf(id, 1))[0]!));
    return {
      databaseUrl, sync, usage, nps, reconcile: reconciled.report.summary, report, score,
      atRisk: atRisk.map((s) => ({ accountId: s.accountId, accountName: s.accountName, score: s.score, drivers: s.drivers })),
    };
  } finally {
    await store.close();
  }
};
