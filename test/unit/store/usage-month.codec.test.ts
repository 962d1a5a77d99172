import { expect } from 'chai';
import type { UsageDay } from '../../../src/domain/usage.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { decodeUsageMonth, encodeUsageMonth, encodeUsageMonthColumns } from '../../../src/store/repositories/usage-month.codec.ts';
import { usageDayColumnsOf } from '../../support/usage-day-columns.ts';

const day = (d: number, overrides: Partial<UsageDay> = {}): UsageDay => ({
  accountKey: 'K-1', day: `2026-01-${String(d).padStart(2, '0')}`, activeUsers: 3, logins: 5, lastLoginAt: `2026-01-${String(d).padStart(2, '0')}T09:30:01.250Z`,
  featureEvents: { dashboards: 2, reports: 7 }, events: 20, licenses: 25, ...overrides,
});

const roundTrip = (days: UsageDay[]): UsageDay[] => decodeUsageMonth('K-1', '2026-01', encodeUsageMonth(days));

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    return (err as SextantError).code;
  }
  throw new Error('expected an error');
};

describe('usage month codec', () => {
  const cases: [string, UsageDay[]][] = [
    ['one ordinary day', [day(5)]],
    ['the first and last days of a 31-day month', [day(1), day(31)]],
    ['no login, no licences, no features', [day(2, { logins: 0, lastLoginAt: null, licenses: null, featureEvents: {} })]],
    ['zero licences (not the same as none)', [day(3, { licenses: 0 })]],
    ['a stored day of zeros', [day(4, { activeUsers: 0, logins: 0, events: 0, lastLoginAt: null, featureEvents: {}, licenses: null })]],
    ['counts past 2³¹ and up to 2⁵³ − 1', [day(6, { events: 2 ** 31 + 7, activeUsers: Number.MAX_SAFE_INTEGER, licenses: 2 ** 40 })]],
    ['a last login at midnight and at the day\'s last millisecond', [day(7, { lastLoginAt: '2026-01-07T00:00:00.000Z' }), day(8, { lastLoginAt: '2026-01-08T23:59:59.999Z' })]],
    ['a last login outside its day (a user\'s SQL bucketing days in another zone)', [day(9, { lastLoginAt: '2026-01-08T22:15:00.000Z' }), day(10, { lastLoginAt: '2026-01-11T03:00:00.000Z' })]],
    ['features differing from day to day, one named outside ASCII', [day(11, { featureEvents: { dashboards: 1 } }), day(12, { featureEvents: { 'Berichte-ü': 3, workflows: 128 } })]],
  ];
  for (const [name, days] of cases) {
    it(`round-trips ${name}`, () => {
      expect(roundTrip(days)).to.deep.equal(days);
    });
    it(`packs ${name} from columns into the same bytes`, () => {
      // A zero count is a feature absent on that day, in both.
      expect(encodeUsageMonthColumns(usageDayColumnsOf(days), 'K-1', '2026-01', 0, days.length)).to.deep.equal(encodeUsageMonth(days));
    });
  }

  it('packs a slice of a page of columns: only its rows, only the features they use', () => {
    const page = usageDayColumnsOf([day(1, { featureEvents: { x: 5 } }), day(2), day(3, { featureEvents: { reports: 1 } }), day(4, { featureEvents: { y: 2 } })]);
    expect(encodeUsageMonthColumns(page, 'K-1', '2026-01', 1, 3)).to.deep.equal(encodeUsageMonth([day(2), day(3, { featureEvents: { reports: 1 } })]));
  });

  it('keeps 31 busy days of four features within a few hundred bytes', () => {
    const days = Array.from({ length: 31 }, (_, i) => day(i + 1, { featureEvents: { dashboards: 4, reports: 2, workflows: 9, integrations: 1 } }));
    const bytes = encodeUsageMonth(days);
    expect(bytes.length).to.be.below(31 * 14 + 60);
    expect(roundTrip(days)).to.deep.equal(days);
  });

  it('drops zero feature counts (absent and zero are one thing for a feature)', () => {
    expect(roundTrip([day(1, { featureEvents: { dashboards: 0, reports: 2 } })])[0]!.featureEvents).to.deep.equal({ reports: 2 });
  });

  it('returns an instant spelt with an offset as ISO UTC with milliseconds', () => {
    expect(roundTrip([day(1, { lastLoginAt: '2026-01-01T11:00:00+02:00' })])[0]!.lastLoginAt).to.equal('2026-01-01T09:00:00.000Z');
  });

  it('refuses negative or fractional counts and unreadable instants with STORE_VALUE_INVALID', () => {
    expect(codeOf(() => encodeUsageMonth([day(1, { events: -1 })]))).to.equal('STORE_VALUE_INVALID');
    expect(codeOf(() => encodeUsageMonth([day(1, { activeUsers: 1.5 })]))).to.equal('STORE_VALUE_INVALID');
    expect(codeOf(() => encodeUsageMonth([day(1, { featureEvents: { reports: Number.NaN } })]))).to.equal('STORE_VALUE_INVALID');
    expect(codeOf(() => encodeUsageMonth([day(1, { lastLoginAt: 'yesterday' })]))).to.equal('STORE_VALUE_INVALID');
    for (const bad of [day(1, { events: -1 }), day(1, { logins: 0.5 }), day(1, { licenses: -2 })]) {
      expect(codeOf(() => encodeUsageMonthColumns(usageDayColumnsOf([bad]), 'K-1', '2026-01', 0, 1))).to.equal('STORE_VALUE_INVALID');
    }
  });

  it('refuses bytes of another format, cut short, or naming a day outside the month', () => {
    const bytes = encodeUsageMonth([day(1)]);
    expect(codeOf(() => decodeUsageMonth('K-1', '2026-01', Uint8Array.of(2, ...bytes.subarray(1))))).to.equal('STORE_VALUE_INVALID');
    expect(codeOf(() => decodeUsageMonth('K-1', '2026-01', bytes.subarray(0, bytes.length - 1)))).to.equal('STORE_VALUE_INVALID');
    // version 1, no features, one day: day-of-month 40.
    expect(codeOf(() => decodeUsageMonth('K-1', '2026-01', Uint8Array.of(1, 0, 1, 40, 0, 0, 0, 0, 0)))).to.equal('STORE_VALUE_INVALID');
  });
});
