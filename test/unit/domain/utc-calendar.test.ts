import { expect } from 'chai';
import { isoDayNumber } from '../../../src/domain/utc-calendar.ts';

describe('UTC calendar days', () => {
  it('numbers every day from 1600 to 2400 as Date does', () => {
    for (let n = Date.UTC(1600, 0, 1) / 86_400_000; n <= Date.UTC(2400, 0, 1) / 86_400_000; n += 1) {
      const text = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (isoDayNumber(text) !== n) expect.fail(`${text}: ${isoDayNumber(text)} ≠ ${n}`);
    }
  });

  it('reads the day part of an instant', () => {
    expect(isoDayNumber('2026-03-01T23:59:59.999Z')).to.equal(Date.UTC(2026, 2, 1) / 86_400_000);
  });

  for (const text of ['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026/01/01', '26-01-01', 'x026-01-01', '']) {
    it(`refuses ${JSON.stringify(text)} with NaN`, () => {
      expect(Number.isNaN(isoDayNumber(text))).to.equal(true);
    });
  }

  it('accepts the leap days of 2000 and 2028', () => {
    expect(isoDayNumber('2000-02-29')).to.equal(Date.UTC(2000, 1, 29) / 86_400_000);
    expect(isoDayNumber('2028-02-29')).to.equal(Date.UTC(2028, 1, 29) / 86_400_000);
  });
});
