import { expect } from 'chai';
import { openStore } from '../../../src/store/open-store.ts';
import { snapshotOf } from './health-fixtures.ts';
import { describeOnEachDialect, rejectionOf } from './store-targets.ts';

const at = (day: string): string => `${day}T23:59:59.999Z`;
const scoresOf = async (store: ReturnType<Parameters<Parameters<typeof describeOnEachDialect>[1]>[0]['store']>, id: string): Promise<(number | null)[]> =>
  (await store.healthSnapshotsOf(id)).map((s) => s.score);

describeOnEachDialect('store: write-behind transactions', (ctx) => {
  it('commits each queued transaction whole and in order: after flush, the later of two writes of a row stands', async () => {
    const store = ctx.store();
    const writes = store.writeBehind();
    for (let i = 0; i < 12; i++) {
      await writes.transaction(async (tx) => {
        await tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-15'), i), snapshotOf(`001B${i}`, at('2026-06-15'), i)], 'r1');
        await tx.saveStageAssignments([], 'r1', at('2026-06-15'));
      });
    }
    await writes.flush();
    expect(await scoresOf(store, '001A')).to.deep.equal([11]);
    expect((await store.scorePoints('2026-06-15', '2026-06-15')).length).to.equal(13);
  });

  it('stops at a transaction that fails: its writes and those queued after it are not stored, flush rejects', async () => {
    const store = ctx.store();
    const writes = store.writeBehind();
    const errors: unknown[] = [];
    const queue = (fn: Parameters<typeof writes.transaction>[0]): Promise<void> => writes.transaction(fn).catch((err: unknown) => void errors.push(err));
    await queue(async (tx) => tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-14'), 70)], 'r1'));
    // account_id is NOT NULL: the database refuses the row, and the transaction whole.
    await queue(async (tx) => tx.saveHealthSnapshots([snapshotOf('001B', at('2026-06-14'), 50), snapshotOf(null as unknown as string, at('2026-06-14'), 1)], 'r1'));
    await queue(async (tx) => tx.saveHealthSnapshots([snapshotOf('001C', at('2026-06-14'), 30)], 'r1'));
    errors.push(await rejectionOf(() => writes.flush()).catch(() => undefined));
    // The database's own error comes first, as a write on the store's thread would throw it:
    // SQLITE_CONSTRAINT_NOTNULL (1299), or PostgreSQL's not_null_violation (23502).
    const first = errors.find((e) => e !== undefined) as { errcode?: number; code?: string } | undefined;
    expect(ctx.dialect === 'sqlite' ? first?.errcode : first?.code).to.equal(ctx.dialect === 'sqlite' ? 1299 : '23502');
    expect(await scoresOf(store, '001A')).to.deep.equal([70]);
    expect(await scoresOf(store, '001B')).to.deep.equal([]);
    if (ctx.dialect === 'sqlite') expect(await scoresOf(store, '001C')).to.deep.equal([]);
  });

  it('lands what is queued before the store closes', async () => {
    const store = ctx.store();
    const writes = store.writeBehind();
    await writes.transaction(async (tx) => tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-13'), 44)], 'r1'));
    await store.close();
    const reopened = await openStore(ctx.url());
    try {
      expect(await scoresOf(reopened, '001A')).to.deep.equal([44]);
    } finally {
      await reopened.close();
    }
  });

  it('closes a queue once what it holds has landed; the store goes on, and a new queue starts', async () => {
    const store = ctx.store();
    const first = store.writeBehind();
    await first.transaction(async (tx) => tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-13'), 10)], 'r1'));
    await first.close();
    expect(await scoresOf(store, '001A')).to.deep.equal([10]);
    const second = store.writeBehind();
    await second.transaction(async (tx) => tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-14'), 20)], 'r1'));
    await second.flush();
    expect(await scoresOf(store, '001A')).to.deep.equal([20, 10]);
  });

  // Elsewhere write-behind transactions run at once, reads included.
  if (ctx.dialect === 'sqlite') it('refuses a read inside a write-behind transaction on a SQLite file with UNEXPECTED, writing nothing of it', async () => {
    const store = ctx.store();
    const writes = store.writeBehind();
    const err = await rejectionOf(() => writes.transaction(async (tx) => {
      await tx.saveHealthSnapshots([snapshotOf('001A', at('2026-06-13'), 44)], 'r1');
      await tx.scorePoints('2026-06-13', '2026-06-13');
    }));
    expect((err as { code?: string }).code).to.equal('UNEXPECTED');
    await writes.flush();
    expect(await scoresOf(store, '001A')).to.deep.equal([]);
  });
});
