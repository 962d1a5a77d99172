import { expect } from 'chai';
import { ModstampIndex } from '../../../../src/sandbox/org/modstamp-index.ts';
import { orderByStamp } from '../../../../src/sandbox/org/stamp-order.ts';
import type { FieldValue, SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';
import { Rng } from '../../../../src/sandbox/demo/random.ts';

const stampAt = (ms: number): string => new Date(Date.UTC(2024, 2, 15) + ms).toISOString().replace('Z', '+0000');

/** What the index must return: a filter over the live rows, in insertion order. */
const bruteForce = (rows: readonly SObjectRecord[], low: string | null, high: string | null): SObjectRecord[] =>
  rows.filter((r) => {
    const s = r['SystemModstamp'];
    return typeof s === 'string' && (low === null || s >= low) && (high === null || s <= high);
  });

describe('modstamp index', () => {
  it('orders stamps as strings, with or without the store layout', () => {
    const cases: string[][] = [
      [stampAt(3), stampAt(1), stampAt(2), stampAt(1)],
      ['2024-03-15T00:00:01.000+0000', '2023-12-31T23:59:59.999+0000', '2024-03-15T00:00:00.000+0000'],
      // Hand-loaded odd layouts take the string comparison.
      ['2024-03-15T00:00:01Z', '2024-03-15T00:00:00.000+0000', '2024', 'b', 'a'],
      ['2024-13-01T00:00:00.000+0000', '2025-00-01T00:00:00.000+0000', '2024-12-31T00:00:00.000+0000'],
      // Right length and digits, wrong separator: the numeric order is checked, not trusted.
      ['2024-03x01T00:00:00.000+0000', '2024-03-15T00:00:00.000+0000'],
      [],
    ];
    for (const stamps of cases) {
      const order = orderByStamp(stamps, stamps.map((_, i) => i));
      expect(order.map((i) => stamps[i])).to.deep.equal([...stamps].sort());
    }
  });

  it('answers every range like a filter, through inserts, restamps (forward, back, to null) and removals', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 24; round++) {
      // Few distinct stamps (long runs of ties, wide hits: the sweep) or many (narrow hits: the sort).
      const [spread, size] = round % 2 === 0 ? [40, 300] : [100_000, 3000];
      const rows: SObjectRecord[] = [];
      const make = (): SObjectRecord => ({ Id: `r${rows.length}`, SystemModstamp: stampAt(rng.int(0, spread)) });
      for (let i = 0; i < rng.int(0, size); i++) rows.push(make());
      const index = new ModstampIndex(rows, { maxShare: Infinity });
      let clock = spread;
      const near = (): number => (rng.chance(0.5) ? clock - rng.int(0, 3) : rng.int(-1, clock + 1));
      for (let step = 0; step < 400; step++) {
        const roll = rng.next();
        const target = rows.length > 0 ? rng.pick(rows) : undefined;
        if (roll < 0.2 || !target) {
          const record = make();
          rows.push(record);
          index.add(record);
        } else if (roll < 0.7) {
          // Mostly "now", sometimes an old value back (an undo, the clock lever), sometimes null.
          const next: FieldValue = rng.chance(0.6) ? stampAt((clock += rng.int(0, 2))) : rng.chance(0.9) ? stampAt(rng.int(0, clock)) : null;
          target['SystemModstamp'] = next;
          index.restamp(target);
        } else if (roll < 0.8) {
          rows.splice(rows.indexOf(target), 1);
          index.remove(target);
        } else {
          const a = rng.chance(0.1) ? null : near();
          const b = rng.chance(0.1) ? null : a === null ? near() : a + rng.int(0, spread > 40 ? 50 : 5);
          const [low, high] = [a === null ? null : stampAt(a), b === null ? null : stampAt(b)];
          expect(index.range(low, high)).to.deep.equal(bruteForce(rows, low, high));
        }
      }
      expect(index.range(null, null)).to.deep.equal(bruteForce(rows, null, null));
    }
  });

  it('finds a record restamped back and forth once, at its latest stamp only', () => {
    const rows = Array.from({ length: 200 }, (_, i): SObjectRecord => ({ Id: `r${i}`, SystemModstamp: stampAt(i) }));
    const index = new ModstampIndex(rows);
    const moved = rows[5] as SObjectRecord;
    const restamp = (ms: number): void => {
      moved['SystemModstamp'] = stampAt(ms);
      index.restamp(moved);
    };
    restamp(500);
    restamp(501);
    restamp(502); // in order: the entries at 500 and 501 stay behind, stale
    expect(index.range(stampAt(500), stampAt(502))).to.deep.equal([moved]);
    restamp(300); // back: the tail is sorted in
    expect(index.range(stampAt(300), stampAt(600))).to.deep.equal([moved]);
    expect(index.range(stampAt(0), stampAt(9))).to.deep.equal([0, 1, 2, 3, 4, 6, 7, 8, 9].map((i) => rows[i]));
  });

  it('declines a range holding more than half the rows, where a scan is as cheap', () => {
    const rows = Array.from({ length: 10 }, (_, i): SObjectRecord => ({ Id: `r${i}`, SystemModstamp: stampAt(i) }));
    const index = new ModstampIndex(rows);
    expect(index.range(stampAt(5), null)).to.deep.equal(rows.slice(5));
    expect(index.range(stampAt(4), null)).to.equal(null);
    expect(index.range(null, null)).to.equal(null);
  });

  it('declines once a stamp is neither a string nor null, so queries scan', () => {
    const rows: SObjectRecord[] = [{ Id: 'a', SystemModstamp: stampAt(1) }];
    const index = new ModstampIndex(rows, { maxShare: Infinity });
    expect(index.range(null, null)).to.have.length(1);
    index.add({ Id: 'b', SystemModstamp: 5 });
    expect(index.range(null, null)).to.equal(null);
  });
});
