import { AxiosError } from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import pRetry from 'p-retry';
import type { ErrorKind } from '../domain/sextant-error.ts';
import { isSextantError, SextantError } from '../domain/sextant-error.ts';

/**
 * The errors every usage adapter raises, so the CLI and the run treat a Snowflake failure and a
 * BigQuery failure alike:
 * - WAREHOUSE_AUTH_FAILED (auth): the warehouse refused the credentials or the grants.
 * - WAREHOUSE_QUERY_FAILED (config when the SQL does not compile — a wrong table or column in
 *   the mapping —, data when it fails on the data, e.g. a timestamp that does not parse).
 * - WAREHOUSE_QUERY_TIMEOUT (transient): not retried in-process; a later run may succeed.
 * - WAREHOUSE_UNAVAILABLE (transient: retried with backoff and jitter; config when the host does
 *   not exist).
 * - WAREHOUSE_QUOTA_EXCEEDED (quota), WAREHOUSE_CREDENTIALS_MISSING / _INVALID and
 *   WAREHOUSE_FILES_NOT_FOUND (config), WAREHOUSE_RESPONSE_INVALID (fatal: a reply we cannot read).
 */
export type WarehouseErrorCode =
  | 'WAREHOUSE_AUTH_FAILED' | 'WAREHOUSE_QUERY_FAILED' | 'WAREHOUSE_QUERY_TIMEOUT' | 'WAREHOUSE_UNAVAILABLE'
  | 'WAREHOUSE_QUOTA_EXCEEDED' | 'WAREHOUSE_CREDENTIALS_MISSING' | 'WAREHOUSE_CREDENTIALS_INVALID'
  | 'WAREHOUSE_FILES_NOT_FOUND' | 'WAREHOUSE_RESPONSE_INVALID';

export const warehouseError = (
  code: WarehouseErrorCode,
  kind: ErrorKind,
  message: string,
  options: { hints?: readonly string[]; cause?: unknown; data?: unknown; path?: string } = {},
): SextantError => new SextantError(code, message, { ...options, kind, path: options.path ?? 'usage.source' });

/** Socket-level failures worth another attempt (a reset, a refused or timed-out connect, DNS hiccups). */
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET',
]);

export const networkFailure = (warehouse: string, err: unknown): SextantError => {
  const code = err instanceof AxiosError ? err.code : (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ENOTFOUND') {
    return warehouseError('WAREHOUSE_UNAVAILABLE', 'config', `${warehouse}: host not found (${detail})`, {
      cause: err, hints: ['Check the account identifier or base URL in usage.source.'],
    });
  }
  const transient = typeof code === 'string' && TRANSIENT_NETWORK.has(code);
  return warehouseError('WAREHOUSE_UNAVAILABLE', transient ? 'transient' : 'fatal', `${warehouse}: request failed (${detail})`, { cause: err });
};

export type HttpReply = { status: number; data: unknown; headers: Record<string, unknown> };

/**
 * One HTTP exchange: any status comes back as a reply for the warehouse's own classifier to
 * read; only socket failures throw (as WAREHOUSE_UNAVAILABLE).
 */
export const exchange = async (http: AxiosInstance, request: AxiosRequestConfig, warehouse: string): Promise<HttpReply> => {
  try {
    const res = await http.request({ ...request, validateStatus: () => true });
    return { status: res.status, data: res.data as unknown, headers: { ...res.headers } };
  } catch (err) {
    throw networkFailure(warehouse, err);
  }
};

export type RetryPolicy = { retries: number; minTimeoutMs: number; maxTimeoutMs: number };

/** Six attempts over roughly half a minute: long enough for a 503 blip or a throttling window. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, minTimeoutMs: 500, maxTimeoutMs: 15_000 };

const retryable = (err: unknown): boolean => isSextantError(err) && err.code === 'WAREHOUSE_UNAVAILABLE' && err.kind === 'transient';

/**
 * Runs `call` again on transient failures only, with exponential backoff and jitter (many
 * Sextant installs scheduled at the top of the hour must not retry in lockstep). When attempts
 * run out, the last WAREHOUSE_UNAVAILABLE (kind transient) propagates.
 */
export const withRetries = <T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> =>
  pRetry(call, {
    retries: policy.retries,
    minTimeout: policy.minTimeoutMs,
    maxTimeout: policy.maxTimeoutMs,
    randomize: true,
    shouldRetry: ({ error }) => retryable(error),
  });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
