import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { EventsMapping, LicensesMapping } from '../../../../src/config/usage-config.schema.ts';
import { accountsSql } from '../../../../src/warehouse/sql/accounts-sql.ts';
import { rollupSql } from '../../../../src/warehouse/sql/rollup-sql.ts';
import type { UsageTables } from '../../../../src/warehouse/sql/rollup-sql.ts';
import { SQL_DIALECTS } from '../../../../src/warehouse/sql/sql-dialect.ts';
import type { SqlDialectName } from '../../../../src/warehouse/sql/sql-dialect.ts';

/**
 * Golden files: the generated SQL per dialect, reviewed once and then held still, so a change to
 * the generator shows up as a diff in review. SEXTANT_UPDATE_GOLDEN=1 rewrites them. DuckDB's and
 * PostgreSQL's also run for real in test/integration/warehouse; Snowflake's and BigQuery's are
 * checked here only.
 */
const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.SEXTANT_UPDATE_GOLDEN === '1';

const DEMO: UsageTables = {
  events: EventsMapping.parse({}),
  licenses: LicensesMapping.parse({}),
  coreFeatures: ['dashboards', 'reports', 'workflows', 'integrations'],
};

/** A warehouse's own names: qualified tables, mixed case, a space, a quote; no licences, email only. */
const ODD: UsageTables = {
  events: EventsMapping.parse({
    table: 'analytics.Product Events',
    columns: { accountKey: 'Tenant"Id', occurredAt: 'event_ts', userId: 'user', eventType: 'type', feature: 'feature`name', domain: null, email: 'Email Address' },
    loginEventTypes: ['login', "sign'in"],
    featureEventTypes: ['feature_used', 'c:\\path'],
  }),
  licenses: undefined,
  coreFeatures: ['reports'],
};

const golden = (name: string, actual: string): void => {
  const file = path.join(GOLDEN_DIR, `${name}.sql`);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing golden file ${file}: run with SEXTANT_UPDATE_GOLDEN=1 and review it`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, `${actual}\n`);
  }
  expect(actual).to.equal(readFileSync(file, 'utf8').replace(/\n$/, ''));
};

describe('usage SQL per dialect (golden files)', () => {
  const dialects: SqlDialectName[] = ['duckdb', 'postgres', 'snowflake', 'bigquery'];
  for (const name of dialects) {
    const d = SQL_DIALECTS[name];
    it(`${name}: daily rollups over the demo mapping`, () => golden(`${name}-rollups`, rollupSql(d, DEMO).text));
    it(`${name}: usage accounts over the demo mapping`, () => golden(`${name}-accounts`, accountsSql(d, DEMO).text));
    it(`${name}: rollups over odd names, no licence table`, () => golden(`${name}-rollups-odd-names`, rollupSql(d, ODD).text));
    it(`${name}: accounts with the domain from the email only, no licence table`, () => golden(`${name}-accounts-odd-names`, accountsSql(d, ODD).text));
  }

  it('binds each dialect\'s parameters in the order its placeholders need', () => {
    expect(rollupSql(SQL_DIALECTS.duckdb, DEMO).parameters).to.deep.equal(['from', 'to']);
    expect(rollupSql(SQL_DIALECTS.postgres, DEMO).parameters).to.deep.equal(['from', 'to']);
    // `?` binds per occurrence: the event-time prefilter, then the exact day filter.
    expect(rollupSql(SQL_DIALECTS.snowflake, DEMO).parameters).to.deep.equal(['from', 'to', 'from', 'to']);
    expect(rollupSql(SQL_DIALECTS.bigquery, DEMO).parameters).to.deep.equal(['from', 'to']);
    expect(rollupSql(SQL_DIALECTS.snowflake, DEMO).text.match(/\?/g)).to.have.length(4);
    expect(accountsSql(SQL_DIALECTS.bigquery, DEMO).text).to.include('BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)');
  });

  it('never trims or case-folds the account key', () => {
    for (const name of dialects) {
      const sql = `${rollupSql(SQL_DIALECTS[name], DEMO).text}\n${accountsSql(SQL_DIALECTS[name], DEMO).text}`;
      expect(sql, name).not.to.match(/(TRIM|LOWER|UPPER)\([^)]*account_key/i);
    }
  });

  it('emits one feature column per core feature, named feature_<name>', () => {
    const sql = rollupSql(SQL_DIALECTS.postgres, { ...DEMO, coreFeatures: ['reports', 'api_calls'] }).text;
    // Counted per user, then summed per day.
    expect(sql.match(/AS "feature_[a-z_]+"/g)).to.deep.equal(['AS "feature_reports"', 'AS "feature_api_calls"', 'AS "feature_reports"', 'AS "feature_api_calls"']);
    expect(sql).to.match(/SELECT\n {2}"r"\."account_key",[\s\S]*"r"\."feature_reports",\n {2}"r"\."feature_api_calls",/);
  });
});
