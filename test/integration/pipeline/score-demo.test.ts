import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config/load-config.ts';
import { loadReconcileRules, loadScoringRules } from '../../../src/cli/load-rules.ts';
import { composeUsageSource } from '../../../src/cli/compose-usage.ts';
import { readEnv } from '../../../src/config/env.ts';
import { runNpsLoad } from '../../../src/pipeline/nps/load-nps.ts';
import { runReconcile } from '../../../src/pipeline/reconcile/run-reconcile.ts';
import { runScore } from '../../../src/pipeline/score/run-score.ts';
import { runUsageLoad } from '../../../src/pipeline/usage/load-usage.ts';
import { customerTest } from '../../../src/reconcile/reconcile-rules.ts';
import type { BacktestReport } from '../../../src/health/index.ts';
import type { DemoFilesTruth } from '../../../src/sandbox/demo/write-demo-files.ts';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { admin, withSandbox } from '../support/sandbox-fixture.ts';
import { root, runCli, syncEnv, tempDb, writeConfig } from '../sync/sync-fixture.ts';

/**
 * The demo org scored for a fixed day: the golden file holds every customer's score, colour,
 * drivers and stage, so a change to the model or its rules shows up as a reviewed diff
 * (SEXTANT_UPDATE_GOLDEN=1 rewrites it). Then DOMAIN.md's scenarios, against the same org.
 */
const AS_OF_DAY = '2026-06-15';
const AS_OF = new Date(`${AS_OF_DAY}T12:00:00Z`);
const SCORE_AS_OF = `${AS_OF_DAY}T23:59:59.999Z`;
const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden', `demo-scores-${AS_OF_DAY}.txt`);

