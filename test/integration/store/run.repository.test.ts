import { expect } from 'chai';
import type { RunStep } from '../../../src/store/store.ts';
import { T0, T1, T2 } from './crm-record-fixtures.ts';
import { describeOnEachDialect } from './store-targets.ts';

const extractAccounts: RunStep = {
  step: 'extract', object: 'accounts', read: 100_000, upserted: 99_998, deleted: 3, quarantined: 2, apiCalls: 51,
  startedAt: T0, finishedAt: T1, outcome: 'succeeded',
};
const extractContacts: RunStep = {
  step: 'extract', object: 'contacts', read: 4_000, upserted: 4_000, deleted: 0, quarantined: 0, apiCalls: 3,
  startedAt: T1, finishedAt: T1, outcome: 'deferred',
};
const reconcile: RunStep = { ...extractContacts, step: 'reconcile', object: null, apiCalls: 0, outcome: 'succeeded' };

describeOnEachDialect('store: runs', (ctx) => {
  it('records a run from start to finish, with its steps in order', async () => {
    const store = ctx.store();
    const runId = await store.startRun('sync', { startedAt: T0 });
    expect(await store.getRun(runId)).to.deep.equal({
      id: runId, command: 'sync', startedAt: T0, finishedAt: null, outcome: 'running', apiCalls: 0, error: null, summary: null, steps: [],
    });

    await store.recordStep(runId, extractAccounts);
    await store.recordStep(runId, extractContacts);
    await store.recordStep(runId, reconcile);
    const summary = { objects: { accounts: { read: 100_000 } }, deferredAt: 'contacts', ratio: 0.25, resumed: false };
    await store.finishRun(runId, 'deferred', { apiCalls: 54, summary, finishedAt: T2 });

    expect(await store.getRun(runId)).to.deep.equal({
      id: runId, command: 'sync', startedAt: T0, finishedAt: T2, outcome: 'deferred', apiCalls: 54, error: null, summary,
      steps: [extractAccounts, extractContacts, reconcile],
    });
  });

  it('keeps a failed run\'s error code and message', async () => {
    const store = ctx.store();
    const runId = await store.startRun('run', { startedAt: T0 });
    await store.finishRun(runId, 'failed', { apiCalls: 1, error: { code: 'SF_AUTH_FAILED', message: 'invalid_grant: expired access/refresh token' }, finishedAt: T1 });
    const run = await store.getRun(runId);
    expect(run?.outcome).to.equal('failed');
    expect(run?.error).to.deep.equal({ code: 'SF_AUTH_FAILED', message: 'invalid_grant: expired access/refresh token' });
    expect(run?.summary).to.equal(null);
  });

  it('lists the latest runs newest first, each with its own steps', async () => {
    const store = ctx.store();
    const first = await store.startRun('sync', { startedAt: T0 });
    const second = await store.startRun('score', { startedAt: T1 });
    const third = await store.startRun('apply', { startedAt: T2 });
    await store.recordStep(first, extractAccounts);
    await store.recordStep(second, reconcile);

    const latest = await store.lastRuns(2);
    expect(latest.map((r) => r.id)).to.deep.equal([third, second]);
    expect(latest.map((r) => r.steps)).to.deep.equal([[], [reconcile]]);
    expect((await store.lastRuns(10)).map((r) => r.command)).to.deep.equal(['apply', 'score', 'sync']);
    expect(await store.getRun('no-such-run')).to.equal(undefined);
  });
});
