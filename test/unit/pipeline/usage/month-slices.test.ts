import { expect } from 'chai';
import { monthSlices } from '../../../../src/pipeline/usage/load-usage.ts';

describe('usage load: month slices', () => {
  const cases: [string, { from: string; to: string }, string, [string, string][]][] = [
    ['a range inside one month, run on to the future edge', { from: '2026-03-05', to: '2026-03-20' }, '2027-03-21', [['2026-03-05', '2027-03-21']]],
    ['a first load over 120 days: whole months, the first and last partial', { from: '2025-11-03', to: '2026-03-02' }, '2027-03-03', [
      ['2025-11-03', '2025-11-30'], ['2025-12-01', '2025-12-31'], ['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2027-03-03'],
    ]],
    ['a lookback across a month boundary, in a leap year', { from: '2028-02-27', to: '2028-03-01' }, '2029-03-02', [['2028-02-27', '2028-02-29'], ['2028-03-01', '2029-03-02']]],
    ['a range ending on a month\'s last day', { from: '2026-01-30', to: '2026-01-31' }, '2027-02-01', [['2026-01-30', '2027-02-01']]],
    ['through before the range end: the range end stands', { from: '2026-01-30', to: '2026-02-01' }, '2026-01-31', [['2026-01-30', '2026-01-31'], ['2026-02-01', '2026-02-01']]],
  ];
  for (const [name, range, through, expected] of cases) {
    it(name, () => {
      const slices = monthSlices(range, through);
      expect(slices.map((s) => [s.from, s.to])).to.deep.equal(expected);
    });
  }
});
