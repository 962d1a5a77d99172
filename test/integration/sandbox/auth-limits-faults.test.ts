import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Connection } from '@jsforce/jsforce-node';
import { AuthInfo, Connection as SfConnection } from '@salesforce/core';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { admin, API_VERSION, passwordConnection, rejectionOf, tokenConnection, withSandbox } from '../support/sandbox-fixture.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyDir = mkdtempSync(path.join(tmpdir(), 'sextant-jwt-'));
const keyFile = path.join(keyDir, 'server.key');
writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));

describe('sandbox: OAuth flows', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await withSandbox({ jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }) as string });
  });
  after(() => sandbox.close());

  it('logs in with the username-password flow and refuses a bad password with invalid_grant', async () => {
    const conn = await passwordConnection(sandbox);
    expect(conn.accessToken).to.match(/^00D\w{12,15}!/);
    const identity = await conn.identity();
    expect(identity.username).to.equal(sandbox.org.login.username);
    const info = sandbox.connectionInfo();
    const bad = new Connection({ loginUrl: info.loginUrl, version: API_VERSION, oauth2: { loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret } });
    const err = await rejectionOf(() => bad.login(info.username, 'wrong'));
    expect(err.name).to.equal('invalid_grant');
  });

  it('logs in with @salesforce/core JWT bearer flow, and refuses a key the org does not trust', async () => {
    const info = sandbox.connectionInfo();
    const authInfo = await AuthInfo.create({ username: info.username, oauth2Options: { clientId: info.clientId, loginUrl: info.loginUrl, privateKeyFile: keyFile } });
    const conn = await SfConnection.create({ authInfo, connectionOptions: { version: API_VERSION } });
    const res = await conn.query<{ Username: string }>('SELECT Username FROM User');
    expect(res.records.map((r) => r.Username)).to.include(info.username);

    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const otherFile = path.join(keyDir, 'other.key');
    writeFileSync(otherFile, other.export({ type: 'pkcs8', format: 'pem' }));
    const err = await rejectionOf(() => AuthInfo.create({ username: 'someone@else.test', oauth2Options: { clientId: info.clientId, loginUrl: info.loginUrl, privateKeyFile: otherFile } }));
    expect(err.name).to.equal('JwtAuthError');
    expect(err.message).to.contain('invalid assertion');
  });

  it('connects with a raw access token, as @salesforce/core does for SF_ACCESS_TOKEN', async () => {
    const authInfo = await AuthInfo.create({ username: sandbox.accessToken, accessTokenOptions: { accessToken: sandbox.accessToken, instanceUrl: sandbox.server.url } });
    const conn = await SfConnection.create({ authInfo, connectionOptions: { version: API_VERSION } });
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).to.equal(1);
  });

  it('re-logs in after a 401 INVALID_SESSION_ID and replays the request', async () => {
    const conn = await passwordConnection(sandbox);
    const firstToken = conn.accessToken;
    await admin(sandbox, { action: 'revoke-sessions' });
    const res = await conn.query('SELECT Id FROM Organization');
    expect(res.totalSize).to.equal(1);
    expect(conn.accessToken).to.not.equal(firstToken);
  });

  it('a revoked raw token with no way to refresh surfaces INVALID_SESSION_ID', async () => {
    const conn = new Connection({ instanceUrl: sandbox.server.url, accessToken: sandbox.org.sessions.issue(sandbox.org.adminUserId).accessToken, version: API_VERSION });
    await admin(sandbox, { action: 'revoke-sessions' });
    const err = await rejectionOf(() => conn.query('SELECT Id FROM Organization'));
    expect(err.name).to.equal('INVALID_SESSION_ID');
  });
});

describe('sandbox: API limits accounting', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await withSandbox({ dailyApiMax: 50 });
  });
  after(() => sandbox.close());

  it('counts every data call (not OAuth) in Sforce-Limit-Info and /limits, and refuses past the maximum', async () => {
    const conn = await passwordConnection(sandbox);
    expect(sandbox.org.usage.used()).to.equal(0); // the token request is free
    const res = await fetch(`${sandbox.server.url}/services/data/v62.0/sobjects`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(res.headers.get('sforce-limit-info')).to.equal('api-usage=1/50');
    const limits = (await conn.request('/services/data/v62.0/limits')) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests).to.deep.equal({ Max: 50, Remaining: 48 });
    await admin(sandbox, { action: 'consume-api', calls: 48 });
    const err = await rejectionOf(() => conn.query('SELECT Id FROM Organization'));
    expect(err.name).to.equal('REQUEST_LIMIT_EXCEEDED');
    // The rolling 24 h window frees the calls again.
    await admin(sandbox, { action: 'clock', advanceMs: 24 * 3600 * 1000 + 1000 });
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).to.equal(1);
  });
});

