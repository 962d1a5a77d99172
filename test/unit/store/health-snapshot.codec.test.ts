import { expect } from 'chai';
import type { HealthSnapshot } from '../../../src/domain/health.ts';
import { decodeSnapshot, encodeSnapshot } from '../../../src/store/repositories/health-snapshot.codec.ts';
import { snapshotOf } from '../../integration/store/health-fixtures.ts';

const roundTrip = (s: HealthSnapshot): HealthSnapshot => {
  const e = encodeSnapshot(s);
  return decodeSnapshot(e.snapshot, e.definitions);
};

describe('health snapshot codec', () => {
  it('gives back the snapshot field for field', () => {
    expect(roundTrip(snapshotOf('001A'))).to.deep.equal(snapshotOf('001A'));
  });

  it('keeps a stale manual measure\'s earlier colour, a capped score, categories and a null score', () => {
    const base = snapshotOf('001A', undefined, null);
    const s: HealthSnapshot = {
      ...base, combine: 'categories', categories: [{ name: 'usage', weight: 50, normalizedWeight: 1, score: 50 }], cap: { measure: 'lastLogin', at: 50, uncappedScore: 72 },
      measures: [...base.measures, {
        key: 'sponsorRisk', label: 'Sponsor risk', kind: 'manual', source: 'manual', value: 'red', unit: 'colour', valueText: 'red (set by a CSM)', colour: 'stale',
        expiredColour: 'red', points: null, weight: 5, normalizedWeight: 0, category: 'engagement', band: 'stale: expired 2026-06-01', note: 'expired', owner: 'CSM',
      }],
    };
    expect(roundTrip(s)).to.deep.equal(s);
  });

  it('shares one measure set among accounts scored by the same rules, and tells differing rules apart', () => {
    const a = encodeSnapshot(snapshotOf('001A'));
    const b = encodeSnapshot(snapshotOf('001B', '2026-06-16T23:59:59.999Z', 20));
    expect(b.measureSet).to.equal(a.measureSet);
    const reweighted = snapshotOf('001C');
    reweighted.measures[0] = { ...reweighted.measures[0]!, weight: 30 };
    expect(encodeSnapshot(reweighted).measureSet).not.to.equal(a.measureSet);
    // The readings carry none of the rules' words.
    expect(a.snapshot).not.to.contain('Renewal manager');
    expect(a.snapshot.length).to.be.below(JSON.stringify(snapshotOf('001A')).length * 0.75);
  });

  it('refuses readings that do not fit their measure set with STORE_VALUE_INVALID', () => {
    const a = encodeSnapshot(snapshotOf('001A'));
    const fewer = JSON.stringify(JSON.parse(a.definitions).slice(1));
    expect(() => decodeSnapshot(a.snapshot, fewer)).to.throw().with.property('code', 'STORE_VALUE_INVALID');
  });
});
