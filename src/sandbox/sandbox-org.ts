import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from './schema/catalog.ts';
import { loadCustomMetadata } from './schema/custom-metadata.ts';
import { standardObjects, stubObjects } from './schema/standard-objects.ts';
import { OrgStore } from './org/org-store.ts';
import { makeRecordId, to15 } from '../domain/salesforce-id.ts';
import { SessionStore } from './auth/session-store.ts';
import { SF_CLI_CLIENT_ID, publicKeyFromPem, type SandboxCredentials } from './auth/credentials.ts';
import { ApiUsage } from './limits/api-usage.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { SandboxClock } from './sandbox-clock.ts';
import type { SchemaCatalog } from './schema/object-schema.ts';

/**
 * One sandbox org: schema, records, sessions, limits and faults. The HTTP server is a view of it;
 * tests and the demo reach into it directly to arrange scenarios (freeze the clock, merge, purge).
 */
export type SandboxOrgOptions = {
  /** sfdx source tree whose custom objects/fields join describe; default: this repo's sfdx-project. */
  metadataDir?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM certificate or public key that JWT bearer assertions must verify against. */
  jwtCertificate?: string;
  dailyApiMax?: number;
  orgName?: string;
};

export const DEFAULT_SANDBOX_LOGIN = {
  username: 'admin@sextant.sandbox',
  password: 'sandbox-password-1',
  clientId: 'SextantSandboxClient',
  clientSecret: 'sandbox-client-secret',
} as const;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_METADATA_DIR = path.join(repoRoot, 'sfdx-project/force-app/main/default/objects');

export class SandboxOrg {
  readonly clock: SandboxClock;
  readonly catalog: SchemaCatalog;
  readonly store: OrgStore;
  readonly sessions: SessionStore;
  readonly credentials: SandboxCredentials;
  readonly usage: ApiUsage;
  readonly faults: FaultInjector;
  readonly orgId: string;
  readonly adminUserId: string;
  readonly login: { username: string; password: string; clientId: string; clientSecret: string };
  /** Bearer token for /__sandbox/admin; separate from sessions so revoking sessions cannot lock tests out. */
  readonly controlToken = randomBytes(24).toString('base64url');
  /**
   * Bulk 2.0 behaviour: how long a job stays InProgress before it completes, and the page size
   * used when a client sends no maxRecords (real orgs pick large pages; tests shrink them).
   */
  readonly bulk = { processingMs: 250, defaultPageSize: 50_000 };
  /** Set by the server once it listens; used for instance_url and record urls. */
  instanceUrl = 'http://127.0.0.1';

  constructor(catalog: SchemaCatalog, options: SandboxOrgOptions) {
    this.clock = new SandboxClock();
    this.catalog = catalog;
    this.orgId = makeRecordId('00D', 1);
    this.adminUserId = makeRecordId('005', 1);
    this.login = {
      username: options.username ?? DEFAULT_SANDBOX_LOGIN.username,
      password: options.password ?? DEFAULT_SANDBOX_LOGIN.password,
      clientId: options.clientId ?? DEFAULT_SANDBOX_LOGIN.clientId,
      clientSecret: options.clientSecret ?? DEFAULT_SANDBOX_LOGIN.clientSecret,
    };
    this.store = new OrgStore({ catalog, clock: this.clock.now, defaultUserId: this.adminUserId });
    this.sessions = new SessionStore(to15(this.orgId));
    this.credentials = {
      users: new Map([[this.login.username.toLowerCase(), { password: this.login.password, userId: this.adminUserId }]]),
      clients: new Map<string, string | null>([[this.login.clientId, this.login.clientSecret], [SF_CLI_CLIENT_ID, null]]),
      acceptAnyClient: true,
      integrationUserId: this.adminUserId,
      jwtPublicKey: options.jwtCertificate ? publicKeyFromPem(options.jwtCertificate) : null,
    };
    this.usage = new ApiUsage({ dailyMax: options.dailyApiMax ?? 15_000, clock: this.clock.now });
    this.faults = new FaultInjector();
    this.store.load('Organization', [{ Id: this.orgId, Name: options.orgName ?? 'Sextant Sandbox', InstanceName: 'RO0', IsSandbox: true, OrganizationType: 'Enterprise Edition', TimeZoneSidKey: 'UTC' }]);
    this.store.load('User', [{
      Id: this.adminUserId, Username: this.login.username, FirstName: 'Sandbox', LastName: 'Admin', Email: 'admin@sextant.sandbox',
      Alias: 'sadmin', IsActive: true, UserType: 'Standard', TimeZoneSidKey: 'UTC', Title: 'System Administrator',
    }]);
  }

  get orgId15(): string {
    return to15(this.orgId);
  }
}

export const createSandboxOrg = async (options: SandboxOrgOptions = {}): Promise<SandboxOrg> => {
  const objects = await loadCustomMetadata(options.metadataDir ?? DEFAULT_METADATA_DIR, [...standardObjects(), ...stubObjects()]);
  return new SandboxOrg(buildCatalog(objects), options);
};
