import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { warehouseError } from '../warehouse-errors.ts';

/** Key-pair JWT (the service-user default) or an OAuth access token obtained elsewhere. */
export type SnowflakeCredentials =
  | { kind: 'keypair'; privateKeyPem: string; passphrase?: string | undefined }
  | { kind: 'oauth'; token: string };

export type SnowflakeAuthHeaders = { Authorization: string; 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT' | 'OAUTH' };

/** Snowflake accepts a key-pair JWT for at most one hour; renew well before. */
const JWT_LIFETIME_S = 3540;
const RENEW_BEFORE_S = 300;

/**
 * The account part of a JWT's names: upper case, without the region or cloud of a locator
 * ('xy12345.us-east-1' → 'XY12345'), as Snowflake's key-pair guide prescribes.
 */
export const jwtAccountName = (account: string): string => (account.split('.')[0] ?? account).toUpperCase();

/** 'SHA256:' + base64 of the SHA-256 of the public key's DER (SPKI): what RSA_PUBLIC_KEY_FP shows. */
export const publicKeyFingerprint = (key: KeyObject): string => {
  const der = (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
};

const readPrivateKey = (pem: string, passphrase: string | undefined): KeyObject => {
  try {
    return createPrivateKey({ key: pem, format: 'pem', ...(passphrase === undefined ? {} : { passphrase }) });
  } catch (err) {
    throw warehouseError('WAREHOUSE_CREDENTIALS_INVALID', 'config', `Snowflake private key cannot be read: ${(err as Error).message}`, {
      cause: err, path: 'SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE',
      hints: ['Use the PKCS#8 PEM key whose public half is set on the user (ALTER USER … SET RSA_PUBLIC_KEY).', 'Set SEXTANT_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE for an encrypted key.'],
    });
  }
};

/** Produces the Authorization headers for each request, renewing the JWT before it expires. */
export class SnowflakeAuth {
  readonly #account: string;
  readonly #user: string;
  readonly #credentials: SnowflakeCredentials;
  readonly #key: KeyObject | undefined;
  readonly #now: () => number;
  #jwt: { token: string; renewAt: number } | undefined;

  constructor(account: string, user: string, credentials: SnowflakeCredentials, now: () => number = Date.now) {
    this.#account = jwtAccountName(account);
    this.#user = user.toUpperCase();
    this.#credentials = credentials;
    this.#key = credentials.kind === 'keypair' ? readPrivateKey(credentials.privateKeyPem, credentials.passphrase) : undefined;
    this.#now = now;
  }

  async headers(): Promise<SnowflakeAuthHeaders> {
    if (this.#credentials.kind === 'oauth') {
      return { Authorization: `Bearer ${this.#credentials.token}`, 'X-Snowflake-Authorization-Token-Type': 'OAUTH' };
    }
    const nowS = Math.floor(this.#now() / 1000);
    if (this.#jwt === undefined || nowS >= this.#jwt.renewAt) {
      const qualified = `${this.#account}.${this.#user}`;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(`${qualified}.${publicKeyFingerprint(this.#key!)}`)
        .setSubject(qualified)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + JWT_LIFETIME_S)
        .sign(this.#key!);
      this.#jwt = { token, renewAt: nowS + JWT_LIFETIME_S - RENEW_BEFORE_S };
    }
    return { Authorization: `Bearer ${this.#jwt.token}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT' };
  }
}
