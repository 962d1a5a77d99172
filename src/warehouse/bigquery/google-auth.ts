import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { RetryPolicy } from '../warehouse-errors.ts';
import { exchange, warehouseError, withRetries } from '../warehouse-errors.ts';

/** The fields of a service-account key file (JSON) that the JWT-bearer grant needs. */
export const ServiceAccountKey = z.looseObject({
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKey>;

export type BigQueryCredentials = { kind: 'service-account'; key: ServiceAccountKey } | { kind: 'token'; accessToken: string };

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** jobs.query creates a job, which the read-only scope does not allow. */
const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
const ASSERTION_LIFETIME_S = 3600;
const RENEW_BEFORE_S = 300;

const TokenReply = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().positive().default(3600) });

const credentialsInvalid = (why: string, cause?: unknown) =>
  warehouseError('WAREHOUSE_CREDENTIALS_INVALID', 'config', `BigQuery service-account key: ${why}`, {
    cause, path: 'SEXTANT_BIGQUERY_KEY_FILE', hints: ['Point SEXTANT_BIGQUERY_KEY_FILE at the JSON key downloaded for the service account.'],
  });

/**
 * An OAuth access token for BigQuery: the one given, or one obtained with the service account's
 * key through the JWT-bearer grant (RFC 7523), as Google's own libraries do, kept until shortly
 * before it expires.
 */
export class GoogleAuth {
  readonly #credentials: BigQueryCredentials;
  readonly #key: KeyObject | undefined;
  readonly #tokenUrl: string;
  readonly #retry: RetryPolicy;
  readonly #http: AxiosInstance = axios.create({ timeout: 30_000 });
  readonly #now: () => number;
  #token: { value: string; renewAt: number } | undefined;

  constructor(credentials: BigQueryCredentials, options: { tokenUrl?: string | undefined; retry: RetryPolicy; now?: () => number }) {
    this.#credentials = credentials;
    this.#retry = options.retry;
    this.#now = options.now ?? Date.now;
    this.#tokenUrl = options.tokenUrl ?? (credentials.kind === 'service-account' ? credentials.key.token_uri : undefined) ?? GOOGLE_TOKEN_URL;
    if (credentials.kind === 'service-account') {
      try {
        this.#key = createPrivateKey({ key: credentials.key.private_key, format: 'pem' });
      } catch (err) {
        throw credentialsInvalid('private_key cannot be read', err);
      }
    }
  }

  async accessToken(): Promise<string> {
    if (this.#credentials.kind === 'token') return this.#credentials.accessToken;
    const nowS = Math.floor(this.#now() / 1000);
    if (this.#token !== undefined && nowS < this.#token.renewAt) return this.#token.value;
    const key = this.#credentials.key;
    const assertion = await new SignJWT({ scope: BIGQUERY_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id === undefined ? {} : { kid: key.private_key_id }) })
      .setIssuer(key.client_email)
      .setAudience(this.#tokenUrl)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + ASSERTION_LIFETIME_S)
      .sign(this.#key!);
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();
    const reply = await withRetries(async () => {
      const r = await exchange(this.#http, { method: 'POST', url: this.#tokenUrl, data: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 'Google OAuth');
      if (r.status === 429 || r.status >= 500) throw warehouseError('WAREHOUSE_UNAVAILABLE', 'transient', `Google OAuth answered HTTP ${r.status}`);
      return r;
    }, this.#retry);
    const parsed = TokenReply.safeParse(reply.data);
    if (reply.status !== 200 || !parsed.success) {
      const body = reply.data as { error?: unknown; error_description?: unknown } | null;
      throw warehouseError('WAREHOUSE_AUTH_FAILED', 'auth', `Google refused the service account's token request (HTTP ${reply.status}: ${String(body?.error ?? 'unreadable reply')}${body?.error_description === undefined ? '' : ` — ${String(body.error_description)}`})`, {
        path: 'SEXTANT_BIGQUERY_KEY_FILE', data: { status: reply.status },
        hints: ['Check the key is current (not deleted in IAM) and the machine clock is right.'],
      });
    }
    this.#token = { value: parsed.data.access_token, renewAt: nowS + Math.max(60, parsed.data.expires_in - RENEW_BEFORE_S) };
    return this.#token.value;
  }
}
