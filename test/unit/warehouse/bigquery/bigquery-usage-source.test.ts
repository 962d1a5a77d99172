import { expect } from 'chai';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import nock from 'nock';
import { UsageConfig } from '../../../../src/config/usage-config.schema.ts';
import { openUsageSource } from '../../../../src/warehouse/open-usage-source.ts';
import { SQL_DIALECTS } from '../../../../src/warehouse/sql/sql-dialect.ts';
import { usageQueryOf, usageStatements } from '../../../../src/warehouse/usage-statements.ts';
import { drainRows, FAST, makeTestKey, recorded, rejectionOf } from '../warehouse-test-kit.ts';
import type { Seen, TestKey } from '../warehouse-test-kit.ts';
import { BASE_PATH, BIGQUERY_URL, bqError, bqRow, JOB, pending, PROJECT, resultsPage } from './bigquery-bodies.ts';

const RANGE = { from: '2026-02-01', to: '2026-02-28' };
const CONFIG = UsageConfig.parse({
  source: { kind: 'bigquery', projectId: PROJECT, location: 'EU', dataset: 'product' },
  licenses: {},
  coreFeatures: ['reports'],
  pageRows: 500,
});
const TOKEN_URL = 'https://oauth2.googleapis.com';
const QUERIES = `${BASE_PATH}/projects/${PROJECT}/queries`;
const RESULTS = `${QUERIES}/${JOB.jobId}`;

