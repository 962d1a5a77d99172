import { expect } from 'chai';
import type { HealthColour, HierarchyRollup } from '../../../src/domain/health.ts';
import { rollUpHierarchy, type HierarchyAccount, type ScoredAccount } from '../../../src/health/hierarchy-rollup.ts';
import { shippedRules } from './health-fixtures.ts';

const bands = shippedRules().overall.bands;
const colourOf = (score: number): HealthColour => (score <= 50 ? 'red' : score <= 75 ? 'yellow' : 'green');
const acct = (id: string, parentId: string | null, arr: number | null): HierarchyAccount => ({ id, parentId, arr });
const scored = (accountId: string, score: number | null): ScoredAccount => ({ accountId, score, colour: score === null ? 'na' : colourOf(score) });
const rollupOf = (rollups: HierarchyRollup[], id: string): HierarchyRollup | undefined => rollups.find((r) => r.accountId === id);

describe('rollUpHierarchy', () => {
  it('weights children by ARR, counts red ARR as at risk and yellow as watch', () => {
    const accounts = [acct('P', null, null), acct('A', 'P', 300_000), acct('B', 'P', 100_000), acct('C', 'P', 100_000)];
    const { rollups, cycles } = rollUpHierarchy([scored('A', 90), scored('B', 20), scored('C', 60)], accounts, bands);
    expect(cycles).to.deep.equal([]);
    expect(rollups).to.have.length(1);
    // (300k × 90 + 100k × 20 + 100k × 60) / 500k = 70.
    expect(rollupOf(rollups, 'P')).to.deep.equal({
      accountId: 'P', descendants: 3, scoredAccounts: 3, includesOwnArr: false, weighting: 'arr',
      score: 70, colour: 'yellow', arrScored: 500_000, arrAtRisk: 100_000, redAccounts: 1, arrWatch: 100_000,
    });
  });

  it('includes the parent itself when it has its own ARR, but not in its ARR at risk', () => {
    const accounts = [acct('P', null, 100_000), acct('A', 'P', 100_000)];
    const r = rollupOf(rollUpHierarchy([scored('P', 10), scored('A', 90)], accounts, bands).rollups, 'P')!;
    expect(r).to.include({ score: 50, colour: 'red', includesOwnArr: true, scoredAccounts: 2, arrAtRisk: 0 });
  });

  it('rolls up several levels: each parent over everything beneath it', () => {
    const accounts = [acct('G', null, null), acct('P1', 'G', null), acct('P2', 'G', 200), acct('A', 'P1', 100), acct('B', 'P1', 300), acct('C', 'P2', 400)];
    const { rollups } = rollUpHierarchy([scored('P2', 100), scored('A', 0), scored('B', 80), scored('C', 40)], accounts, bands);
    expect(rollupOf(rollups, 'P1')).to.include({ descendants: 2, score: 60, arrAtRisk: 100 }); // (0 × 100 + 80 × 300) / 400
    expect(rollupOf(rollups, 'P2')).to.include({ descendants: 1, score: 60, includesOwnArr: true, arrAtRisk: 400 }); // (100 × 200 + 40 × 400) / 600
    // G: (0 × 100 + 80 × 300 + 100 × 200 + 40 × 400) / 1000 = 60; red beneath: A (100) and C (400).
    expect(rollupOf(rollups, 'G')).to.include({ descendants: 5, scoredAccounts: 4, score: 60, arrAtRisk: 500, redAccounts: 2 });
    expect(rollupOf(rollups, 'A')).to.equal(undefined);
  });

  it('children without a score count as descendants but not in the score', () => {
    const accounts = [acct('P', null, null), acct('A', 'P', 100), acct('B', 'P', 900)];
    expect(rollupOf(rollUpHierarchy([scored('A', 80), scored('B', null)], accounts, bands).rollups, 'P')).to.include({ descendants: 2, scoredAccounts: 1, score: 80, arrScored: 100 });
    expect(rollupOf(rollUpHierarchy([], accounts, bands).rollups, 'P')).to.include({ score: null, colour: 'na' });
  });

  it('without any ARR, children count equally', () => {
    const accounts = [acct('P', null, null), acct('A', 'P', null), acct('B', 'P', 0)];
    expect(rollupOf(rollUpHierarchy([scored('A', 100), scored('B', 41)], accounts, bands).rollups, 'P')).to.include({ weighting: 'equal', score: 71 });
  });

  it('a child whose parent is not among the accounts is a root', () => {
    const { rollups } = rollUpHierarchy([scored('A', 10)], [acct('A', 'MISSING', 100)], bands);
    expect(rollups).to.deep.equal([]);
  });

  it('cuts a cycle where it closes, reports it, and still terminates', () => {
    const accounts = [acct('A', 'C', 100), acct('B', 'A', 100), acct('C', 'B', 100), acct('D', 'C', 100), acct('S', 'S', 50)];
    const { rollups, cycles } = rollUpHierarchy([scored('A', 100), scored('B', 0), scored('C', 50), scored('D', 20), scored('S', 0)], accounts, bands);
    expect(cycles).to.deep.equal([['A', 'C', 'B'], ['S']]);
    // Walking up from A (A → C → B → A), B's link back to A closes the circle and is ignored:
    // B is the root, C beneath it, A and D beneath C.
    expect(rollupOf(rollups, 'B')).to.include({ descendants: 3 });
    // C over A (100), D (20) and itself (50), equal ARR: 56.7 → 57.
    expect(rollupOf(rollups, 'C')).to.include({ descendants: 2, score: 57, includesOwnArr: true });
    expect(rollupOf(rollups, 'A')).to.equal(undefined);
    expect(rollupOf(rollups, 'S')).to.equal(undefined);
  });
});
