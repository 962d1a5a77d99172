import { expect } from 'chai';
import { planWindows, toStoreCheckpoint } from '../../../src/pipeline/sync/sync-checkpoint.ts';
import type { SyncCursorState } from '../../../src/store/store.ts';

const state = (over: Partial<SyncCursorState> = {}): SyncCursorState => ({
  object: 'accounts', cursor: null, cursorCommittedAt: null, checkpoint: null, lastFullSyncAt: null, lastHardDeleteSweepAt: null, ...over,
});
const RUN = '2026-11-25T12:00:00.000Z';
const TEN_MIN = 10 * 60_000;

describe('sync windows and checkpoints', () => {
  it('a first sync reads everything before the run start', () => {
    expect(planWindows(state(), RUN, TEN_MIN, false)).to.deep.equal({ windows: [{ from: null, to: RUN, after: null }], resume: null });
  });

  it('an incremental sync starts a lookback before the committed cursor', () => {
    const plan = planWindows(state({ cursor: { systemModstamp: '2026-11-25T11:00:00.000Z', lastId: '' } }), RUN, TEN_MIN, false);
    expect(plan.windows).to.deep.equal([{ from: '2026-11-25T10:50:00.000Z', to: RUN, after: null }]);
  });

  it('--full ignores the cursor and any checkpoint', () => {
    const plan = planWindows(state({ cursor: { systemModstamp: '2026-11-25T11:00:00.000Z', lastId: '' } }), RUN, TEN_MIN, true);
    expect(plan.windows).to.deep.equal([{ from: null, to: RUN, after: null }]);
  });

  it('resumes strictly after the last stored row, then reads on to this run\'s start', () => {
    const checkpoint = {
      mode: 'rest' as const, runId: 'r1', upperBound: '2026-11-25T11:30:00.000Z', progress: { systemModstamp: '2026-11-25T11:10:00.000Z', lastId: '001RO000000000AAAA' },
      nextRecordsUrl: null, bulkJobId: null, bulkLocator: null, rowsDone: 4000, savedAt: '2026-11-25T11:31:00.000Z',
    };
    const plan = planWindows(state({ checkpoint }), RUN, TEN_MIN, false);
    expect(plan.windows).to.deep.equal([
      { from: null, to: '2026-11-25T11:30:00.000Z', after: { systemModstamp: '2026-11-25T11:10:00.000Z', id: '001RO000000000AAAA' } },
      { from: '2026-11-25T11:30:00.000Z', to: RUN, after: null },
    ]);
    expect(plan.resume?.rowsDone).to.equal(4000);
    expect(plan.resume?.bulk).to.equal(null);
  });

  it('resumes a Bulk job at its locator', () => {
    const checkpoint = {
      mode: 'bulk' as const, runId: 'r1', upperBound: RUN, progress: null, nextRecordsUrl: null, bulkJobId: '750RO0000000001AAA', bulkLocator: 'MTAwMDA=', rowsDone: 10000, savedAt: RUN,
    };
    expect(planWindows(state({ checkpoint }), RUN, TEN_MIN, false).resume?.bulk).to.deep.equal({ jobId: '750RO0000000001AAA', locator: 'MTAwMDA=' });
  });

  it('round-trips: a saved checkpoint resumes the same position', () => {
    const window = { from: '2026-11-25T10:00:00.000Z', to: RUN, after: { systemModstamp: '2026-11-25T11:00:00.000Z', id: '003RO000000000BBBB' } };
    const saved = toStoreCheckpoint({ windows: [window], rowsDone: 2000, bulk: null }, 'r1', RUN)!;
    expect(saved).to.include({ mode: 'rest', upperBound: RUN, rowsDone: 2000 });
    expect(planWindows(state({ checkpoint: saved }), RUN, TEN_MIN, false).windows[0]?.after).to.deep.equal(window.after);
  });

  it('a window start with no row read yet is saved as a position at that instant', () => {
    const saved = toStoreCheckpoint({ windows: [{ from: '2026-11-25T10:00:00.000Z', to: RUN, after: null }], rowsDone: 0, bulk: null }, 'r1', RUN)!;
    expect(saved.progress).to.deep.equal({ systemModstamp: '2026-11-25T10:00:00.000Z', lastId: '' });
  });

  it('no windows left: nothing to save', () => {
    expect(toStoreCheckpoint({ windows: [], rowsDone: 10, bulk: null }, 'r1', RUN)).to.equal(null);
  });
});
