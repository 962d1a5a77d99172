import { expect } from 'chai';
import { snowflakeRows, snowflakeValue } from '../../../../src/warehouse/snowflake/snowflake-values.ts';
import { column } from './snowflake-bodies.ts';

describe('Snowflake jsonv2 values', () => {
  const table: Array<[string, string | null, ReturnType<typeof column>, unknown]> = [
    ['null', null, column('n', 'fixed'), null],
    ['an integer', '42', column('n', 'fixed'), 42],
    ['a negative integer', '-7', column('n', 'fixed'), -7],
    ['an integer beyond 2^53', '9007199254740993', column('n', 'fixed'), 9007199254740993n],
    ['a decimal with scale', '1.50', column('n', 'fixed', 2), 1.5],
    ['a real', '2.5e3', column('n', 'real'), 2500],
    ['a boolean', 'true', column('b', 'boolean'), true],
    ['text, verbatim', '  PA-1 ', column('t', 'text'), '  PA-1 '],
    ['a date (days since the epoch)', '20485', column('d', 'date'), '2026-02-01'],
    ['a date before the epoch', '-1', column('d', 'date'), '1969-12-31'],
    ['a timestamp_ntz', '1769904000.250000000', column('t', 'timestamp_ntz', 9), new Date('2026-02-01T00:00:00.250Z')],
    ['a timestamp_ltz', '1769904000', column('t', 'timestamp_ltz', 0), new Date('2026-02-01T00:00:00.000Z')],
    // The offset (+02:00 encoded as 120 + 1440) does not move the instant.
    ['a timestamp_tz', '1769904000.999999999 1560', column('t', 'timestamp_tz', 9), new Date('2026-02-01T00:00:00.999Z')],
    ['a timestamp before the epoch', '-1.500000000', column('t', 'timestamp_ntz', 9), new Date(-1500)],
    ['an unknown type, as text', 'x', column('v', 'variant'), 'x'],
    ['an upper-case type name', '5', column('n', 'FIXED'), 5],
  ];
  for (const [label, text, col, expected] of table) {
    it(`reads ${label}`, () => expect(snowflakeValue(text, col)).to.deep.equal(expected));
  }

  it('keys rows by lower-cased column name', () => {
    const rows = snowflakeRows([column('ACCOUNT_KEY', 'text'), column('events', 'fixed')], [['PA-1', '3'], [null, null]]);
    expect(rows).to.deep.equal([{ account_key: 'PA-1', events: 3 }, { account_key: null, events: null }]);
  });
});
