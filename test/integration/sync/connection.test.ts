import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { AuthInfo } from '@salesforce/core';
import { openConnection, type ConnectionSettings } from '../../../src/salesforce/sf-connection.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { admin } from '../support/sandbox-fixture.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'sextant-jwt-')), 'server.key');
writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));

const failure = async (p: Promise<unknown>): Promise<SextantError> => {
  try {
    await p;
  } catch (err) {
    return err as SextantError;
  }
  throw new Error('expected a failure');
};

describe('connection modes (the DESIGN.md contract)', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let base: ConnectionSettings;
  before(async () => {
    // A username of its own: other suites store sf CLI auths for the default one in this HOME.
    sandbox = await startSandbox({ seed: 'empty', username: `conn-${process.pid}@sextant.sandbox`, jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }) as string });
    base = { SF_API_VERSION: '62.0' };
  });
  after(() => sandbox.close());

  const orgCount = async (settings: ConnectionSettings): Promise<number> => {
    const conn = await openConnection(settings);
    expect(conn.version).to.equal('62.0');
    return (await conn.query('SELECT Id FROM Organization')).totalSize;
  };

  it('SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD (+ client id/secret): username-password flow', async () => {
    const i = sandbox.connectionInfo();
    expect(await orgCount({ ...base, SF_LOGIN_URL: i.loginUrl, SF_USERNAME: i.username, SF_PASSWORD: i.password, SF_CLIENT_ID: i.clientId, SF_CLIENT_SECRET: i.clientSecret })).to.equal(1);
  });

  it('SF_INSTANCE_URL + SF_ACCESS_TOKEN', async () => {
    const i = sandbox.connectionInfo();
    expect(await orgCount({ ...base, SF_INSTANCE_URL: i.instanceUrl, SF_ACCESS_TOKEN: i.accessToken })).to.equal(1);
  });

  it('SF_LOGIN_URL + SF_USERNAME + SF_CLIENT_ID + SF_JWT_KEY_FILE: JWT bearer, re-signed after a revoked session, even when the sf CLI stores an auth for the user', async () => {
    const i = sandbox.connectionInfo();
    const stored = await AuthInfo.create({ oauth2Options: { username: i.username, clientId: i.clientId, loginUrl: i.loginUrl, privateKeyFile: keyFile } });
    await stored.save();
    const conn = await openConnection({ ...base, SF_LOGIN_URL: i.loginUrl, SF_USERNAME: i.username, SF_CLIENT_ID: i.clientId, SF_JWT_KEY_FILE: keyFile });
    await admin(sandbox, { action: 'revoke-sessions' });
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).to.equal(1);
  });

  it('SF_TARGET_ORG: an sf CLI alias from the CLI\'s own auth store', async () => {
    const i = sandbox.connectionInfo();
    const authInfo = await AuthInfo.create({ oauth2Options: { username: i.username, clientId: i.clientId, loginUrl: i.loginUrl, privateKeyFile: keyFile } });
    await authInfo.save();
    await authInfo.setAlias('sextant-sandbox');
    expect(await orgCount({ ...base, SF_TARGET_ORG: 'sextant-sandbox' })).to.equal(1);
  });

  it('nothing configured → SF_CONNECTION_UNCONFIGURED (config) with hints', async () => {
    const err = await failure(openConnection(base));
    expect(err.code).to.equal('SF_CONNECTION_UNCONFIGURED');
    expect(err.kind).to.equal('config');
    expect(err.hints.length).to.be.greaterThan(0);
  });

  it('a wrong password, a bad token, an unknown alias → SF_AUTH_FAILED (auth)', async () => {
    const i = sandbox.connectionInfo();
    for (const settings of [
      { ...base, SF_LOGIN_URL: i.loginUrl, SF_USERNAME: i.username, SF_PASSWORD: 'wrong', SF_CLIENT_ID: i.clientId, SF_CLIENT_SECRET: i.clientSecret },
      { ...base, SF_INSTANCE_URL: i.instanceUrl, SF_ACCESS_TOKEN: `${sandbox.org.orgId15}!nope` },
      { ...base, SF_TARGET_ORG: 'no-such-alias' },
    ]) {
      const err = await failure(openConnection(settings));
      expect(err.code, JSON.stringify(Object.keys(settings))).to.equal('SF_AUTH_FAILED');
      expect(err.kind).to.equal('auth');
    }
  });
});
