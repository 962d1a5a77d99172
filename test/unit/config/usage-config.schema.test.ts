import { expect } from 'chai';
import { inferUsageFileFormat, UsageConfig } from '../../../src/config/usage-config.schema.ts';
import { usageQueryOf } from '../../../src/warehouse/usage-statements.ts';

const DEMO_SOURCE = { kind: 'files', events: '.sextant/demo/usage/events.csv', licenses: '.sextant/demo/usage/licenses.csv' };

const issuesOf = (input: unknown): string[] => {
  const parsed = UsageConfig.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('UsageConfig (the usage: section of sextant.yaml)', () => {
  it('reads the demo files with nothing but the source, on the demo column names', () => {
    const config = UsageConfig.parse({ source: DEMO_SOURCE });
    expect(config).to.deep.include({ coreFeatures: ['dashboards', 'reports', 'workflows', 'integrations'], lookbackDays: 3, timezone: 'UTC', pageRows: 10_000 });
    const query = usageQueryOf(config);
    expect(query.kind).to.equal('mapping');
    if (query.kind !== 'mapping') return;
    expect(query.tables.events).to.deep.equal({
      table: 'events',
      columns: { accountKey: 'account_key', occurredAt: 'occurred_at', userId: 'user_id', eventType: 'event_type', feature: 'feature', domain: 'account_domain', email: 'user_email' },
      loginEventTypes: ['login'],
      featureEventTypes: ['feature_used'],
    });
    expect(query.tables.licenses).to.deep.equal({ table: 'licenses', columns: { accountKey: 'account_key', licenses: 'licenses_provisioned', name: 'account_name', asOf: 'as_of' } });
  });

  it('joins no licences for files without a licences file, nor for a warehouse without a licences mapping', () => {
    const files = usageQueryOf(UsageConfig.parse({ source: { kind: 'files', events: 'e.parquet' } }));
    const pg = usageQueryOf(UsageConfig.parse({ source: { kind: 'postgres' } }));
    expect(files.kind === 'mapping' && files.tables.licenses).to.equal(undefined);
    expect(pg.kind === 'mapping' && pg.tables.licenses).to.equal(undefined);
    const mapped = usageQueryOf(UsageConfig.parse({ source: { kind: 'postgres' }, licenses: { table: 'seats', columns: { licenses: 'seats', asOf: null } } }));
    expect(mapped.kind === 'mapping' && mapped.tables.licenses).to.deep.equal({ table: 'seats', columns: { accountKey: 'account_key', licenses: 'seats', name: 'account_name', asOf: null } });
  });

  it('fills the mapping\'s other columns with defaults when only some are given', () => {
    const config = UsageConfig.parse({ source: { kind: 'postgres' }, events: { table: 'app.events', columns: { accountKey: 'tenant_id', domain: null } } });
    expect(config.events?.columns).to.deep.include({ accountKey: 'tenant_id', occurredAt: 'occurred_at', domain: null, email: 'user_email' });
  });

  it('takes the user\'s own SQL instead of a mapping', () => {
    const sql = { rollups: 'SELECT 1', accounts: 'SELECT 2' };
    expect(usageQueryOf(UsageConfig.parse({ source: { kind: 'postgres' }, sql }))).to.deep.equal({ kind: 'sql', ...sql });
  });

  const rejected: Array<[string, unknown, string]> = [
    ['sql and a mapping at once', { source: { kind: 'postgres' }, sql: { rollups: 'x', accounts: 'y' }, events: {} }, 'sql: use either sql'],
    ['sql and a licences mapping at once', { source: { kind: 'postgres' }, sql: { rollups: 'x', accounts: 'y' }, licenses: {} }, 'sql: use either sql'],
    ['sql without accounts', { source: { kind: 'postgres' }, sql: { rollups: 'x' } }, 'sql.accounts'],
    ['an unknown source', { source: { kind: 'oracle' } }, 'source.kind'],
    ['a file of unknown format', { source: { kind: 'files', events: 'events.json' } }, 'source.events: cannot tell'],
    ['a licences mapping without a licences file', { source: { kind: 'files', events: 'e.csv' }, licenses: {} }, 'licenses: a licenses mapping needs'],
    ['another time zone', { source: DEMO_SOURCE, timezone: 'Europe/Paris' }, 'timezone'],
    ['an upper-case feature', { source: DEMO_SOURCE, coreFeatures: ['Reports'] }, 'coreFeatures.0'],
    ['a duplicated feature', { source: DEMO_SOURCE, coreFeatures: ['reports', 'reports'] }, 'coreFeatures: feature names must be unique'],
    ['no feature', { source: DEMO_SOURCE, coreFeatures: [] }, 'coreFeatures'],
    ['an unknown key (strict)', { source: DEMO_SOURCE, lookback: 3 }, 'lookback'],
    ['an unknown column key (strict)', { source: DEMO_SOURCE, events: { columns: { account: 'x' } } }, 'events.columns'],
    ['a secret in the file', { source: { kind: 'postgres', url: 'postgres://u:p@h/db' } }, 'source'],
    ['a snowflake source without a warehouse', { source: { kind: 'snowflake', account: 'org-acct', user: 'SEXTANT', database: 'D', schema: 'S' } }, 'source.warehouse'],
    ['a bigquery source without a dataset', { source: { kind: 'bigquery', projectId: 'p' } }, 'source.dataset'],
    ['a 4-part table name', { source: { kind: 'postgres' }, events: { table: 'a.b.c.d' } }, 'events.table'],
    ['no login event type', { source: DEMO_SOURCE, events: { loginEventTypes: [] } }, 'events.loginEventTypes'],
  ];
  for (const [label, input, expected] of rejected) {
    it(`rejects ${label}`, () => {
      expect(issuesOf(input).join('\n')).to.include(expected);
    });
  }

  it('accepts each warehouse with its non-secret options', () => {
    for (const source of [
      { kind: 'postgres', schema: 'analytics' },
      { kind: 'snowflake', account: 'myorg-myaccount', user: 'SEXTANT', warehouse: 'WH', database: 'DB', schema: 'PUBLIC', role: 'READER' },
      { kind: 'bigquery', projectId: 'acme-prod', location: 'EU', dataset: 'product' },
      { kind: 'files', events: 'exports/events-*.parquet', licenses: 'exports/licenses.csv' },
      { kind: 'files', events: 'exports/events', format: 'csv' },
    ]) expect(issuesOf({ source }), source.kind).to.deep.equal([]);
  });

  it('infers the file format from the extension', () => {
    const cases: Array<[string, string | undefined]> = [
      ['a.csv', 'csv'], ['a.CSV', 'csv'], ['a.csv.gz', 'csv'], ['a.tsv', 'csv'], ['a-*.parquet', 'parquet'], ['a.pq', 'parquet'], ['a.json', undefined], ['a', undefined],
    ];
    for (const [file, format] of cases) expect(inferUsageFileFormat(file), file).to.equal(format);
    expect(inferUsageFileFormat('a.json', 'parquet')).to.equal('parquet');
  });
});
