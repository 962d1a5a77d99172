import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { DemoFilesTruth } from '../../../src/sandbox/demo/write-demo-files.ts';
import type { KeyMismatchReport } from '../../../src/reconcile/key-mismatch-report.ts';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { admin, withSandbox } from '../support/sandbox-fixture.ts';
import { runCli, syncEnv, tempDb, writeConfig } from '../sync/sync-fixture.ts';

/**
 * The data owner's path end to end: `sextant sync` copies the demo org and loads the demo
 * warehouse files through DuckDB, `sextant reconcile --report` links keys and writes the
 * key-mismatch report; every key problem the demo planted must be in it, with its ARR.
 */
describe('usage load and key reconciliation against the demo org', function () {
  this.timeout(180_000);
  let sandbox: RunningSandbox;
  let dir: string;
  let env: Record<string, string>;
  let databaseUrl: string;
  let truth: DemoFilesTruth;
  let report: KeyMismatchReport;
  let firstUsage: Record<string, unknown>;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-usage-'));
    sandbox = await withSandbox({ seed: 'demo', accounts: 300, dataDir: path.join(dir, 'demo') });
    truth = JSON.parse(readFileSync(path.join(dir, 'demo', 'truth.json'), 'utf8')) as DemoFilesTruth;
    // Rows the warehouse should never have sent: a blank key, a day in the future.
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 19);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19);
    appendFileSync(path.join(dir, 'demo', 'usage', 'events.csv'), `evt-x1,${future}Z,PA-000001,x.com,u1,a@x.com,login,\nevt-x2,${yesterday}Z,   ,x.com,u2,b@x.com,login,\n`);
    const config = writeConfig(`usage:\n  source:\n    kind: files\n    events: ${path.join(dir, 'demo', 'usage', 'events.csv')}\n    licenses: ${path.join(dir, 'demo', 'usage', 'licenses.csv')}\n`);
    databaseUrl = tempDb();
    env = syncEnv(sandbox, databaseUrl, config);
    const sync = await runCli(['sync', '--json'], env);
    expect(sync.status, sync.stderr).to.equal(0);
    firstUsage = (sync.json as { usage: Record<string, unknown> }).usage;
    const out = await runCli(['reconcile', '--report', path.join(dir, 'report'), '--json'], env);
    expect(out.status, out.stderr).to.equal(0);
    report = JSON.parse(readFileSync(path.join(dir, 'report', 'key-mismatch.json'), 'utf8')) as KeyMismatchReport;
  });
  after(async () => {
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads daily rollups, quarantining the blank key and the future day with their reasons', async () => {
    expect(firstUsage.read).to.be.above(1000);
    // The blank key fails as a day and as an account; the future day as a day.
    expect(firstUsage.quarantined).to.equal(3);
    const store = await openStore(databaseUrl);
    try {
      const bad = await store.listQuarantine({ limit: 10 });
      expect(bad.map((q) => `${q.object} ${q.code} ${q.path}`).sort()).to.deep.equal([
        'usage_accounts USAGE_KEY_INVALID account_key', 'usage_days USAGE_DAY_IN_FUTURE day', 'usage_days USAGE_KEY_INVALID account_key',
      ]);
      let events = 0;
      for await (const page of store.usageDays()) for (const d of page) events += d.events;
      expect(events).to.equal(truth.usageFiles.events);
    } finally {
      await store.close();
    }
  });

  it('loading the same days again changes nothing', async () => {
    const again = await runCli(['sync', '--objects', 'usage', '--json'], env);
    expect(again.status, again.stderr).to.equal(0);
    expect(again.json).to.include({ changed: 0 });
    expect((again.json as { read: number }).read).to.be.above(0);
  });

  it('links the planted dirty keys by the rule that should catch each', async () => {
    const store = await openStore(databaseUrl);
    try {
      const links = new Map((await store.listIdentityLinks()).map((l) => [l.accountKey, l]));
      for (const c of truth.keys.salesforceIdKeys) expect(links.get(c.usageKey), c.usageKey).to.include({ accountId: c.accountId, rule: 'salesforce-id' });
      for (const c of truth.keys.caseOrSpaceVariants) expect(links.get(c.usageKey)).to.include({ accountId: c.accountId, rule: 'product-key' });
      for (const c of truth.keys.domainOnly) expect(links.get(c.usageKey)).to.include({ accountId: c.accountId, rule: 'domain' });
      for (const c of truth.keys.freeMailDomain) expect(links.has(c.usageKey), c.usageKey).to.equal(false);
      for (const c of truth.keys.merged) expect(links.get(c.loserKey)).to.include({ accountId: c.survivorId });
      for (const c of truth.keys.nameProposals) expect(links.has(c.usageKey)).to.equal(false);
    } finally {
      await store.close();
    }
  });

  it('reports every planted problem in its class, with the ARR and usage volume at stake', () => {
    const c = report.classes;
    for (const conflict of truth.keys.conflicts) {
      const row = c['key-conflict'].rows.find((r) => JSON.stringify(r).includes(conflict.key));
      expect(row, conflict.key).to.not.equal(undefined);
      expect(row!.arr).to.equal(conflict.arr);
    }
    for (const orphan of truth.keys.orphans) {
      const volume = truth.usageFiles.eventsByKey[orphan.usageKey] ?? 0;
      const row = c['unmatched-usage-key'].rows.find((r) => JSON.stringify(r).includes(JSON.stringify(orphan.usageKey)));
      if (volume > 0) expect(row?.events, orphan.usageKey).to.equal(volume);
    }
    for (const p of truth.keys.nameProposals) {
      expect(c['name-proposal'].rows.some((r) => JSON.stringify(r).includes(p.accountId)), p.accountName).to.equal(true);
    }
    for (const f of truth.keys.freeMailDomain) {
      expect(c['customer-without-usage'].rows.some((r) => JSON.stringify(r).includes(f.accountId)), f.accountName).to.equal(true);
    }
    expect(c['key-conflict'].arr).to.equal(truth.keys.conflicts.reduce((n, k) => n + k.arr, 0));
    expect(report.summary.arrAffected).to.be.above(0);
  });

  it('verify re-reads a sample live and catches a value changed in the org after the last sync', async () => {
    type Verdict = { accountId: string; band: string; flags: { code: string; field?: string }[] };
    const first = await runCli(['verify', '--sample', '20', '--seed', '3', '--json'], env);
    expect([0, 6], first.stderr).to.include(first.status);
    const before = first.json as { checked: number; basis: string; accounts: Verdict[]; apiCalls: number };
    expect(before.checked).to.equal(20);
    expect(before.basis).to.equal('usage');
    expect(before.accounts.filter((a) => a.band === 'healthy')).to.have.length(10);
    // One SOQL query re-reads all 20 (plus the login's limits probe at most).
    expect(before.apiCalls).to.be.at.most(2);
    const target = before.accounts.find((a) => !a.flags.some((f) => f.code === 'FIELD_MISMATCH' || f.code === 'STALE_ROW'))!;
    await admin(sandbox, { action: 'clock', advanceMs: 60_000 });
    await admin(sandbox, { action: 'touch', ids: [target.accountId], values: { ARR__c: 424_242 } });

    const second = await runCli(['verify', '--sample', '20', '--seed', '3', '--json'], env);
    expect(second.status).to.equal(6);
    const after = (second.json as { accounts: Verdict[] }).accounts.find((a) => a.accountId === target.accountId)!;
    expect(after.flags.map((f) => `${f.code}${f.field ? `:${f.field}` : ''}`)).to.include.members(['FIELD_MISMATCH:arr', 'STALE_ROW']);
  });
});
