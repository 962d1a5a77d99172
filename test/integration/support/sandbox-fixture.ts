import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../src/sandbox/start-sandbox.ts';

/**
 * Integration tests talk to a real sandbox server over HTTP with unmodified jsforce. The sf CLI
 * auth store is pointed at a temp HOME so tests never touch (or depend on) a developer's logins.
 */
const home = mkdtempSync(path.join(tmpdir(), 'sextant-test-home-'));
process.env.HOME = home;
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SFDX_DISABLE_TELEMETRY = 'true';
process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';

export const API_VERSION = '62.0';

export const withSandbox = async (options: StartSandboxOptions = {}): Promise<RunningSandbox> =>
  startSandbox({ seed: 'empty', ...options });

/** jsforce logged in through the OAuth 2.0 username-password flow. */
export const passwordConnection = async (sandbox: RunningSandbox, extra: { maxRequest?: number } = {}): Promise<Connection> => {
  const info = sandbox.connectionInfo();
  const conn = new Connection({
    loginUrl: info.loginUrl,
    version: API_VERSION,
    oauth2: { loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret },
    ...extra,
  });
  await conn.login(info.username, info.password);
  return conn;
};

/** jsforce given a raw access token, as `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` would. */
export const tokenConnection = (sandbox: RunningSandbox): Connection =>
  new Connection({ instanceUrl: sandbox.server.url, accessToken: sandbox.accessToken, version: API_VERSION });

/** Calls the sandbox's own control endpoint (used to arrange faults, clock, merges). */
export const admin = async (sandbox: RunningSandbox, command: Record<string, unknown>): Promise<void> => {
  const res = await fetch(`${sandbox.server.url}/__sandbox/admin`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.org.controlToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(command),
  });
  if (!res.ok) throw new Error(`admin ${command.action}: ${res.status} ${await res.text()}`);
};

/** Runs `fn`, expecting it to reject; returns the error so tests can assert on its code. */
export const rejectionOf = async (fn: () => PromiseLike<unknown>): Promise<Error & { errorCode?: string; name: string; data?: unknown }> => {
  try {
    await fn();
  } catch (err) {
    return err as Error & { errorCode?: string };
  }
  throw new Error('expected a rejection, got a result');
};
