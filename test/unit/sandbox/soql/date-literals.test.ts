import { expect } from 'chai';
import { dateLiteralRange } from '../../../../src/sandbox/soql/date-literals.ts';
import { normalizeDatetime } from '../../../../src/sandbox/soql/literals.ts';
import { column, NOW } from './soql-fixture.ts';

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const rangeOf = (literal: string, now: Date): [string, string] => {
  const [name = '', n] = literal.split(':');
  const range = dateLiteralRange(name, n === undefined ? null : Number(n), now);
  if (!range) throw new Error(`no range for ${literal}`);
  return [day(range.start), day(range.end)];
};

describe('SOQL date literals', () => {
  describe('ranges [start, end) relative to now (Friday 2024-03-15 12:00 UTC, weeks start Sunday)', () => {
    const cases: Array<[string, string, string]> = [
      ['TODAY', '2024-03-15', '2024-03-16'],
      ['YESTERDAY', '2024-03-14', '2024-03-15'],
      ['TOMORROW', '2024-03-16', '2024-03-17'],
      ['LAST_N_DAYS:7', '2024-03-08', '2024-03-16'],
      ['LAST_N_DAYS:1', '2024-03-14', '2024-03-16'],
      ['NEXT_N_DAYS:7', '2024-03-16', '2024-03-23'],
      ['N_DAYS_AGO:3', '2024-03-12', '2024-03-13'],
      ['LAST_90_DAYS', '2023-12-16', '2024-03-16'],
      ['NEXT_90_DAYS', '2024-03-16', '2024-06-14'],
      ['THIS_WEEK', '2024-03-10', '2024-03-17'],
      ['LAST_WEEK', '2024-03-03', '2024-03-10'],
      ['NEXT_WEEK', '2024-03-17', '2024-03-24'],
      ['NEXT_N_WEEKS:1', '2024-03-17', '2024-03-24'],
      ['THIS_MONTH', '2024-03-01', '2024-04-01'],
      ['LAST_MONTH', '2024-02-01', '2024-03-01'],
      ['NEXT_MONTH', '2024-04-01', '2024-05-01'],
      ['LAST_N_MONTHS:2', '2024-01-01', '2024-03-01'],
      ['N_MONTHS_AGO:1', '2024-02-01', '2024-03-01'],
      ['THIS_QUARTER', '2024-01-01', '2024-04-01'],
      ['LAST_QUARTER', '2023-10-01', '2024-01-01'],
      ['THIS_YEAR', '2024-01-01', '2025-01-01'],
      ['LAST_YEAR', '2023-01-01', '2024-01-01'],
      ['LAST_N_YEARS:1', '2023-01-01', '2024-01-01'],
      ['THIS_FISCAL_YEAR', '2024-01-01', '2025-01-01'],
    ];
    for (const [literal, start, end] of cases) {
      it(`${literal} is [${start}, ${end})`, () => {
        expect(rangeOf(literal, NOW)).to.deep.equal([start, end]);
      });
    }
  });

  describe('at the turn of a year (now = 2024-01-01T00:00:00Z, a Monday)', () => {
    const newYear = new Date('2024-01-01T00:00:00.000Z');
    const cases: Array<[string, string, string]> = [
      ['TODAY', '2024-01-01', '2024-01-02'],
      ['YESTERDAY', '2023-12-31', '2024-01-01'],
      ['THIS_WEEK', '2023-12-31', '2024-01-07'],
      ['LAST_MONTH', '2023-12-01', '2024-01-01'],
      ['LAST_YEAR', '2023-01-01', '2024-01-01'],
    ];
    for (const [literal, start, end] of cases) {
      it(`${literal} is [${start}, ${end})`, () => {
        expect(rangeOf(literal, newYear)).to.deep.equal([start, end]);
      });
    }
    it('TODAY holds until the last millisecond of the day', () => {
      expect(rangeOf('TODAY', new Date('2024-03-15T23:59:59.999Z'))).to.deep.equal(['2024-03-15', '2024-03-16']);
    });
  });

  describe('on datetime fields (Account.CreatedDate: Acme 03-10 10:00, beta 03-14 23:59:59.999, Delta 03-15 00:00)', () => {
    const cases: Array<[string, string[]]> = [
      ['CreatedDate = TODAY', ['Delta, Inc.']],
      ['CreatedDate = YESTERDAY', ['beta corp']],
      ['CreatedDate > YESTERDAY', ['Delta, Inc.']],
      ['CreatedDate >= YESTERDAY', ['beta corp', 'Delta, Inc.']],
      ['CreatedDate < TODAY', ['Acme', 'beta corp']],
      ['CreatedDate <= YESTERDAY', ['Acme', 'beta corp']],
      ['CreatedDate > TODAY', []],
      ['CreatedDate != TODAY', ['Acme', 'beta corp']],
      ['CreatedDate = LAST_N_DAYS:1', ['beta corp', 'Delta, Inc.']],
      ['CreatedDate = LAST_N_DAYS:4', ['beta corp', 'Delta, Inc.']],
      ['CreatedDate = LAST_N_DAYS:5', ['Acme', 'beta corp', 'Delta, Inc.']],
      ['CreatedDate = N_DAYS_AGO:5', ['Acme']],
      ['CreatedDate = THIS_WEEK', ['Acme', 'beta corp', 'Delta, Inc.']],
      ['CreatedDate = LAST_WEEK', []],
      ['CreatedDate = THIS_MONTH', ['Acme', 'beta corp', 'Delta, Inc.']],
      ['CreatedDate = LAST_MONTH', []],
      ['CreatedDate = THIS_YEAR', ['Acme', 'beta corp', 'Delta, Inc.']],
      ['CreatedDate = NEXT_N_DAYS:3', []],
      ['CreatedDate IN (YESTERDAY, TODAY)', ['beta corp', 'Delta, Inc.']],
    ];
    for (const [where, expected] of cases) {
      it(where, () => {
        expect(column(`SELECT Name FROM Account WHERE ${where}`, 'Name')).to.deep.equal(expected);
      });
    }
  });

  describe('on date fields (Opportunity.CloseDate: renewal 03-15, upsell 04-01, Beta new 02-29)', () => {
    const cases: Array<[string, string[]]> = [
      ['CloseDate = TODAY', ['Acme renewal']],
      ['CloseDate = NEXT_MONTH', ['Acme upsell']],
      ['CloseDate = LAST_MONTH', ['Beta new']],
      ['CloseDate > THIS_MONTH', ['Acme upsell']],
      ['CloseDate < THIS_MONTH', ['Beta new']],
      ['CloseDate = NEXT_N_DAYS:17', ['Acme upsell']],
      ['CloseDate = NEXT_N_DAYS:16', []],
      ['CloseDate = LAST_90_DAYS', ['Acme renewal', 'Beta new']],
    ];
    for (const [where, expected] of cases) {
      it(where, () => {
        expect(column(`SELECT Name FROM Opportunity WHERE ${where}`, 'Name')).to.deep.equal(expected);
      });
    }
  });

  it('follows the now option, not the clock', () => {
    const soql = 'SELECT Name FROM Subscription__c WHERE RenewedAt__c = TODAY';
    expect(column(soql, 'Name')).to.deep.equal(['S-1']);
    expect(column(soql, 'Name', { now: new Date('2024-03-14T08:00:00Z') })).to.deep.equal(['S-2']);
  });

  describe('datetime literals normalise to UTC', () => {
    const cases: Array<[string, string | null]> = [
      ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000+0000'],
      ['2024-01-01T00:00:00.000+0000', '2024-01-01T00:00:00.000+0000'],
      ['2024-01-01T05:30:00+05:30', '2024-01-01T00:00:00.000+0000'],
      ['2023-12-31T16:00:00-08:00', '2024-01-01T00:00:00.000+0000'],
      ['2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00.500+0000'],
      ['2024-02-29T23:59:59.999-0100', '2024-03-01T00:59:59.999+0000'],
      ['2024-02-30T00:00:00Z', null],
      ['2024-01-01T24:00:00Z', null],
      ['2024-01-01 00:00:00Z', null],
    ];
    for (const [literal, expected] of cases) {
      it(`${literal} → ${String(expected)}`, () => {
        expect(normalizeDatetime(literal)).to.equal(expected);
      });
    }
  });
});
