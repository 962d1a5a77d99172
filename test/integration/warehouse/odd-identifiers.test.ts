import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'chai';
import pg from 'pg';
import { EventsMapping } from '../../../src/config/usage-config.schema.ts';
import { accountsSql } from '../../../src/warehouse/sql/accounts-sql.ts';
import { rollupSql } from '../../../src/warehouse/sql/rollup-sql.ts';
import type { UsageTables } from '../../../src/warehouse/sql/rollup-sql.ts';
import { SQL_DIALECTS } from '../../../src/warehouse/sql/sql-dialect.ts';
import type { BoundSql } from '../../../src/warehouse/sql/bind-parameters.ts';
import { parameterValues } from '../../../src/warehouse/usage-statements.ts';

/**
 * The generated SQL over names a warehouse may really have (a space, a double quote, a backtick,
 * a reserved word, a quote and a backslash in event types) runs on real DuckDB and PostgreSQL:
 * quoting that only looks right in a golden file is not enough.
 */
const TABLES: UsageTables = {
  events: EventsMapping.parse({
    table: 'analytics.Product Events',
    columns: { accountKey: 'Tenant"Id', occurredAt: 'event_ts', userId: 'user', eventType: 'type', feature: 'feature`name', domain: null, email: 'Email Address' },
    loginEventTypes: ['login', "sign'in"],
    featureEventTypes: ['c:\\used'],
  }),
  licenses: undefined,
  coreFeatures: ['reports'],
};
const RANGE = { from: '2026-02-01', to: '2026-02-28' };
const CREATE = `CREATE SCHEMA analytics;
  CREATE TABLE analytics."Product Events" ("Tenant""Id" TEXT, event_ts TIMESTAMPTZ, "user" TEXT, type TEXT, "feature\`name" TEXT, "Email Address" TEXT)`;
const ROWS = [
  ['T1', '2026-02-03T10:00:00Z', 'a', "sign'in", null, 'a@Acme.io'],
  ['T1', '2026-02-03T11:00:00Z', 'b', 'c:\\used', 'reports', 'b@acme.io'],
  ['T1', '2026-02-03T12:00:00Z', 'b', 'login', null, 'b@acme.io'],
];
const INSERT = 'INSERT INTO analytics."Product Events" VALUES ($1, CAST($2 AS TIMESTAMPTZ), $3, $4, $5, $6)';

const expectAnswers = (rollups: Record<string, unknown>[], accounts: Record<string, unknown>[]): void => {
  expect(rollups).to.have.length(1);
  expect(rollups[0]).to.deep.include({ account_key: 'T1' });
  expect(Number(rollups[0]!.logins)).to.equal(2);
  expect(Number(rollups[0]!.feature_reports)).to.equal(1);
  expect(Number(rollups[0]!.active_users)).to.equal(2);
  expect(accounts).to.deep.equal([{ account_key: 'T1', domain: 'acme.io', name: null, licenses: null }]);
};

describe('warehouse SQL over odd identifiers runs on real engines', function () {
  this.timeout(60_000);

  it('DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(CREATE);
      for (const row of ROWS) await conn.run(INSERT, row);
      const run = async (sql: BoundSql) => (await conn.runAndReadAll(sql.text, parameterValues(sql, RANGE))).getRowObjectsJS();
      expectAnswers(await run(rollupSql(SQL_DIALECTS.duckdb, TABLES)), await run(accountsSql(SQL_DIALECTS.duckdb, TABLES)));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('PostgreSQL', async () => {
    const admin = process.env.SEXTANT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `sextant_usage_${randomBytes(6).toString('hex')}`;
    const adminClient = new pg.Client({ connectionString: admin });
    await adminClient.connect();
    await adminClient.query(`create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      await client.query(CREATE);
      for (const row of ROWS) await client.query(INSERT, row);
      const run = async (sql: BoundSql) => (await client.query(sql.text, parameterValues(sql, RANGE))).rows as Record<string, unknown>[];
      expectAnswers(await run(rollupSql(SQL_DIALECTS.postgres, TABLES)), await run(accountsSql(SQL_DIALECTS.postgres, TABLES)));
    } finally {
      await client.end();
      await adminClient.query(`drop database if exists ${name} with (force)`);
      await adminClient.end();
    }
  });
});
