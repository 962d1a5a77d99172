import { expect } from 'chai';
import type { MappingSet } from '../../../src/config/mappings/index.ts';
import { CRM_OBJECTS } from '../../../src/domain/crm-records.ts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { admin } from '../support/sandbox-fixture.ts';
import { defaultMappings, expectStoreEqualsOrg, runCli, startCli, syncEnv, tempDb, writeConfig } from './sync-fixture.ts';

const ASOF = new Date('2026-11-20T12:00:00Z');

describe('sync: Salesforce into the store', function () {
  this.timeout(180_000);
  let mappings: MappingSet;
  before(async () => {
    mappings = await defaultMappings();
  });

  describe('full and incremental', () => {
    let sandbox: RunningSandbox;
    let db: string;
    let store: Store;
    before(async () => {
      sandbox = await startSandbox({ seed: 'demo', accounts: 150, asOf: ASOF });
      db = tempDb();
    });
    after(async () => {
      await store?.close();
      await sandbox.close();
    });

    it('a full sync equals the org exactly: every mapped field of every row', async () => {
      const r = await runCli(['sync', '--json'], syncEnv(sandbox, db));
      expect(r.status, r.stderr).to.equal(0);
      expect(r.json?.outcome).to.equal('succeeded');
      store = await openStore(db);
      await expectStoreEqualsOrg(store, sandbox, mappings, CRM_OBJECTS);
      const run = await store.getRun(String(r.json?.runId));
      expect(run?.outcome).to.equal('succeeded');
      expect(run?.steps.map((s) => s.object)).to.deep.equal(['users', 'accounts', 'contacts', 'opportunities', 'subscriptions']);
    });

    it('an incremental sync picks up exactly the edits, deletes, merges and rows sharing one SystemModstamp', async () => {
      const org = sandbox.org.store;
      const live = (o: string): Array<Record<string, unknown>> => org.records(o).filter((r) => !r.IsDeleted) as Array<Record<string, unknown>>;
      const accounts = live('Account');
      const contacts = live('Contact');
      // Edits by a user, all in one millisecond (connectors that use `>` on the cursor lose some of these).
      sandbox.org.clock.freeze(new Date(Date.now() + 1000));
      for (const a of accounts.slice(0, 40)) org.update('Account', a.Id as string, { Industry: 'Energy', ARR__c: 12345 });
      sandbox.org.clock.unfreeze();
      // An automation write (SystemModstamp moves, LastModifiedDate does not).
      org.touch(contacts[0]!.Id as string, { Title: 'VP Automation' });
      // A soft delete, a merge, a hard delete (purged from the Recycle Bin), and a new record.
      org.delete('Contact', contacts[1]!.Id as string);
      org.merge('Account', accounts[50]!.Id as string, [accounts[51]!.Id as string]);
      org.delete('Opportunity', live('Opportunity')[0]!.Id as string);
      org.purge(live('Subscription__c')[0]!.Id as string);
      const created = org.insert('Account', { Name: 'Brand New Co', Customer_Segment__c: 'SMB' });

      const r = await runCli(['sync', '--json'], syncEnv(sandbox, db));
      expect(r.status, r.stderr).to.equal(0);
      const objects = r.json?.objects as Array<{ object: string; read: number; hardDeleted: number }>;
      const read = Object.fromEntries(objects.map((o) => [o.object, o.read]));
      // 40 edits + merge survivor + merged loser + new account, and the contacts the merge moved.
      expect(read.accounts).to.be.within(43, 60);
      expect(read.users).to.be.lessThan(5);
      // The hard delete is not visible to a cursor: it is not found by an incremental run…
      await expectStoreEqualsOrg(store, sandbox, mappings, ['users', 'accounts', 'contacts', 'opportunities']);
      expect((await store.getRecords('accounts', [created.Id as string]))[0]?.name).to.equal('Brand New Co');
      expect((await store.getRecords('accounts', [accounts[51]!.Id as string]))[0]).to.include({ isDeleted: true, masterRecordId: accounts[50]!.Id });
      // …but by the Id-set sweep of a --full run (read with Bulk 2.0 here, as a large object would be).
      const bulkConfig = writeConfig('sync:\n  bulkThreshold: 50\n');
      const full = await runCli(['sync', '--json', '--full', '--objects', 'subscriptions'], syncEnv(sandbox, db, bulkConfig));
      expect(full.status, full.stdout + full.stderr).to.equal(0);
      expect((full.json?.objects as Array<{ hardDeleted: number; via: string[] }>)[0]).to.deep.include({ hardDeleted: 1, via: ['bulk'] });
      await expectStoreEqualsOrg(store, sandbox, mappings, ['subscriptions']);
    });

    it('a second run with nothing changed reads only the lookback and uses a handful of calls', async () => {
      const r = await runCli(['sync', '--json'], syncEnv(sandbox, db));
      expect(r.status, r.stderr).to.equal(0);
      expect(r.json?.apiCalls as number).to.be.at.most(8);
      // One preflight for all, then one page each: billed to each object though the next
      // object's page is asked for while the one before is still being stored.
      const objects = r.json?.objects as Array<{ object: string; apiCalls: number }>;
      expect(objects.map((o) => [o.object, o.apiCalls])).to.deep.equal(['users', 'accounts', 'contacts', 'opportunities', 'subscriptions'].map((o) => [o, 1]));
      expect(r.json?.apiCalls).to.equal(1 + objects.length);
    });

    it('bills each object its own calls, its hard-delete sweep included, while the next one is read ahead', async () => {
      const r = await runCli(['sync', '--json', '--full'], syncEnv(sandbox, db));
      expect(r.status, r.stderr).to.equal(0);
      // Per object: one page of rows, then the sweep's COUNT() and one page of ids. The next
      // object's first page is asked for during that sweep, and must not be billed to it.
      const objects = r.json?.objects as Array<{ object: string; apiCalls: number }>;
      expect(objects.map((o) => o.apiCalls)).to.deep.equal([3, 3, 3, 3, 3]);
      expect(r.json?.apiCalls).to.equal(1 + 3 * objects.length);
    });
  });

  describe('resumable and within the budget', () => {
    let sandbox: RunningSandbox;
    before(async () => {
      sandbox = await startSandbox({ seed: 'demo', accounts: 600, asOf: ASOF });
    });
    after(() => sandbox.close());

    it('a sync killed mid-object (SIGKILL) and re-run ends identical to an uninterrupted one', async () => {
      const db = tempDb();
      const config = writeConfig('sync:\n  restBatchSize: 200\n  bulkThreshold: 100000\n');
      // Slow every query page down so the kill lands mid-object.
      await admin(sandbox, { action: 'faults', plan: { rules: [{ routes: 'query', fault: 'latency', rate: 1, latencyMs: 60 }] } });
      const { child, done } = startCli(['sync', '--json'], syncEnv(sandbox, db, config));
      const watcher = await openStore(db.replace(/^sqlite:/, 'sqlite:'));
      let killedWith: unknown = null;
      for (let i = 0; i < 400 && killedWith === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const state = await watcher.getCursor('contacts').catch(() => null);
        if (state?.checkpoint && state.checkpoint.rowsDone >= 400) {
          killedWith = state.checkpoint;
          child.kill('SIGKILL');
        }
      }
      await done;
      await admin(sandbox, { action: 'faults', plan: { rules: [] } });
      expect(killedWith, 'the sync was killed mid-object').to.not.equal(null);
      const storeMid = await watcher.count('contacts');
      expect(storeMid).to.be.greaterThan(0).and.lessThan(sandbox.org.store.records('Contact').length);
      await watcher.close();

      const resumed = await runCli(['sync', '--json'], syncEnv(sandbox, db, config));
      expect(resumed.status, resumed.stderr).to.equal(0);
      const store = await openStore(db);
      await expectStoreEqualsOrg(store, sandbox, mappings, CRM_OBJECTS);
      const contactsStep = (resumed.json?.objects as Array<{ object: string; read: number }>).find((o) => o.object === 'contacts');
      // It resumed: it did not read every contact again.
      expect(contactsStep?.read).to.be.lessThan(sandbox.org.store.records('Contact').length);
      await store.close();
    });

    it('quota exhaustion ends `deferred` (exit 4), and the next run completes', async () => {
      const db = tempDb();
      const config = writeConfig('sync:\n  restBatchSize: 200\n  bulkThreshold: 100000\n');
      await admin(sandbox, { action: 'reset-api-usage' });
      await admin(sandbox, { action: 'daily-api-max', max: 120 });
      const first = await runCli(['sync', '--json'], syncEnv(sandbox, db, config));
      expect(first.status, first.stderr).to.equal(4);
      expect(first.json?.outcome).to.equal('deferred');
      expect((first.json?.error as { code: string }).code).to.equal('SF_API_BUDGET_EXHAUSTED');
      const store = await openStore(db);
      expect((await store.getRun(String(first.json?.runId)))?.outcome).to.equal('deferred');
      // A day later the allowance is back; the next run continues and completes.
      await admin(sandbox, { action: 'daily-api-max', max: 100_000 });
      const second = await runCli(['sync', '--json'], syncEnv(sandbox, db, config));
      expect(second.status, second.stderr).to.equal(0);
      await expectStoreEqualsOrg(store, sandbox, mappings, CRM_OBJECTS);
      await store.close();
    });

    it('REQUEST_LIMIT_EXCEEDED from concurrency (daily allowance left, per /limits) is retried; from the daily limit it defers', async () => {
      const config = writeConfig('sync:\n  bulkThreshold: 100000\n  apiBudget: { runShare: 1, orgFloor: 1 }\n');
      await admin(sandbox, { action: 'reset-api-usage' });
      await admin(sandbox, { action: 'faults', plan: { rules: [{ routes: 'query', fault: 'request-limit', rate: 1, limit: 2 }] } });
      const concurrent = await runCli(['sync', '--json', '--objects', 'users,accounts'], syncEnv(sandbox, tempDb(), config));
      await admin(sandbox, { action: 'faults', plan: { rules: [] } });
      expect(concurrent.status, concurrent.stderr).to.equal(0);
      expect(concurrent.json?.outcome).to.equal('succeeded');
      // Other integrations spent the org's day: the org itself answers REQUEST_LIMIT_EXCEEDED.
      await admin(sandbox, { action: 'daily-api-max', max: 10 });
      await admin(sandbox, { action: 'consume-api', calls: 5 });
      const exhausted = await runCli(['sync', '--json'], syncEnv(sandbox, tempDb(), config));
      await admin(sandbox, { action: 'daily-api-max', max: 100_000 });
      expect(exhausted.status, exhausted.stderr).to.equal(4);
      expect(exhausted.json?.outcome).to.equal('deferred');
      expect((exhausted.json?.error as { code: string }).code).to.equal('REQUEST_LIMIT_EXCEEDED');
    });

    it('QUERY_TIMEOUT halves the date slice instead of passing for an empty result', async () => {
      const db = tempDb();
      const config = writeConfig('sync:\n  bulkThreshold: 100000\n');
      await admin(sandbox, { action: 'faults', plan: { rules: [{ routes: 'query', fault: 'query-timeout', rate: 1, limit: 3 }] } });
      const r = await runCli(['sync', '--json', '--objects', 'users,accounts'], syncEnv(sandbox, db, config));
      const timeouts = sandbox.org.faults.counts.get('query-timeout');
      await admin(sandbox, { action: 'faults', plan: { rules: [] } });
      expect(r.status, r.stderr).to.equal(0);
      expect(timeouts).to.equal(3);
      const store = await openStore(db);
      await expectStoreEqualsOrg(store, sandbox, mappings, ['users', 'accounts']);
      await store.close();
    });

    it('faults injected at 10% of requests still end in an exact copy', async () => {
      const db = tempDb();
      const config = writeConfig('sync:\n  restBatchSize: 200\n  bulkThreshold: 1000\n  bulkPageSize: 200\n');
      sandbox.org.bulk.processingMs = 20;
      await admin(sandbox, { action: 'faults', plan: { seed: 11, rules: [
        { fault: 'http-503', rate: 0.03 }, { fault: 'http-429', rate: 0.02 }, { fault: 'reset', rate: 0.02 },
        { fault: 'http-500', rate: 0.02 }, { fault: 'query-timeout', rate: 0.01, routes: 'query' },
      ] } });
      const r = await runCli(['sync', '--json'], syncEnv(sandbox, db, config));
      const injected = [...sandbox.org.faults.counts.values()].reduce((a, b) => a + b, 0);
      await admin(sandbox, { action: 'faults', plan: { rules: [] } });
      expect(r.status, r.stderr + r.stdout).to.equal(0);
      expect(injected, "faults were really injected").to.be.at.least(2);
      const store = await openStore(db);
      await expectStoreEqualsOrg(store, sandbox, mappings, CRM_OBJECTS);
      await store.close();
    });
  });
});
