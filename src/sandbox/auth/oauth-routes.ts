import { jwtVerify, errors as joseErrors } from 'jose';
import { readForm, sendJson, sendOAuthError } from '../http/sf-response.ts';
import type { Route, RouteContext } from '../http/route.ts';
import type { SandboxOrg } from '../sandbox-org.ts';
import { to15 } from '../../domain/salesforce-id.ts';

/**
 * OAuth 2.0 endpoints with Salesforce's grants and error bodies. JWT audiences accepted: the
 * production and sandbox login hosts, and this server's own origin (a My Domain login URL) —
 * @salesforce/core tries `aud = loginUrl` first, so accepting it keeps it from probing
 * login.salesforce.com over the network.
 */
const ACCEPTED_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

type Grant = { userId: string; clientId: string; refresh: boolean };
class OAuthFailure extends Error {
  readonly error: string;
  constructor(error: string, description: string) {
    super(description);
    this.error = error;
  }
}

const checkClient = (org: SandboxOrg, clientId: string | null, clientSecret: string | null, secretRequired: boolean): string => {
  const id = clientId ?? '';
  const known = org.credentials.clients.get(id);
  if (known === undefined && !(org.credentials.acceptAnyClient && id !== '')) {
    throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
  }
  if ((secretRequired || clientSecret) && known !== undefined && known !== null && clientSecret !== known) {
    throw new OAuthFailure('invalid_client', 'invalid client credentials');
  }
  if (secretRequired && (known === undefined || known === null)) throw new OAuthFailure('invalid_client', 'invalid client credentials');
  return id;
};

const passwordGrant = (org: SandboxOrg, form: URLSearchParams): Grant => {
  const clientId = checkClient(org, form.get('client_id'), form.get('client_secret'), false);
  const user = org.credentials.users.get((form.get('username') ?? '').toLowerCase());
  const password = form.get('password') ?? '';
  // The password grant takes the user's security token appended to the password; accept both.
  if (!user || !(password === user.password || password.startsWith(user.password))) {
    throw new OAuthFailure('invalid_grant', 'authentication failure');
  }
  return { userId: user.userId, clientId, refresh: false };
};

const refreshGrant = (org: SandboxOrg, form: URLSearchParams): Grant => {
  const clientId = checkClient(org, form.get('client_id'), form.get('client_secret'), false);
  const grant = org.sessions.refreshGrant(form.get('refresh_token') ?? '');
  if (!grant) throw new OAuthFailure('invalid_grant', 'expired access/refresh token');
  return { userId: grant.userId, clientId, refresh: false };
};

const clientCredentialsGrant = (org: SandboxOrg, form: URLSearchParams): Grant => {
  const clientId = checkClient(org, form.get('client_id'), form.get('client_secret'), true);
  return { userId: org.credentials.integrationUserId, clientId, refresh: false };
};

const jwtGrant = async (org: SandboxOrg, form: URLSearchParams, origin: string): Promise<Grant> => {
  const key = org.credentials.jwtPublicKey;
  if (!key) throw new OAuthFailure('invalid_grant', 'invalid assertion');
  let payload;
  try {
    ({ payload } = await jwtVerify(form.get('assertion') ?? '', key, { algorithms: ['RS256'] }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new OAuthFailure('invalid_grant', 'expired authorization code');
    throw new OAuthFailure('invalid_grant', 'invalid assertion');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((a) => a !== undefined && (ACCEPTED_AUDIENCES.includes(a.replace(/\/$/, '')) || a.replace(/\/$/, '') === origin))) {
    throw new OAuthFailure('invalid_grant', 'audience is invalid');
  }
  const clientId = checkClient(org, typeof payload.iss === 'string' ? payload.iss : null, null, false);
  const user = org.credentials.users.get(String(payload.sub ?? '').toLowerCase());
  if (!user) throw new OAuthFailure('invalid_grant', 'user hasn\'t approved this consumer');
  return { userId: user.userId, clientId, refresh: false };
};

const tokenRoute = async ({ req, res, org }: RouteContext): Promise<void> => {
  const form = await readForm(req);
  const grantType = form.get('grant_type');
  try {
    let grant: Grant;
    if (grantType === 'password') grant = passwordGrant(org, form);
    else if (grantType === 'refresh_token') grant = refreshGrant(org, form);
    else if (grantType === 'client_credentials') grant = clientCredentialsGrant(org, form);
    else if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') grant = await jwtGrant(org, form, new URL(org.instanceUrl).origin);
    else if (grantType === 'authorization_code') {
      // The web-server flow's code is the user's refresh token in disguise: enough for the CLI's
      // `org login web` to be tested without a browser.
      grant = { ...refreshGrant(org, new URLSearchParams({ refresh_token: form.get('code') ?? '', client_id: form.get('client_id') ?? '' })), refresh: true };
    } else throw new OAuthFailure('unsupported_grant_type', 'grant type not supported');

    const session = org.sessions.issue(grant.userId);
    const body: Record<string, string> = {
      access_token: session.accessToken,
      instance_url: org.instanceUrl,
      id: `${org.instanceUrl}/id/${org.orgId}/${grant.userId}`,
      token_type: 'Bearer',
      issued_at: String(session.issuedAt),
      signature: Buffer.from(`${session.accessToken}:${session.issuedAt}`).toString('base64'),
      scope: 'api refresh_token web',
    };
    if (grant.refresh) body.refresh_token = org.sessions.issueRefreshToken(grant.userId, grant.clientId);
    sendJson(res, 200, body);
  } catch (err) {
    if (err instanceof OAuthFailure) return sendOAuthError(res, 400, err.error, err.message);
    throw err;
  }
};

const identity = (org: SandboxOrg, userId: string): Record<string, unknown> => {
  const user = org.store.byId(userId);
  return {
    sub: `${org.instanceUrl}/id/${org.orgId}/${userId}`,
    user_id: userId,
    organization_id: org.orgId,
    preferred_username: user?.Username ?? null,
    username: user?.Username ?? null,
    nickname: user?.Alias ?? null,
    name: user?.Name ?? null,
    email: user?.Email ?? null,
    email_verified: true,
    given_name: user?.FirstName ?? null,
    family_name: user?.LastName ?? null,
    zoneinfo: 'UTC',
    active: true,
    user_type: 'STANDARD',
    urls: { rest: `${org.instanceUrl}/services/data/v{version}/`, sobjects: `${org.instanceUrl}/services/data/v{version}/sobjects/` },
  };
};

export const oauthRoutes: Route[] = [
  { method: 'POST', path: '/services/oauth2/token', routeClass: 'auth', auth: false, handler: tokenRoute },
  {
    method: 'POST', path: '/services/oauth2/revoke', routeClass: 'auth', auth: false,
    handler: async ({ req, res, org }) => {
      org.sessions.revoke((await readForm(req)).get('token') ?? '');
      sendJson(res, 200, undefined);
    },
  },
  { method: 'GET', path: '/services/oauth2/userinfo', routeClass: 'auth', auth: true, handler: ({ res, org, session }) => sendJson(res, 200, identity(org, session?.userId ?? '')) },
  {
    method: 'GET', path: '/id/:orgId/:userId', routeClass: 'auth', auth: true,
    handler: ({ res, org, params }) => {
      const userId = params.userId ?? '';
      if (to15(params.orgId ?? '') !== org.orgId15 || !org.store.byId(userId)) return sendOAuthError(res, 403, 'Bad_Id', 'Bad Id');
      sendJson(res, 200, identity(org, userId));
    },
  },
];
