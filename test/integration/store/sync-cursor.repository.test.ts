import { expect } from 'chai';
import type { SyncCheckpoint } from '../../../src/store/store.ts';
import { account, sfId, T0, T1, T2 } from './crm-record-fixtures.ts';
import { describeOnEachDialect, rejectionOf } from './store-targets.ts';

const restCheckpoint: SyncCheckpoint = {
  mode: 'rest',
  runId: 'run-1',
  upperBound: T2,
  progress: { systemModstamp: T1, lastId: sfId('001', 2000) },
  nextRecordsUrl: '/services/data/v62.0/query/01gRO0000016PIAYA2-2000',
  bulkJobId: null,
  bulkLocator: null,
  rowsDone: 2000,
  savedAt: T1,
};

const bulkCheckpoint: SyncCheckpoint = {
  mode: 'bulk',
  runId: 'run-2',
  upperBound: T2,
  progress: null,
  nextRecordsUrl: null,
  bulkJobId: '750RO00000AbCdEYAV',
  bulkLocator: 'MTAwMDA',
  rowsDone: 10_000,
  savedAt: T2,
};

describeOnEachDialect('store: sync cursors', (ctx) => {
  it('starts with no cursor and no checkpoint', async () => {
    expect(await ctx.store().getCursor('accounts')).to.deep.equal({
      object: 'accounts', cursor: null, cursorCommittedAt: null, checkpoint: null, lastFullSyncAt: null, lastHardDeleteSweepAt: null,
    });
  });

  it('saves a checkpoint per object, replaces it on the next page, and clears it on commit', async () => {
    const store = ctx.store();
    await store.saveCheckpoint('accounts', restCheckpoint);
    expect((await store.getCursor('accounts')).checkpoint).to.deep.equal(restCheckpoint);
    expect((await store.getCursor('contacts')).checkpoint).to.equal(null);

    await store.saveCheckpoint('accounts', bulkCheckpoint);
    expect((await store.getCursor('accounts')).checkpoint).to.deep.equal(bulkCheckpoint);

    await store.commitCursor('accounts', { systemModstamp: T2, lastId: sfId('001', 9) }, { committedAt: T2, fullSyncAt: T2 });
    expect(await store.getCursor('accounts')).to.deep.equal({
      object: 'accounts',
      cursor: { systemModstamp: T2, lastId: sfId('001', 9) },
      cursorCommittedAt: T2,
      checkpoint: null,
      lastFullSyncAt: T2,
      lastHardDeleteSweepAt: null,
    });

    // An incremental commit keeps the last full sync; a sweep is recorded on its own.
    await store.saveCheckpoint('accounts', restCheckpoint);
    await store.commitCursor('accounts', { systemModstamp: T2, lastId: sfId('001', 10) }, { committedAt: T2 });
    await store.recordHardDeleteSweep('accounts', T1);
    const state = await store.getCursor('accounts');
    expect(state.cursor).to.deep.equal({ systemModstamp: T2, lastId: sfId('001', 10) });
    expect(state.checkpoint).to.equal(null);
    expect(state.lastFullSyncAt).to.equal(T2);
    expect(state.lastHardDeleteSweepAt).to.equal(T1);
  });

  it('drops a checkpoint that can no longer be resumed, keeping the cursor', async () => {
    const store = ctx.store();
    await store.commitCursor('users', { systemModstamp: T0, lastId: sfId('005', 1) });
    await store.saveCheckpoint('users', bulkCheckpoint);
    await store.clearCheckpoint('users');
    const state = await store.getCursor('users');
    expect(state.checkpoint).to.equal(null);
    expect(state.cursor).to.deep.equal({ systemModstamp: T0, lastId: sfId('005', 1) });
  });

  it('commits the last page and the cursor together in one transaction', async () => {
    const store = ctx.store();
    const page = [account(1, { systemModstamp: T1 }), account(2, { systemModstamp: T1 })];
    const written = await store.transaction(async (tx) => {
      const n = await tx.upsertRecords('accounts', page, { runId: 'run-1' });
      await tx.commitCursor('accounts', { systemModstamp: T1, lastId: sfId('001', 2) });
      // Inside the transaction, its own writes are visible.
      expect(await tx.count('accounts')).to.equal(2);
      return n;
    });
    expect(written).to.equal(2);
    expect(await store.count('accounts')).to.equal(2);
    expect((await store.getCursor('accounts')).cursor).to.deep.equal({ systemModstamp: T1, lastId: sfId('001', 2) });
  });

  it('leaves nothing behind when the transaction throws', async () => {
    const store = ctx.store();
    await store.saveCheckpoint('accounts', restCheckpoint);
    const failure = new Error('killed between the upsert and the commit');
    const err = await rejectionOf(() => store.transaction(async (tx) => {
      await tx.upsertRecords('accounts', Array.from({ length: 1_500 }, (_, i) => account(i)));
      await tx.markDeleted('accounts', [sfId('001', 1)], T2);
      await tx.commitCursor('accounts', { systemModstamp: T2, lastId: sfId('001', 1_499) });
      await tx.startRun('sync');
      await tx.quarantine([{ runId: 'run-1', object: 'accounts', sourceId: null, code: 'X', path: 'Name', reason: 'r', raw: {}, quarantinedAt: T0 }]);
      throw failure;
    }));
    expect(err).to.equal(failure);
    expect(await store.count('accounts', { includeDeleted: true })).to.equal(0);
    const state = await store.getCursor('accounts');
    expect(state.cursor).to.equal(null);
    expect(state.checkpoint).to.deep.equal(restCheckpoint);
    expect(await store.lastRuns(10)).to.deep.equal([]);
    expect(await store.quarantineCount()).to.equal(0);
    // The store is usable afterwards (SQLite's single connection was released).
    expect(await store.upsertRecords('accounts', [account(1)])).to.equal(1);
  });
});
