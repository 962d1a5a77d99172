import { readFile } from 'node:fs/promises';
import { createSandboxOrg, type SandboxOrg, type SandboxOrgOptions } from './sandbox-org.ts';
import { startSandboxServer, type SandboxServer } from './http/sandbox-server.ts';
import { sandboxRoutes } from './http/routes.ts';
import type { DemoSeedSummary } from './demo/seed-demo.ts';

/**
 * Starts a sandbox org over HTTP: the one entry point for `sextant sandbox`, the demo, the
 * integration tests and the benchmarks.
 */
export type StartSandboxOptions = SandboxOrgOptions & {
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  accounts?: number;
  /** Fixed "now" for the demo data; the sandbox clock itself keeps running. */
  asOf?: Date;
  /** Where the demo's warehouse usage and NPS files go (none written when unset). */
  dataDir?: string;
  jwtCertificateFile?: string;
};

export type RunningSandbox = {
  org: SandboxOrg;
  server: SandboxServer;
  /** A long-lived admin session, printed for tools that take a raw token. */
  accessToken: string;
  demo: DemoSeedSummary | null;
  connectionInfo(): SandboxConnectionInfo;
  close(): Promise<void>;
};

export type SandboxConnectionInfo = {
  instanceUrl: string;
  loginUrl: string;
  username: string;
  password: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  /** Bearer token for the sandbox's own /__sandbox/admin levers. */
  controlToken: string;
};

export const startSandbox = async (options: StartSandboxOptions = {}): Promise<RunningSandbox> => {
  const jwtCertificate = options.jwtCertificate ?? (options.jwtCertificateFile ? await readFile(options.jwtCertificateFile, 'utf8') : undefined);
  const org = await createSandboxOrg({ ...options, ...(jwtCertificate ? { jwtCertificate } : {}) });
  // Loaded only when asked for: the generator pulls in faker, which an empty sandbox never needs.
  const demo = options.seed === 'demo'
    ? await (await import('./demo/seed-demo.ts')).seedDemoData(org, { accounts: options.accounts ?? 200, asOf: options.asOf ?? new Date(), ...(options.dataDir ? { dataDir: options.dataDir } : {}) })
    : null;
  // A real org's SystemModstamp index exists before the first query: build the seeded objects'
  // indexes now, so a sync's first query (a benchmark's timed window) does not pay for them.
  for (const objectName of Object.keys(demo?.records ?? {})) org.store.recordsByModstamp(objectName, null, null);
  const server = await startSandboxServer(org, sandboxRoutes, { ...(options.port === undefined ? {} : { port: options.port }), ...(options.host ? { host: options.host } : {}) });
  const session = org.sessions.issue(org.adminUserId);
  const connectionInfo = (): SandboxConnectionInfo => ({
    instanceUrl: server.url,
    loginUrl: server.url,
    username: org.login.username,
    password: org.login.password,
    accessToken: session.accessToken,
    clientId: org.login.clientId,
    clientSecret: org.login.clientSecret,
    orgId: org.orgId,
    controlToken: org.controlToken,
  });
  return { org, server, accessToken: session.accessToken, demo, connectionInfo, close: () => server.close() };
};
