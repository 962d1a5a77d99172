import { expect } from 'chai';
import { dayNumber, isoDay, MS_PER_DAY } from '../../../src/health/day-number.ts';

describe('dayNumber', () => {
  it('agrees with Date for every day from 1999 to 2101, leap days included', () => {
    for (let d = Date.UTC(1999, 0, 1) / MS_PER_DAY; d <= Date.UTC(2101, 11, 31) / MS_PER_DAY; d++) {
      const day = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
      if (dayNumber(day) !== d) expect.fail(`${day}: ${dayNumber(day)} ≠ ${d}`);
      if (isoDay(d) !== day) expect.fail(`isoDay(${d}) = ${isoDay(d)}`);
    }
  });

  const CASES: [string, string][] = [
    ['2026-11-30T23:59:59.999Z', '2026-11-30'],
    ['2026-11-30T00:00:00Z', '2026-11-30'],
    ['2024-02-29T12:00:00.000Z', '2024-02-29'],
    // An offset can move the UTC day: 01:00 in Paris on 1 December is 30 November UTC.
    ['2026-12-01T01:00:00+01:00', '2026-12-01'],
    ['2026-12-01T00:30:00+01:00', '2026-11-30'],
  ];
  for (const [iso, day] of CASES) it(`${iso} is UTC day ${day}`, () => expect(isoDay(dayNumber(iso))).to.equal(day));

  it('a malformed date is a data error', () => {
    expect(() => dayNumber('30/11/2026')).to.throw().with.property('code', 'HEALTH_BAD_DATE');
  });
});
