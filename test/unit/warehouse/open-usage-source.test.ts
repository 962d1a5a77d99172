import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { UsageConfig } from '../../../src/config/usage-config.schema.ts';
import { openUsageSource } from '../../../src/warehouse/open-usage-source.ts';
import { jwtAccountName, SnowflakeAuth } from '../../../src/warehouse/snowflake/snowflake-auth.ts';
import { FAST, makeTestKey, rejectionOf } from './warehouse-test-kit.ts';

const SNOWFLAKE = UsageConfig.parse({ source: { kind: 'snowflake', account: 'xy12345.us-east-1', user: 'svc', warehouse: 'WH', database: 'DB', schema: 'S' } });
const BIGQUERY = UsageConfig.parse({ source: { kind: 'bigquery', projectId: 'p', dataset: 'd' } });

describe('openUsageSource: choosing the adapter and its credentials', () => {
  it('opens each HTTP warehouse with its kind', async () => {
    expect((await openUsageSource(SNOWFLAKE, { snowflakeToken: 't' }, FAST)).kind).to.equal('snowflake');
    expect((await openUsageSource(BIGQUERY, { bigqueryAccessToken: 't' }, FAST)).kind).to.equal('bigquery');
  });

  const missing: Array<[string, UsageConfig, string]> = [
    ['Snowflake without a key or token', SNOWFLAKE, 'SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE'],
    ['BigQuery without a key file or token', BIGQUERY, 'SEXTANT_BIGQUERY_KEY_FILE'],
    ['PostgreSQL without a URL', UsageConfig.parse({ source: { kind: 'postgres' } }), 'SEXTANT_USAGE_DATABASE_URL'],
  ];
  for (const [label, config, variable] of missing) {
    it(`refuses ${label} with WAREHOUSE_CREDENTIALS_MISSING naming ${variable}`, async () => {
      const err = await rejectionOf(() => openUsageSource(config, {}, FAST));
      expect(err.code).to.equal('WAREHOUSE_CREDENTIALS_MISSING');
      expect(err.kind).to.equal('config');
      expect(err.path).to.equal(variable);
    });
  }

  const invalid: Array<[string, UsageConfig, (file: string) => Record<string, string>, (pem: string) => string]> = [
    ['a Snowflake key file that does not exist', SNOWFLAKE, (f) => ({ snowflakePrivateKeyFile: `${f}.missing` }), (pem) => pem],
    ['a Snowflake key file that is not a key', SNOWFLAKE, (f) => ({ snowflakePrivateKeyFile: f }), () => 'not a key'],
    ['a BigQuery key file that is not JSON', BIGQUERY, (f) => ({ bigqueryKeyFile: f }), () => 'not json'],
    ['a BigQuery key file without client_email', BIGQUERY, (f) => ({ bigqueryKeyFile: f }), (pem) => JSON.stringify({ private_key: pem })],
    ['a BigQuery key whose private_key is not a key', BIGQUERY, (f) => ({ bigqueryKeyFile: f }), () => JSON.stringify({ client_email: 'a@b', private_key: 'nope' })],
  ];
  for (const [label, config, secrets, content] of invalid) {
    it(`refuses ${label} with WAREHOUSE_CREDENTIALS_INVALID`, async () => {
      const key = makeTestKey('key', content);
      try {
        const err = await rejectionOf(() => openUsageSource(config, secrets(key.file), FAST));
        expect(err.code).to.equal('WAREHOUSE_CREDENTIALS_INVALID');
        expect(err.kind).to.equal('config');
      } finally {
        key.remove();
      }
    });
  }
});

describe('SnowflakeAuth', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('names the account without its region, upper-cased', () => {
    expect(jwtAccountName('xy12345.us-east-1')).to.equal('XY12345');
    expect(jwtAccountName('myorg-myaccount')).to.equal('MYORG-MYACCOUNT');
  });

  it('reads an encrypted key with its passphrase', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
    const auth = new SnowflakeAuth('acct', 'svc', { kind: 'keypair', privateKeyPem: pem, passphrase: 'secret' });
    expect((await auth.headers()).Authorization).to.match(/^Bearer ey/);
    expect(() => new SnowflakeAuth('acct', 'svc', { kind: 'keypair', privateKeyPem: pem })).to.throw().with.property('code', 'WAREHOUSE_CREDENTIALS_INVALID');
  });

  it('reuses its JWT until five minutes before it expires, then signs a new one', async () => {
    let now = Date.UTC(2026, 2, 2, 6, 0, 0);
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const auth = new SnowflakeAuth('acct', 'svc', { kind: 'keypair', privateKeyPem: pem }, () => now);
    const first = (await auth.headers()).Authorization;
    now += 50 * 60_000;
    expect((await auth.headers()).Authorization).to.equal(first);
    now += 5 * 60_000;
    const renewed = (await auth.headers()).Authorization;
    expect(renewed).not.to.equal(first);
    expect(decodeJwt(renewed.slice('Bearer '.length)).iat).to.equal(Math.floor(now / 1000));
  });
});
