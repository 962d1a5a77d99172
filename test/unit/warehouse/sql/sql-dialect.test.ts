import { DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'chai';
import { SQL_DIALECTS, tableReference } from '../../../../src/warehouse/sql/sql-dialect.ts';
import type { SqlDialectName } from '../../../../src/warehouse/sql/sql-dialect.ts';

describe('SQL dialects: quoting', () => {
  const references: Array<[SqlDialectName, string, string]> = [
    ['postgres', 'account_key', '"account_key"'],
    ['postgres', 'Account Key', '"Account Key"'],
    ['postgres', 'say "hi"', '"say ""hi"""'],
    ['postgres', 'select', '"select"'],
    ['duckdb', 'a"b', '"a""b"'],
    // Unquoted Snowflake names resolve upper-cased: quote simple names that way so they still match.
    ['snowflake', 'account_key', '"ACCOUNT_KEY"'],
    ['snowflake', 'Account_Key$2', '"ACCOUNT_KEY$2"'],
    ['snowflake', 'Account Key', '"Account Key"'],
    ['snowflake', 'a"b', '"a""b"'],
    ['snowflake', '1st', '"1st"'],
    ['bigquery', 'account_key', '`account_key`'],
    ['bigquery', 'a`b', '`a\\`b`'],
    ['bigquery', 'a\\b', '`a\\\\b`'],
  ];
  for (const [dialect, name, quoted] of references) {
    it(`${dialect} quotes ${JSON.stringify(name)} as ${quoted}`, () => expect(SQL_DIALECTS[dialect].reference(name)).to.equal(quoted));
  }

  it('keeps our output names lower case in Snowflake (they are aliases, not references)', () => {
    expect(SQL_DIALECTS.snowflake.alias('account_key')).to.equal('"account_key"');
  });

  const literals: Array<[SqlDialectName, string, string]> = [
    ['postgres', "it's", "'it''s'"],
    ['postgres', 'C:\\x', "'C:\\x'"],
    ['duckdb', "it's", "'it''s'"],
    ['snowflake', "it's C:\\x", "'it\\'s C:\\\\x'"],
    ['bigquery', "it's C:\\x", "'it\\'s C:\\\\x'"],
  ];
  for (const [dialect, value, literal] of literals) {
    it(`${dialect} writes the text ${JSON.stringify(value)} as ${literal}`, () => expect(SQL_DIALECTS[dialect].text(value)).to.equal(literal));
  }

  it('quotes each part of a qualified table on its own', () => {
    expect(tableReference(SQL_DIALECTS.postgres, 'analytics.Product Events')).to.equal('"analytics"."Product Events"');
    expect(tableReference(SQL_DIALECTS.snowflake, 'raw.analytics.events')).to.equal('"RAW"."ANALYTICS"."EVENTS"');
    expect(tableReference(SQL_DIALECTS.bigquery, 'my-project.analytics.events')).to.equal('`my-project`.`analytics`.`events`');
  });

  it('takes the UTC day explicitly in every dialect, never the session zone', () => {
    expect(SQL_DIALECTS.duckdb.utcDay('t')).to.equal("(DATE '1970-01-01' + CAST(floor(epoch_us(t) / 86400000000) AS INTEGER))");
    expect(SQL_DIALECTS.postgres.utcDay('t')).to.equal("CAST((t AT TIME ZONE 'UTC') AS DATE)");
    expect(SQL_DIALECTS.snowflake.utcDay('t')).to.equal("CAST(CONVERT_TIMEZONE('UTC', t) AS DATE)");
    expect(SQL_DIALECTS.bigquery.utcDay('t')).to.equal("DATE(t, 'UTC')");
  });

  it("gives DuckDB's UTC day of an instant in any session zone, before 1970 too", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const conn = await instance.connect();
      const instants = ['2026-03-01T00:00:00Z', '2026-02-28T23:59:59.999999Z', '2026-03-01T01:30:00+02:00', '1969-12-31T23:59:59Z', '1969-12-31T00:00:00Z', '1900-03-01T12:00:00-11:00'];
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/New_York']) {
        await conn.run(`SET TimeZone = '${zone}'`);
        const days = await Promise.all(instants.map(async (i) => {
          const r = await conn.runAndReadAll(`SELECT CAST(${SQL_DIALECTS.duckdb.utcDay(SQL_DIALECTS.duckdb.timestamp(SQL_DIALECTS.duckdb.text(i)))} AS VARCHAR) AS day`);
          return (r.getRowObjectsJS()[0] as { day: string }).day;
        }));
        expect(days, zone).to.deep.equal(instants.map((i) => new Date(i).toISOString().slice(0, 10)));
      }
      conn.closeSync();
    } finally {
      instance.closeSync();
    }
  });
});
