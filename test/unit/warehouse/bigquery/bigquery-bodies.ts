/**
 * BigQuery v2 bodies as documented: QueryResponse (jobs.query), GetQueryResultsResponse
 * (jobs.getQueryResults) with rows as { f: [{ v }] } and every scalar a string, and the
 * { error: { code, message, errors: [{ reason }] } } error shape.
 */
export const BIGQUERY_URL = 'https://bigquery.googleapis.com';
export const BASE_PATH = '/bigquery/v2';
export const PROJECT = 'acme-prod';
export const JOB = { projectId: PROJECT, jobId: 'job_usage_0001', location: 'EU' };

export const ROLLUP_FIELDS = [
  { name: 'account_key', type: 'STRING', mode: 'NULLABLE' },
  { name: 'day', type: 'DATE', mode: 'NULLABLE' },
  { name: 'active_users', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'logins', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'last_login_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
  { name: 'events', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'feature_reports', type: 'INTEGER', mode: 'NULLABLE' },
  { name: 'licenses', type: 'INTEGER', mode: 'NULLABLE' },
];

export const bqRow = (...values: (string | null)[]) => ({ f: values.map((v) => ({ v })) });

export const pending = () => ({ kind: 'bigquery#queryResponse', jobReference: JOB, jobComplete: false });

export const resultsPage = (rows: ReturnType<typeof bqRow>[], pageToken?: string, kind = 'bigquery#getQueryResultsResponse') => ({
  kind,
  etag: 'etag-1',
  schema: { fields: ROLLUP_FIELDS },
  jobReference: JOB,
  totalRows: '3',
  ...(pageToken === undefined ? {} : { pageToken }),
  rows,
  totalBytesProcessed: '52428800',
  jobComplete: true,
  cacheHit: false,
});

export const bqError = (code: number, reason: string, message: string, status = 'INVALID_ARGUMENT') => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }], status },
});
