import { expect } from 'chai';
import { formatUtcInstant, parseUtcInstant } from '../../../src/domain/utc-instant.ts';

describe('UTC instants', () => {
  it('formats exactly as Date#toISOString, across days, years, leap days and the 0000–9999 edges', () => {
    const samples = [0, 1, 999, 86_399_999, 86_400_000, Date.UTC(2026, 1, 28, 23, 59, 59, 999), Date.UTC(2028, 1, 29, 12, 0, 0, 5), -1, -86_400_001,
      new Date(0).setUTCFullYear(0, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1, new Date(0).setUTCFullYear(-1, 11, 31)];
    // And a sweep of random instants over two centuries, from a fixed seed.
    let x = 12_345;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      samples.push(Math.floor((x / 2 ** 31) * 6.3e12) - 1e12);
    }
    for (const ms of samples) expect(formatUtcInstant(ms), String(ms)).to.equal(new Date(ms).toISOString());
  });

  it('parses what it formats, to the millisecond, matching Date.parse', () => {
    for (const text of ['2026-01-05T14:03:11.250Z', '2028-02-29T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z', '0099-03-01T08:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(parseUtcInstant(text), text).to.equal(Date.parse(text));
    }
  });

  it('refuses every other spelling or an unreal day with NaN, for the caller to read the slow way', () => {
    for (const text of ['2026-01-05T14:03:11Z', '2026-01-05 14:03:11.250Z', '2026-01-05T14:03:11.250+00:00', '2026-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-05T24:00:00.000Z', '2026-01-05T14:60:00.000Z', '2026-01-05T14:03:60.000Z', '2026-0a-05T14:03:11.250Z', '']) {
      expect(Number.isNaN(parseUtcInstant(text)), text).to.equal(true);
    }
  });
});
