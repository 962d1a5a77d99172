import { expect } from 'chai';
import { snapshotOf } from './health-fixtures.ts';
import { describeOnEachDialect } from './store-targets.ts';

const at = (day: string): string => `${day}T23:59:59.999Z`;

describeOnEachDialect('store: health snapshots', (ctx) => {
  it('keeps one snapshot per account per day, whole; a re-run the same day replaces it', async () => {
    const store = ctx.store();
    await store.saveHealthSnapshots([snapshotOf('001A', at('2026-06-14'), 70), snapshotOf('001A', at('2026-06-15'), 62), snapshotOf('001B', at('2026-06-15'), null)], 'r1');
    await store.saveHealthSnapshots([snapshotOf('001A', at('2026-06-15'), 40)], 'r2');
    expect(await store.healthSnapshotsOf('001A')).to.deep.equal([snapshotOf('001A', at('2026-06-15'), 40), snapshotOf('001A', at('2026-06-14'), 70)]);
    expect(await store.healthSnapshotsOf('001A', 1)).to.deep.equal([snapshotOf('001A', at('2026-06-15'), 40)]);
    expect(await store.healthSnapshotsOf('001B')).to.deep.equal([snapshotOf('001B', at('2026-06-15'), null)]);
    expect(await store.healthSnapshotsOf('001C')).to.deep.equal([]);
  });

  it('lists scores by account then day, within an inclusive range of days', async () => {
    const store = ctx.store();
    await store.saveHealthSnapshots(['2026-06-13', '2026-06-14', '2026-06-15'].flatMap((d, i) => [snapshotOf('001B', at(d), 50 + i), snapshotOf('001A', at(d), 80 - i)]), null);
    expect(await store.scorePoints('2026-06-14', '2026-06-15')).to.deep.equal([
      { accountId: '001A', day: '2026-06-14', score: 79, colour: 'green' }, { accountId: '001A', day: '2026-06-15', score: 78, colour: 'green' },
      { accountId: '001B', day: '2026-06-14', score: 51, colour: 'yellow' }, { accountId: '001B', day: '2026-06-15', score: 52, colour: 'yellow' },
    ]);
  });
});
