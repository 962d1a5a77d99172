import { expect } from 'chai';
import { jwtVerify } from 'jose';
import nock from 'nock';
import { UsageConfig } from '../../../../src/config/usage-config.schema.ts';
import type { UsageSource } from '../../../../src/pipeline/usage-source.port.ts';
import { openUsageSource } from '../../../../src/warehouse/open-usage-source.ts';
import { publicKeyFingerprint } from '../../../../src/warehouse/snowflake/snowflake-auth.ts';
import { SQL_DIALECTS } from '../../../../src/warehouse/sql/sql-dialect.ts';
import { usageQueryOf, usageStatements } from '../../../../src/warehouse/usage-statements.ts';
import { drainRows, FAST, makeTestKey, recorded, rejectionOf } from '../warehouse-test-kit.ts';
import type { Seen } from '../warehouse-test-kit.ts';
import type { TestKey } from '../warehouse-test-kit.ts';
import { column, partitioned, SNOWFLAKE_URL, STATEMENTS_PATH } from './snowflake-bodies.ts';

const RANGE = { from: '2026-02-01', to: '2026-02-28' };
const CONFIG = UsageConfig.parse({
  source: { kind: 'snowflake', account: 'myorg-myaccount', user: 'sextant_svc', warehouse: 'REPORTING_WH', database: 'PRODUCT', schema: 'ANALYTICS', role: 'SEXTANT_READER' },
  licenses: {},
  coreFeatures: ['reports'],
});

