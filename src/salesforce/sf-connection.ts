import { Connection as JsforceConnection } from '@jsforce/jsforce-node';
import { AuthInfo, Connection as SfConnection, Org } from '@salesforce/core';
import { SextantError } from '../domain/sextant-error.ts';
import { useResilientTransport } from './resilient-transport.ts';

/**
 * Opens a jsforce connection in one of the four modes of the connection contract (DESIGN.md),
 * always pinned to an API version (jsforce would otherwise use 50.0):
 *   1. SF_TARGET_ORG — an sf CLI alias or username (its stored auth, refreshed by @salesforce/core)
 *   2. SF_INSTANCE_URL + SF_ACCESS_TOKEN — a raw token (cannot be refreshed when it expires)
 *   3. SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD (+ client id/secret) — OAuth username-password;
 *      jsforce logs in again by itself when the session expires
 *   4. SF_LOGIN_URL + SF_USERNAME + SF_CLIENT_ID + SF_JWT_KEY_FILE — JWT bearer; @salesforce/core
 *      re-signs an assertion on expiry
 */
export type ConnectionSettings = {
  SF_TARGET_ORG?: string | undefined;
  SF_INSTANCE_URL?: string | undefined;
  SF_ACCESS_TOKEN?: string | undefined;
  SF_LOGIN_URL?: string | undefined;
  SF_USERNAME?: string | undefined;
  SF_PASSWORD?: string | undefined;
  SF_CLIENT_ID?: string | undefined;
  SF_CLIENT_SECRET?: string | undefined;
  SF_JWT_KEY_FILE?: string | undefined;
  SF_API_VERSION: string;
};

export type ConnectionMode = 'target-org' | 'access-token' | 'username-password' | 'jwt';

export const connectionModeOf = (s: ConnectionSettings): ConnectionMode => {
  if (s.SF_TARGET_ORG) return 'target-org';
  if (s.SF_INSTANCE_URL && s.SF_ACCESS_TOKEN) return 'access-token';
  if (s.SF_USERNAME && s.SF_JWT_KEY_FILE && s.SF_CLIENT_ID) return 'jwt';
  if (s.SF_USERNAME && s.SF_PASSWORD) return 'username-password';
  throw new SextantError('SF_CONNECTION_UNCONFIGURED', 'no Salesforce connection is configured', {
    kind: 'config',
    path: 'SF_TARGET_ORG',
    hints: [
      'Set SF_TARGET_ORG to an sf CLI alias, or SF_INSTANCE_URL + SF_ACCESS_TOKEN,',
      'or SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD, or SF_LOGIN_URL + SF_USERNAME + SF_CLIENT_ID + SF_JWT_KEY_FILE (see .env.example).',
    ],
  });
};

const authFailed = (mode: ConnectionMode, err: unknown): SextantError => {
  const e = err as { name?: string; message?: string };
  const hints: Record<ConnectionMode, string[]> = {
    'target-org': ['Check the alias with `sf org list`; log in again with `sf org login web --alias <alias>`.'],
    'access-token': ['Access tokens expire (2 h by default); get a fresh one or use a refreshable mode (JWT or an sf CLI alias).'],
    'username-password': ['Check SF_USERNAME/SF_PASSWORD (append the security token to the password if your org requires one) and that the connected app allows the username-password flow.'],
    jwt: ['Check that SF_JWT_KEY_FILE matches the certificate uploaded to the connected app, that the user is pre-authorised, and SF_LOGIN_URL (login vs test).'],
  };
  return new SextantError('SF_AUTH_FAILED', `Salesforce authentication failed (${mode}): ${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(err)}`, {
    kind: 'auth', hints: hints[mode], cause: err,
  });
};

export const openConnection = async (settings: ConnectionSettings): Promise<JsforceConnection> =>
  useResilientTransport(await connect(settings));

const connect = async (settings: ConnectionSettings): Promise<JsforceConnection> => {
  const mode = connectionModeOf(settings);
  const version = settings.SF_API_VERSION;
  try {
    switch (mode) {
      case 'target-org': {
        const org = await Org.create({ aliasOrUsername: settings.SF_TARGET_ORG });
        const conn = org.getConnection(version);
        return conn as unknown as JsforceConnection;
      }
      case 'access-token': {
        const authInfo = await AuthInfo.create({
          username: settings.SF_ACCESS_TOKEN,
          accessTokenOptions: { accessToken: settings.SF_ACCESS_TOKEN, instanceUrl: settings.SF_INSTANCE_URL },
        });
        const conn = await SfConnection.create({ authInfo, connectionOptions: { version } });
        // Fail here, with SF_AUTH_FAILED, rather than mid-sync. userinfo is an OAuth endpoint: it
        // does not count against the daily API allowance.
        await conn.request(`${conn.instanceUrl}/services/oauth2/userinfo`);
        return conn as unknown as JsforceConnection;
      }
      case 'jwt': {
        // The username goes inside oauth2Options: given at the top level, @salesforce/core refuses
        // (AuthInfoOverwriteError) whenever the sf CLI already stores an auth for that user —
        // i.e. on every run after someone ran `sf org login jwt` for the same integration user.
        const authInfo = await AuthInfo.create({
          oauth2Options: { username: settings.SF_USERNAME, clientId: settings.SF_CLIENT_ID, loginUrl: settings.SF_LOGIN_URL ?? 'https://login.salesforce.com', privateKeyFile: settings.SF_JWT_KEY_FILE },
        });
        return (await SfConnection.create({ authInfo, connectionOptions: { version } })) as unknown as JsforceConnection;
      }
      case 'username-password': {
        const loginUrl = settings.SF_LOGIN_URL ?? 'https://login.salesforce.com';
        // jsforce only uses the OAuth flow when both id and secret are set; otherwise it falls
        // back to the SOAP login(), which Salesforce retires in API 65.0.
        if (!settings.SF_CLIENT_ID || !settings.SF_CLIENT_SECRET) {
          throw new SextantError('SF_AUTH_FAILED', 'the username-password flow needs SF_CLIENT_ID and SF_CLIENT_SECRET of a connected app', {
            kind: 'config', path: 'SF_CLIENT_ID', hints: ['Create a connected app (or external client app) with the OAuth username-password flow enabled.'],
          });
        }
        const conn = new JsforceConnection({ loginUrl, version, oauth2: { loginUrl, clientId: settings.SF_CLIENT_ID, clientSecret: settings.SF_CLIENT_SECRET } });
        await conn.login(settings.SF_USERNAME ?? '', settings.SF_PASSWORD ?? '');
        return conn;
      }
    }
  } catch (err) {
    if (err instanceof SextantError) throw err;
    throw authFailed(mode, err);
  }
};
