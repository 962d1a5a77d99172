import { expect } from 'chai';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { addDays, daysBetween, isoDayOf } from '../../../src/lifecycle/iso-day.ts';

describe('iso-day', () => {
  const spans: [string, string, number][] = [
    ['2026-11-25', '2027-03-25', 120],
    ['2027-03-25', '2026-11-25', -120],
    ['2028-02-28', '2028-03-01', 2], // leap year
    ['2026-03-28', '2026-03-30', 2], // across a DST change in Europe: days are UTC
  ];
  for (const [from, to, days] of spans) {
    it(`${from} → ${to}: ${days} days, and back with addDays`, () => {
      expect(daysBetween(from, to)).to.equal(days);
      expect(addDays(from, days)).to.equal(to);
    });
  }

  it('isoDayOf takes the UTC day of an instant', () => {
    expect(isoDayOf('2026-11-25T23:30:00.000Z')).to.equal('2026-11-25');
    expect(isoDayOf('2026-11-26T00:30:00+02:00')).to.equal('2026-11-25');
  });

  for (const bad of ['2026-2-1', '2026-02-29', '20261125', '']) {
    it(`rejects ${JSON.stringify(bad)} with DAY_INVALID`, () => {
      expect(() => daysBetween(bad, '2026-11-25')).to.throw(SextantError).with.property('code', 'DAY_INVALID');
    });
  }
  it('rejects a non-instant in isoDayOf', () => {
    expect(() => isoDayOf('yesterday')).to.throw(SextantError).with.property('code', 'DAY_INVALID');
  });
});