describe('Snowflake usage source (SQL API v2, against nock)', () => {
  let key: TestKey;
  let source: UsageSource;
  let seen: Seen[];
  /** Records each request (nock hands the reply function a fetch Request), then answers. */
  const answer = (status: number, body: unknown) => async (req: Request): Promise<[number, unknown]> => {
    seen.push(await recorded(req));
    return [status, body];
  };
  const api = () => nock(SNOWFLAKE_URL);

  before(() => {
    nock.disableNetConnect();
    key = makeTestKey('rsa_key.p8');
  });
  beforeEach(async () => {
    seen = [];
    source = await openUsageSource(CONFIG, { snowflakePrivateKeyFile: key.file }, { ...FAST, snowflakeBaseUrl: SNOWFLAKE_URL });
  });
  afterEach(() => nock.cleanAll());
  after(() => {
    nock.enableNetConnect();
    key.remove();
  });

  it('sends the generated SQL with its bindings and context, signed with a key-pair JWT', async () => {
    const scope = api().post(STATEMENTS_PATH).query(true).reply(answer(200, partitioned([[['PA-1', '20485', '3', '2', '1769904000.000000000 1440', '9', '4', '12']]])));
    await drainRows(source.dailyRollups(RANGE));
    scope.done();
    const request = seen[0]!;
    expect(request.body).to.deep.include({
      statement: usageStatements(usageQueryOf(CONFIG), SQL_DIALECTS.snowflake).rollups.text,
      // The event-time prefilter's two placeholders, then the exact day filter's.
      bindings: { 1: { type: 'TEXT', value: '2026-02-01' }, 2: { type: 'TEXT', value: '2026-02-28' }, 3: { type: 'TEXT', value: '2026-02-01' }, 4: { type: 'TEXT', value: '2026-02-28' } },
      warehouse: 'REPORTING_WH', database: 'PRODUCT', schema: 'ANALYTICS', role: 'SEXTANT_READER', timeout: 600,
    });
    expect(request.body.parameters).to.deep.include({ timezone: 'UTC' });
    expect(request.path).to.match(/^\/api\/v2\/statements\?requestId=[0-9a-f-]{36}$/);
    expect(request.headers['x-snowflake-authorization-token-type']).to.equal('KEYPAIR_JWT');
    const token = String(request.headers.authorization).replace(/^Bearer /, '');
    const { payload, protectedHeader } = await jwtVerify(token, key.publicKey);
    expect(protectedHeader.alg).to.equal('RS256');
    expect(payload.iss).to.equal(`MYORG-MYACCOUNT.SEXTANT_SVC.${publicKeyFingerprint(key.publicKey)}`);
    expect(payload.iss).to.match(/\.SHA256:[A-Za-z0-9+/]{43}=$/);
    expect(payload.sub).to.equal('MYORG-MYACCOUNT.SEXTANT_SVC');
    expect(payload.exp! - payload.iat!).to.be.at.most(3600);
  });

  it('reads every partition of a result, typed by rowType, with lower-case column names', async () => {
    const handle = '01b2c3d4-0000-1111-0000-000000000001';
    const rows = [
      [['PA-1', '20485', '3', '2', '1769904000.123000000 1440', '9', '4', '12']],
      [['pa-1 ', '20486', '1', '0', null, '1', '0', null]],
      [[' PA-2', '20486', '2', '5', '1769990399.999999999', '7', '2', '3']],
    ];
    const scope = api()
      .post(STATEMENTS_PATH).query(true).reply(answer(200, partitioned(rows, handle)))
      .get(`/api/v2/statements/${handle}`).query({ partition: '1' }).reply(answer(200, { data: rows[1] }))
      .get(`/api/v2/statements/${handle}`).query({ partition: '2' }).reply(answer(200, { data: rows[2] }));
    const result = await drainRows(source.dailyRollups(RANGE));
    scope.done();
    expect(result.pages).to.equal(3);
    expect(result.rows.map((r) => r.account_key)).to.deep.equal(['PA-1', 'pa-1 ', ' PA-2']);
    expect(result.rows[0]).to.deep.equal({
      account_key: 'PA-1', day: '2026-02-01', active_users: 3, logins: 2, last_login_at: new Date('2026-02-01T00:00:00.123Z'),
      events: 9, feature_reports: 4, licenses: 12,
    });
    expect(result.rows[1]).to.deep.include({ day: '2026-02-02', last_login_at: null, licenses: null });
    expect((result.rows[2]!.last_login_at as Date).toISOString()).to.equal('2026-02-01T23:59:59.999Z');
  });

  it('polls a statement that answers 202 until it answers 200', async () => {
    const handle = '01b2c3d4-0000-1111-0000-000000000002';
    const running = { code: '333334', message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.', statementHandle: handle, statementStatusUrl: `/api/v2/statements/${handle}` };
    const scope = api()
      .post(STATEMENTS_PATH).query(true).reply(answer(202, running))
      .get(`/api/v2/statements/${handle}`).reply(answer(202, running))
      .get(`/api/v2/statements/${handle}`).reply(answer(200, partitioned([[['PA-1', '20485', '1', '1', null, '1', '0', '5']]], handle)));
    const result = await drainRows(source.dailyRollups(RANGE));
    scope.done();
    expect(result.rows).to.have.length(1);
    expect(seen.map((s) => s.path)).to.deep.equal([seen[0]!.path, `/api/v2/statements/${handle}`, `/api/v2/statements/${handle}`]);
  });

  it('retries a 503 with the same requestId and retry=true, then succeeds', async () => {
    const scope = api()
      .post(STATEMENTS_PATH).query(true).reply(answer(503, 'Service Unavailable'))
      .post(STATEMENTS_PATH).query(true).reply(answer(200, partitioned([[['PA-1', '20485', '1', '1', null, '1', '0', '5']]])));
    const result = await drainRows(source.dailyRollups(RANGE));
    scope.done();
    expect(result.rows).to.have.length(1);
    const [first, second] = seen.map((s) => new URL(s.path, SNOWFLAKE_URL).searchParams);
    expect(second!.get('requestId')).to.equal(first!.get('requestId'));
    expect(first!.get('retry')).to.equal(null);
    expect(second!.get('retry')).to.equal('true');
  });

  it('retries a reset connection', async () => {
    const scope = api()
      .post(STATEMENTS_PATH).query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post(STATEMENTS_PATH).query(true).reply(answer(200, partitioned([[['PA-1', '20485', '1', '1', null, '1', '0', '5']]])));
    expect((await drainRows(source.dailyRollups(RANGE))).rows).to.have.length(1);
    scope.done();
  });

  it('gives up after the retries with WAREHOUSE_UNAVAILABLE (transient)', async () => {
    const scope = api().post(STATEMENTS_PATH).query(true).times(3).reply(answer(429, { code: '000000', message: 'Too many requests' }));
    const err = await rejectionOf(() => drainRows(source.dailyRollups(RANGE)));
    scope.done();
    expect(err.code).to.equal('WAREHOUSE_UNAVAILABLE');
    expect(err.kind).to.equal('transient');
  });

  const failures: Array<[string, number, unknown, string, string]> = [
    ['a refused JWT', 401, { code: '390144', message: 'JWT token is invalid.' }, 'WAREHOUSE_AUTH_FAILED', 'auth'],
    ['a SQL compilation error', 422, {
      code: '002003', sqlState: '42S02', message: "SQL compilation error:\nObject 'PRODUCT.ANALYTICS.EVENTS' does not exist or not authorized.", statementHandle: '01b2', statementStatusUrl: '/api/v2/statements/01b2',
    }, 'WAREHOUSE_QUERY_FAILED', 'config'],
    ['a failure on the data', 422, { code: '100035', sqlState: '22007', message: "Timestamp 'yesterday' is not recognized", statementHandle: '01b3' }, 'WAREHOUSE_QUERY_FAILED', 'data'],
    ['a statement timeout', 408, { code: '000630', sqlState: '57014', message: 'Statement reached its statement or warehouse timeout of 600 second(s) and was canceled.' }, 'WAREHOUSE_QUERY_TIMEOUT', 'transient'],
  ];
  for (const [label, status, body, code, kind] of failures) {
    it(`turns ${label} (HTTP ${status}) into ${code} (${kind}) without retrying`, async () => {
      const scope = api().post(STATEMENTS_PATH).query(true).reply(answer(status, body));
      const err = await rejectionOf(() => drainRows(source.dailyRollups(RANGE)));
      scope.done();
      expect(seen).to.have.length(1);
      expect(err.code).to.equal(code);
      expect(err.kind).to.equal(kind);
    });
  }

  it('sends an OAuth token as such', async () => {
    const oauth = await openUsageSource(CONFIG, { snowflakeToken: 'oauth-access-token' }, { ...FAST, snowflakeBaseUrl: SNOWFLAKE_URL });
    const rowType = [column('account_key', 'text'), column('domain', 'text'), column('name', 'text'), column('licenses', 'fixed')];
    const scope = api().post(STATEMENTS_PATH).query(true).reply(answer(200, partitioned([[['PA-1', 'acme.io', 'Acme', '40']]], undefined, rowType)));
    const result = await drainRows(oauth.usageAccounts(RANGE));
    scope.done();
    expect(result.rows).to.deep.equal([{ account_key: 'PA-1', domain: 'acme.io', name: 'Acme', licenses: 40 }]);
    expect(seen[0]!.headers.authorization).to.equal('Bearer oauth-access-token');
    expect(seen[0]!.headers['x-snowflake-authorization-token-type']).to.equal('OAUTH');
    expect(seen[0]!.body.statement).to.equal(usageStatements(usageQueryOf(CONFIG), SQL_DIALECTS.snowflake).accounts.text);
  });
});