describe('sandbox: injected faults surface as Salesforce would send them', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;
  before(async () => {
    sandbox = await withSandbox();
    conn = tokenConnection(sandbox);
  });
  afterEach(() => admin(sandbox, { action: 'faults', plan: { rules: [] } }));
  after(() => sandbox.close());

  const always = (fault: string, routes = 'any'): Record<string, unknown> => ({ action: 'faults', plan: { seed: 7, rules: [{ routes, fault, rate: 1 }] } });

  it('503 → jsforce retries GETs, then ERROR_HTTP_503', async () => {
    await admin(sandbox, always('http-503'));
    const started = Date.now();
    const err = await rejectionOf(() => conn.request({ method: 'GET', url: '/services/data/v62.0/limits' }, { retry: { maxRetries: 1, minTimeout: 10 } } as never));
    expect(err.name).to.equal('ERROR_HTTP_503');
    expect(sandbox.org.faults.counts.get('http-503')).to.equal(2);
    expect(Date.now() - started).to.be.lessThan(5000);
  });

  for (const [fault, code] of [['http-429', 'ERROR_HTTP_429'], ['http-420', 'ERROR_HTTP_420']] as const) {
    it(`${fault} on a POST (never retried by jsforce) → ${code}`, async () => {
      await admin(sandbox, always(fault));
      const err = await rejectionOf(() => conn.sobject('Account').create({ Name: 'x' }));
      expect(err.name).to.equal(code);
      expect(sandbox.org.faults.counts.get(fault)).to.equal(1);
    });
  }

  it('REQUEST_LIMIT_EXCEEDED (403), not retried', async () => {
    await admin(sandbox, always('request-limit'));
    const err = await rejectionOf(() => conn.query('SELECT Id FROM Account'));
    expect(err.name).to.equal('REQUEST_LIMIT_EXCEEDED');
    expect(sandbox.org.faults.counts.get('request-limit')).to.equal(1);
  });

  it('UNABLE_TO_LOCK_ROW on writes only', async () => {
    await admin(sandbox, always('lock-row'));
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).to.equal(1);
    const err = await rejectionOf(() => conn.sobject('Account').create({ Name: 'locked' }));
    expect(err.name).to.equal('UNABLE_TO_LOCK_ROW');
  });

  it('QUERY_TIMEOUT on queries', async () => {
    await admin(sandbox, always('query-timeout', 'query'));
    const err = await rejectionOf(() => conn.query('SELECT Id FROM Account'));
    expect(err.name).to.equal('QUERY_TIMEOUT');
  });

  it('a connection reset mid-body reaches the client as a socket error', async () => {
    await admin(sandbox, always('reset'));
    const err = await rejectionOf(() => fetch(`${sandbox.server.url}/services/data/v62.0/sobjects`, { headers: { Authorization: `Bearer ${sandbox.accessToken}` } }).then((r) => r.text()));
    expect(err).to.be.instanceOf(Error);
  });

  it('added latency delays but answers', async () => {
    await admin(sandbox, { action: 'faults', plan: { rules: [{ fault: 'latency', rate: 1, latencyMs: 150 }] } });
    const started = Date.now();
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).to.equal(1);
    expect(Date.now() - started).to.be.greaterThanOrEqual(140);
  });

  it('is reproducible: the same seed injects on the same requests', async () => {
    const pattern = async (): Promise<boolean[]> => {
      await admin(sandbox, { action: 'faults', plan: { seed: 42, rules: [{ fault: 'http-500', rate: 0.5 }] } });
      const outcomes: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${sandbox.server.url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${sandbox.accessToken}` } });
        outcomes.push(res.ok);
      }
      return outcomes;
    };
    const a = await pattern();
    expect(a).to.include(true).and.to.include(false);
    expect(await pattern()).to.deep.equal(a);
  });

  it('a bad fault plan is refused', async () => {
    const err = await rejectionOf(() => admin(sandbox, { action: 'faults', plan: { rules: [{ fault: 'meteor', rate: 1 }] } }));
    expect(err.message).to.contain('400');
  });
});
