import { z } from 'zod';
import type { SextantError } from '../../domain/sextant-error.ts';
import type { HttpReply } from '../warehouse-errors.ts';
import { warehouseError } from '../warehouse-errors.ts';

/**
 * The BigQuery v2 bodies we read: jobs.query's QueryResponse and jobs.getQueryResults'
 * GetQueryResultsResponse share the fields used here (jobComplete, jobReference, schema, rows as
 * { f: [{ v }] }, pageToken). Errors are { error: { code, message, errors: [{ reason }] } }.
 */
export const BigQueryField = z.looseObject({ name: z.string(), type: z.string(), mode: z.string().optional() });
export type BigQueryField = z.infer<typeof BigQueryField>;

export const BigQueryRow = z.looseObject({ f: z.array(z.looseObject({ v: z.unknown() })) });
export type BigQueryRow = z.infer<typeof BigQueryRow>;

export const BigQueryResults = z.looseObject({
  jobComplete: z.boolean(),
  jobReference: z.looseObject({ projectId: z.string(), jobId: z.string(), location: z.string().optional() }),
  schema: z.looseObject({ fields: z.array(BigQueryField) }).optional(),
  rows: z.array(BigQueryRow).optional(),
  pageToken: z.string().optional(),
});
export type BigQueryResults = z.infer<typeof BigQueryResults>;

const ErrorBody = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.looseObject({ reason: z.string().optional(), message: z.string().optional() })).optional(),
  }),
});

/** Failures while running, not compiling: the query is right, a value is not. */
const DATA_FAILURE = /^(Invalid (timestamp|date|datetime|time)|Bad (int64|double|bool|numeric) value|Could not cast|Division by zero)/i;

export const classifyBigQueryReply = (reply: HttpReply): SextantError => {
  const parsed = ErrorBody.safeParse(reply.data);
  const error = parsed.success ? parsed.data.error : undefined;
  const reason = error?.errors?.find((e) => e.reason !== undefined)?.reason;
  const message = error?.message ?? (typeof reply.data === 'string' ? reply.data.slice(0, 200) : 'no message');
  const detail = `HTTP ${reply.status}${reason === undefined ? '' : ` ${reason}`}: ${message}`;
  const data = { status: reply.status, reason };
  const s = reply.status;
  if (s === 401 || (s === 403 && reason !== 'rateLimitExceeded' && reason !== 'quotaExceeded')) {
    return warehouseError('WAREHOUSE_AUTH_FAILED', 'auth', `BigQuery refused the credentials (${detail})`, {
      data, hints: ['The service account needs BigQuery Job User on the project and Data Viewer on the dataset.'],
    });
  }
  if (reason === 'quotaExceeded') return warehouseError('WAREHOUSE_QUOTA_EXCEEDED', 'quota', `BigQuery quota exceeded (${detail})`, { data });
  if (s === 408 || s === 429 || s >= 500 || reason === 'rateLimitExceeded' || reason === 'backendError') {
    return warehouseError('WAREHOUSE_UNAVAILABLE', 'transient', `BigQuery is unavailable (${detail})`, { data });
  }
  if (s === 400 || s === 404) {
    const dataFailure = DATA_FAILURE.test(message);
    return warehouseError('WAREHOUSE_QUERY_FAILED', dataFailure ? 'data' : 'config', `BigQuery rejected the usage query (${detail})`, {
      data, ...(dataFailure ? {} : { hints: ['Check usage.events / usage.licenses (table and column names), usage.source.dataset, or your usage SQL.'] }),
    });
  }
  return warehouseError('WAREHOUSE_RESPONSE_INVALID', 'fatal', `BigQuery answered unexpectedly (${detail})`, { data });
};

export const invalidBigQueryReply = (what: string, err: unknown): SextantError =>
  warehouseError('WAREHOUSE_RESPONSE_INVALID', 'fatal', `BigQuery: unreadable ${what}`, { cause: err });
