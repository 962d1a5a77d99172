import { expect } from 'chai';
import { bigQueryRows, bigQueryValue, epochSecondsText } from '../../../../src/warehouse/bigquery/bigquery-values.ts';

describe('BigQuery REST values', () => {
  const table: Array<[string, unknown, string, unknown]> = [
    ['null', null, 'INTEGER', null],
    ['an INTEGER', '42', 'INTEGER', 42],
    ['an INT64 beyond 2^53', '9007199254740993', 'INT64', 9007199254740993n],
    ['a FLOAT', '2.5', 'FLOAT', 2.5],
    ['a BOOLEAN', 'false', 'BOOLEAN', false],
    ['a DATE, as text', '2026-02-01', 'DATE', '2026-02-01'],
    ['a NUMERIC, as exact text', '12.000000000', 'NUMERIC', '12.000000000'],
    ['a STRING, verbatim', ' pa-1 ', 'STRING', ' pa-1 '],
    ['a TIMESTAMP in float notation', '1.7699076E9', 'TIMESTAMP', new Date('2026-02-01T01:00:00.000Z')],
    ['a TIMESTAMP with microseconds', '1.769907600123456E9', 'TIMESTAMP', new Date('2026-02-01T01:00:00.123Z')],
  ];
  for (const [label, value, type, expected] of table) {
    it(`reads ${label}`, () => expect(bigQueryValue(value, { name: 'x', type })).to.deep.equal(expected));
  }

  const seconds: Array<[string, number]> = [
    ['1767225600', 1_767_225_600_000],
    ['1767225600.5', 1_767_225_600_500],
    // 1767225600.123 as a double times 1000 is 1767225600122.9998: digits, not floats.
    ['1767225600.123', 1_767_225_600_123],
    ['1.767225600123E9', 1_767_225_600_123],
    ['1.5E-1', 150],
    ['0', 0],
    ['-1.5', -1500],
  ];
  for (const [text, ms] of seconds) {
    it(`reads epoch seconds ${text} to the millisecond`, () => expect((epochSecondsText(text) as Date).getTime()).to.equal(ms));
  }

  it('keys rows by lower-cased field name', () => {
    const rows = bigQueryRows([{ name: 'Account_Key', type: 'STRING' }, { name: 'events', type: 'INTEGER' }], [{ f: [{ v: 'PA-1' }, { v: '3' }] }]);
    expect(rows).to.deep.equal([{ account_key: 'PA-1', events: 3 }]);
  });
});
