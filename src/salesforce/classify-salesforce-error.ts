/**
 * What to do about a failed Salesforce call — a decision from a lookup table, after Airbyte's
 * error handlers: retry (with backoff), refresh the session and retry, halve the query's date
 * slice, stop at the last checkpoint (quota: the run ends `deferred`, never "success"), or fail.
 * Pure: it reads only the error's code, HTTP status and socket error code.
 */
import type { ErrorKind } from '../domain/sextant-error.ts';

export type Decision = 'retry' | 'refresh-then-retry' | 'halve-slice' | 'stop-at-checkpoint' | 'fail';
export type Resolution = { decision: Decision; kind: ErrorKind; code: string };

/** Codes as jsforce reports them (`err.name === err.errorCode`; non-JSON bodies → ERROR_HTTP_<status>). */
const BY_CODE: Record<string, Omit<Resolution, 'code'>> = {
  // Transient server or edge trouble: retry with backoff.
  ERROR_HTTP_500: { decision: 'retry', kind: 'transient' },
  ERROR_HTTP_502: { decision: 'retry', kind: 'transient' },
  ERROR_HTTP_503: { decision: 'retry', kind: 'transient' },
  ERROR_HTTP_504: { decision: 'retry', kind: 'transient' },
  ERROR_HTTP_420: { decision: 'retry', kind: 'transient' },
  ERROR_HTTP_429: { decision: 'retry', kind: 'transient' },
  UNKNOWN_EXCEPTION: { decision: 'retry', kind: 'transient' },
  SERVER_UNAVAILABLE: { decision: 'retry', kind: 'transient' },
  // Another transaction holds the row; Salesforce's advice is to retry (and to group by parent).
  UNABLE_TO_LOCK_ROW: { decision: 'retry', kind: 'transient' },
  // A cursor that expired mid-run is recoverable: restart the page from the checkpoint.
  INVALID_QUERY_LOCATOR: { decision: 'retry', kind: 'transient' },
  SF_BULK_POLL_TIMEOUT: { decision: 'retry', kind: 'transient' },
  // The session ended (timeout, revoked, password change): refresh once, then replay.
  INVALID_SESSION_ID: { decision: 'refresh-then-retry', kind: 'auth' },
  // Large objects time out on wide date ranges; a narrower slice usually succeeds. Other
  // connectors report QUERY_TIMEOUT as a 0-row success — we never do.
  QUERY_TIMEOUT: { decision: 'halve-slice', kind: 'transient' },
  SF_BULK_JOB_FAILED: { decision: 'halve-slice', kind: 'transient' },
  // The org's daily allowance (or concurrency) is spent: stop where we are, resume next run.
  REQUEST_LIMIT_EXCEEDED: { decision: 'stop-at-checkpoint', kind: 'quota' },
  SF_API_BUDGET_EXHAUSTED: { decision: 'stop-at-checkpoint', kind: 'quota' },
  // Configuration and permissions: retrying cannot help.
  INVALID_FIELD: { decision: 'fail', kind: 'config' },
  INVALID_TYPE: { decision: 'fail', kind: 'config' },
  MALFORMED_QUERY: { decision: 'fail', kind: 'config' },
  API_ERROR: { decision: 'fail', kind: 'config' },
  API_DISABLED_FOR_ORG: { decision: 'fail', kind: 'config' },
  INSUFFICIENT_ACCESS: { decision: 'fail', kind: 'config' },
  NOT_FOUND: { decision: 'fail', kind: 'config' },
  INVALID_AUTH_HEADER: { decision: 'fail', kind: 'auth' },
  invalid_grant: { decision: 'fail', kind: 'auth' },
  invalid_client_id: { decision: 'fail', kind: 'auth' },
  invalid_client: { decision: 'fail', kind: 'auth' },
};

/** Socket-level failures (the connection died mid-body, DNS blips): always worth a retry. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

type ErrorLike = { name?: unknown; errorCode?: unknown; code?: unknown; statusCode?: unknown; cause?: unknown; message?: unknown };

const codeOf = (err: ErrorLike): string => {
  for (const candidate of [err.errorCode, err.code, err.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error' && candidate !== 'TypeError' && candidate !== 'FetchError') return candidate;
  }
  return 'UNKNOWN';
};

const socketCodeOf = (err: ErrorLike, depth = 0): string | null => {
  if (typeof err.code === 'string' && SOCKET_CODES.has(err.code)) return err.code;
  if (typeof err.message === 'string') {
    for (const code of SOCKET_CODES) if (err.message.includes(code)) return code;
    if (/socket hang up|terminated|other side closed/i.test(err.message)) return 'ECONNRESET';
  }
  if (depth < 3 && err.cause && typeof err.cause === 'object') return socketCodeOf(err.cause as ErrorLike, depth + 1);
  return null;
};

export const classifySalesforceError = (error: unknown): Resolution => {
  const err = (error && typeof error === 'object' ? error : { message: String(error) }) as ErrorLike;
  const code = codeOf(err);
  const known = BY_CODE[code];
  if (known) return { ...known, code };
  const socket = socketCodeOf(err);
  if (socket) return { decision: 'retry', kind: 'transient', code: socket };
  const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  if (status && Number(status) >= 500) return { decision: 'retry', kind: 'transient', code };
  return { decision: 'fail', kind: 'fatal', code };
};
