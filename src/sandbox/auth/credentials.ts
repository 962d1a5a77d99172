import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Who may log in to the sandbox: username/password pairs (the OAuth password grant, which also
 * takes an optional security token appended to the password), connected-app clients, and the
 * certificate JWT bearer assertions are verified against.
 */
export type SandboxCredentials = {
  users: Map<string, { password: string; userId: string }>;
  /** clientId → secret; null secret = public client. Any id is accepted when `acceptAnyClient`. */
  clients: Map<string, string | null>;
  acceptAnyClient: boolean;
  /** Client-credentials flow runs as this user. */
  integrationUserId: string;
  jwtPublicKey: KeyObject | null;
};

/** The sf CLI's default connected app, which Salesforce orgs accept for the CLI's flows. */
export const SF_CLI_CLIENT_ID = 'PlatformCLI';

export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);