describe('health and lifecycle on the demo org', function () {
  this.timeout(240_000);
  let sandbox: RunningSandbox;
  let dir: string;
  let env: Record<string, string>;
  let databaseUrl: string;
  let truth: DemoFilesTruth;

  const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore(databaseUrl);
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };
  const score = async (asOf = SCORE_AS_OF) => {
    const config = await loadConfig(env.SEXTANT_CONFIG);
    const rules = await loadScoringRules(path.join(root, 'rules'));
    const reconcile = await loadReconcileRules(path.join(root, 'rules'));
    await withStore(async (store) => {
      const source = await composeUsageSource(readEnv(env), config.usage!);
      try {
        await runUsageLoad({ store, source, asOf: new Date(asOf), coreFeatures: config.usage!.coreFeatures, lookbackDays: 3, historyDays: 120 });
      } finally {
        await source.close();
      }
      await runNpsLoad({ store, file: path.join(dir, 'demo', 'nps', 'responses.csv'), asOf: new Date(asOf) });
      await runReconcile({ store, rules: reconcile, overrides: [], asOf: new Date(asOf) });
      await runScore({ store, health: rules.health, lifecycle: rules.lifecycle, isCustomer: customerTest(reconcile.customers), asOf });
    });
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-score-'));
    sandbox = await withSandbox({ seed: 'demo', accounts: 240, asOf: AS_OF, dataDir: path.join(dir, 'demo') });
    truth = JSON.parse(readFileSync(path.join(dir, 'demo', 'truth.json'), 'utf8')) as DemoFilesTruth;
    const config = writeConfig(`usage:\n  source:\n    kind: files\n    events: ${path.join(dir, 'demo', 'usage', 'events.csv')}\n    licenses: ${path.join(dir, 'demo', 'usage', 'licenses.csv')}\n`);
    databaseUrl = tempDb();
    env = syncEnv(sandbox, databaseUrl, config);
    const sync = await runCli(['sync', '--objects', 'users,accounts,contacts,opportunities,subscriptions', '--json'], env);
    expect(sync.status, sync.stderr).to.equal(0);
    await score();
  });
  after(async () => {
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('matches the golden file: every customer\'s score, colour, drivers and stage', async () => {
    const lines = await withStore(async (store) => {
      const out: string[] = [];
      for await (const account of store.iterateRecords('accounts')) {
        const [snapshot] = await store.healthSnapshotsOf(account.id, 1);
        const stage = await store.stageAssignmentOf(account.id);
        if (snapshot === undefined && stage?.stage === null) continue;
        out.push(`${account.name} (${account.id}) ${snapshot === undefined ? 'not scored' : `${snapshot.score ?? '-'} ${snapshot.colour}: ${snapshot.drivers}`} | ${stage?.stage ?? '(none)'}: ${stage?.rule ?? ''}`);
      }
      return out;
    });
    const text = `${lines.join('\n')}\n`;
    if (process.env.SEXTANT_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with SEXTANT_UPDATE_GOLDEN=1 and review it`).to.equal(true);
    expect(text).to.equal(readFileSync(GOLDEN, 'utf8'));
  });

  it('colours the demo\'s usage patterns as a CSM would: inactive accounts red on last login, healthy ones green', async () => {
    await withStore(async (store) => {
      for (const id of truth.usage.inactive) {
        const [s] = await store.healthSnapshotsOf(id, 1);
        if (s === undefined || s.score === null) continue;
        const lastLogin = s.measures.find((m) => m.source === 'daysSinceLastLogin');
        if (lastLogin?.colour === 'red') {
          expect(s.colour, s.drivers).to.equal('red');
          expect(s.driverKeys[0], s.drivers).to.equal(lastLogin.key);
        }
      }
      const healthy = await Promise.all(truth.usage.healthy.map(async (id) => (await store.healthSnapshotsOf(id, 1))[0]));
      const scored = healthy.filter((s) => s !== undefined && s.score !== null);
      expect(scored.length).to.be.above(5);
      expect(scored.filter((s) => s!.colour === 'green').length / scored.length).to.be.above(0.6);
    });
  });

  it('scenario: no login for 30 days → red, the driver says why, and the account is At Risk', async () => {
    const target = await withStore(async (store) => {
      for (const id of truth.usage.inactive) {
        const [s] = await store.healthSnapshotsOf(id, 1);
        const m = s?.measures.find((x) => x.source === 'daysSinceLastLogin');
        if (s !== undefined && typeof m?.value === 'number' && m.value >= 30) return { snapshot: s, stage: await store.stageAssignmentOf(id) };
      }
      return null;
    });
    expect(target, 'the demo has an account without a login for 30+ days').to.not.equal(null);
    expect(target!.snapshot.colour).to.equal('red');
    expect(target!.snapshot.drivers).to.match(/last login \d+ days ago/);
    expect(target!.stage?.stage).to.equal('At Risk');
    expect(target!.stage?.rule).to.match(/health red/);
  });

  it('scenario: a renewal date moved into the 120-day window → Renewal on the next run', async () => {
    const candidate = await withStore(async (store) => {
      for await (const a of store.iterateRecords('accounts')) {
        const stage = await store.stageAssignmentOf(a.id);
        const [s] = await store.healthSnapshotsOf(a.id, 1);
        if (stage?.stage !== null && stage?.stage !== 'Renewal' && stage?.stage !== 'At Risk' && s?.colour === 'green') return a;
      }
      return null;
    });
    expect(candidate).to.not.equal(null);
    await admin(sandbox, { action: 'touch', ids: [candidate!.id], values: { Renewal_Date__c: '2026-09-20' } });
    const sync = await runCli(['sync', '--objects', 'accounts', '--json'], env);
    expect(sync.status, sync.stderr).to.equal(0);
    await score(`2026-06-16T23:59:59.999Z`);
    await withStore(async (store) => {
      const stage = await store.stageAssignmentOf(candidate!.id);
      const [stored] = await store.getRecords('accounts', [candidate!.id]);
      expect(stored?.renewalDate).to.equal('2026-09-20');
      expect(stage).to.include({ stage: 'Renewal', enteredAt: '2026-06-16' });
      const transitions = await store.stageTransitionsOf(candidate!.id);
      expect(transitions.at(-1)).to.include({ to: 'Renewal', at: '2026-06-16' });
    });
  });

  it('backtest: replays the model over the demo\'s lost renewals, warning ahead of the ones that declined', async () => {
    const out = await runCli(['backtest', '--from', '2026-04-01', '--to', AS_OF_DAY, '--json'], env);
    expect(out.status, out.stdout + out.stderr).to.equal(0);
    const report = out.json as unknown as BacktestReport;
    const recent = truth.churn.recent.filter((c) => c.renewalDate >= '2026-04-01');
    expect(report.overall.lost).to.equal(recent.length);
    expect(report.overall.renewals).to.be.above(report.overall.lost);
    const byAccount = new Map(report.lostRenewals.map((l) => [l.accountId, l]));
    const signalled = recent.filter((c) => c.signal);
    const warned = signalled.filter((c) => byAccount.get(c.accountId)?.firstRedDay !== null);
    expect(signalled.length).to.be.above(0);
    expect(warned.length / signalled.length, JSON.stringify(report.lostRenewals)).to.be.at.least(0.5);
    for (const c of warned) expect(byAccount.get(c.accountId)!.firstRedDay! <= c.renewalDate).to.equal(true);
    expect(report.perMeasure.map((m) => m.key)).to.include('lastLogin');
  });
});