describe('BigQuery usage source (jobs.query, against nock)', () => {
  let key: TestKey;
  let seen: Seen[];
  const answer = (status: number, body: unknown) => async (req: Request): Promise<[number, unknown]> => {
    seen.push(await recorded(req));
    return [status, body];
  };
  const open = (secrets: Record<string, string> = { bigqueryAccessToken: 'ya29.given' }) => openUsageSource(CONFIG, secrets, FAST);
  const api = () => nock(BIGQUERY_URL);
  const oneRow = bqRow('PA-1', '2026-02-01', '3', '2', '1.7699076E9', '9', '4', '12');

  before(() => {
    nock.disableNetConnect();
    key = makeTestKey('service-account.json', (pem) => JSON.stringify({
      type: 'service_account', project_id: PROJECT, private_key_id: 'kid-123', private_key: pem,
      client_email: 'sextant@acme-prod.iam.gserviceaccount.com', client_id: '1', token_uri: `${TOKEN_URL}/token`,
    }));
  });
  beforeEach(() => {
    seen = [];
  });
  afterEach(() => nock.cleanAll());
  after(() => {
    nock.enableNetConnect();
    key.remove();
  });

  it('sends the generated SQL with named DATE parameters, polls while jobComplete is false, then pages with pageToken', async () => {
    const scope = api()
      .post(QUERIES).reply(answer(200, pending()))
      .get(RESULTS).query(true).reply(answer(200, { kind: 'bigquery#getQueryResultsResponse', jobReference: JOB, jobComplete: false }))
      .get(RESULTS).query(true).reply(answer(200, resultsPage([oneRow, bqRow('pa-1 ', '2026-02-02', '1', '0', null, '1', '0', null)], 'page-2-token')))
      .get(RESULTS).query(true).reply(answer(200, resultsPage([bqRow(' PA-2', '2026-02-02', '2', '5', '1.769990399999999E9', '7', '2', '3')])));
    const result = await drainRows((await open()).dailyRollups(RANGE));
    scope.done();

    const query = seen[0]!.body;
    expect(query).to.deep.include({
      query: usageStatements(usageQueryOf(CONFIG), SQL_DIALECTS.bigquery).rollups.text,
      useLegacySql: false, parameterMode: 'NAMED', location: 'EU', maxResults: 500,
      defaultDataset: { projectId: PROJECT, datasetId: 'product' },
    });
    expect(query.queryParameters).to.deep.equal([
      { name: 'from', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-02-01' } },
      { name: 'to', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-02-28' } },
    ]);
    expect(seen[0]!.headers.authorization).to.equal('Bearer ya29.given');
    const polls = seen.slice(1).map((s) => new URL(s.path, BIGQUERY_URL).searchParams);
    expect(polls.map((p) => p.get('location'))).to.deep.equal(['EU', 'EU', 'EU']);
    expect(polls.map((p) => p.get('pageToken'))).to.deep.equal([null, null, 'page-2-token']);
    expect(polls[0]!.get('maxResults')).to.equal('500');

    expect(result.pages).to.equal(2);
    expect(result.rows[0]).to.deep.equal({
      account_key: 'PA-1', day: '2026-02-01', active_users: 3, logins: 2, last_login_at: new Date('2026-02-01T01:00:00.000Z'),
      events: 9, feature_reports: 4, licenses: 12,
    });
    expect(result.rows[1]).to.deep.include({ account_key: 'pa-1 ', last_login_at: null, licenses: null });
    expect((result.rows[2]!.last_login_at as Date).toISOString()).to.equal('2026-02-01T23:59:59.999Z');
  });

  it('takes rows straight from jobs.query when the job completes at once', async () => {
    const scope = api().post(QUERIES).reply(answer(200, resultsPage([oneRow], undefined, 'bigquery#queryResponse')));
    const result = await drainRows((await open()).dailyRollups(RANGE));
    scope.done();
    expect(result.rows).to.have.length(1);
  });

  it('gets a token with a service-account JWT-bearer grant, once, and uses it', async () => {
    const tokens = nock(TOKEN_URL).post('/token').reply(answer(200, { access_token: 'ya29.minted', expires_in: 3599, token_type: 'Bearer' }));
    const scope = api()
      .post(QUERIES).reply(answer(200, resultsPage([oneRow], undefined, 'bigquery#queryResponse')))
      .post(QUERIES).reply(answer(200, resultsPage([oneRow], undefined, 'bigquery#queryResponse')));
    const source = await open({ bigqueryKeyFile: key.file });
    await drainRows(source.dailyRollups(RANGE));
    await drainRows(source.dailyRollups(RANGE));
    tokens.done();
    scope.done();
    const form = new URLSearchParams(seen[0]!.text);
    expect(form.get('grant_type')).to.equal('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = form.get('assertion')!;
    const { payload } = await jwtVerify(assertion, key.publicKey, { audience: `${TOKEN_URL}/token`, issuer: 'sextant@acme-prod.iam.gserviceaccount.com' });
    expect(payload.scope).to.equal('https://www.googleapis.com/auth/bigquery');
    expect(payload.exp! - payload.iat!).to.be.at.most(3600);
    expect(decodeProtectedHeader(assertion)).to.deep.include({ alg: 'RS256', kid: 'kid-123' });
    expect(seen.slice(1).map((s) => s.headers.authorization)).to.deep.equal(['Bearer ya29.minted', 'Bearer ya29.minted']);
  });

  it('reports a refused grant as WAREHOUSE_AUTH_FAILED', async () => {
    const tokens = nock(TOKEN_URL).post('/token').reply(answer(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }));
    const err = await rejectionOf(async () => drainRows((await open({ bigqueryKeyFile: key.file })).dailyRollups(RANGE)));
    tokens.done();
    expect(err.code).to.equal('WAREHOUSE_AUTH_FAILED');
    expect(err.kind).to.equal('auth');
  });

  it('retries a 503, then succeeds', async () => {
    const scope = api()
      .post(QUERIES).reply(answer(503, bqError(503, 'backendError', 'Backend error. Please try again.', 'UNAVAILABLE')))
      .post(QUERIES).reply(answer(200, resultsPage([oneRow], undefined, 'bigquery#queryResponse')));
    const result = await drainRows((await open()).dailyRollups(RANGE));
    scope.done();
    expect(result.rows).to.have.length(1);
    // The same requestId: BigQuery returns the first attempt's job instead of starting another.
    expect(seen[1]!.body.requestId).to.equal(seen[0]!.body.requestId);
  });

  it('retries a rate limit (403 rateLimitExceeded) on getQueryResults', async () => {
    const scope = api()
      .post(QUERIES).reply(answer(200, pending()))
      .get(RESULTS).query(true).reply(answer(403, bqError(403, 'rateLimitExceeded', 'Exceeded rate limits: too many api requests per user per method', 'PERMISSION_DENIED')))
      .get(RESULTS).query(true).reply(answer(200, resultsPage([oneRow])));
    expect((await drainRows((await open()).dailyRollups(RANGE))).rows).to.have.length(1);
    scope.done();
  });

  it('gives up after the retries with WAREHOUSE_UNAVAILABLE (transient)', async () => {
    const scope = api().post(QUERIES).times(3).reply(answer(500, bqError(500, 'internalError', 'Internal error encountered.', 'INTERNAL')));
    const err = await rejectionOf(async () => drainRows((await open()).dailyRollups(RANGE)));
    scope.done();
    expect(err.code).to.equal('WAREHOUSE_UNAVAILABLE');
    expect(err.kind).to.equal('transient');
  });

  const failures: Array<[string, number, unknown, string, string]> = [
    ['an expired token', 401, bqError(401, 'authError', 'Request had invalid authentication credentials.', 'UNAUTHENTICATED'), 'WAREHOUSE_AUTH_FAILED', 'auth'],
    ['a missing permission', 403, bqError(403, 'accessDenied', 'Access Denied: Project acme-prod: User does not have bigquery.jobs.create permission', 'PERMISSION_DENIED'), 'WAREHOUSE_AUTH_FAILED', 'auth'],
    ['a spent quota', 403, bqError(403, 'quotaExceeded', 'Quota exceeded: Your project exceeded quota for free query bytes scanned.', 'PERMISSION_DENIED'), 'WAREHOUSE_QUOTA_EXCEEDED', 'quota'],
    ['a SQL compilation error', 400, bqError(400, 'invalidQuery', 'Unrecognized name: occurred_at at [6:35]'), 'WAREHOUSE_QUERY_FAILED', 'config'],
    ['a missing table', 404, bqError(404, 'notFound', 'Not found: Table acme-prod:product.events was not found in location EU', 'NOT_FOUND'), 'WAREHOUSE_QUERY_FAILED', 'config'],
    ['a failure on the data', 400, bqError(400, 'invalidQuery', "Invalid timestamp: 'yesterday'"), 'WAREHOUSE_QUERY_FAILED', 'data'],
  ];
  for (const [label, status, body, code, kind] of failures) {
    it(`turns ${label} (HTTP ${status}) into ${code} (${kind}) without retrying`, async () => {
      const scope = api().post(QUERIES).reply(answer(status, body));
      const err = await rejectionOf(async () => drainRows((await open()).dailyRollups(RANGE)));
      scope.done();
      expect(seen).to.have.length(1);
      expect(err.code).to.equal(code);
      expect(err.kind).to.equal(kind);
    });
  }

  it('sends the accounts query for usage accounts', async () => {
    const fields = [{ name: 'account_key', type: 'STRING' }, { name: 'domain', type: 'STRING' }, { name: 'name', type: 'STRING' }, { name: 'licenses', type: 'INT64' }];
    const scope = api().post(QUERIES).reply(answer(200, { ...resultsPage([bqRow('PA-1', 'acme.io', 'Acme', '40')], undefined, 'bigquery#queryResponse'), schema: { fields } }));
    const result = await drainRows((await open()).usageAccounts(RANGE));
    scope.done();
    expect(result.rows).to.deep.equal([{ account_key: 'PA-1', domain: 'acme.io', name: 'Acme', licenses: 40 }]);
    expect(seen[0]!.body.query).to.equal(usageStatements(usageQueryOf(CONFIG), SQL_DIALECTS.bigquery).accounts.text);
  });
});
