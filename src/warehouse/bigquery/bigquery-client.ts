import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { RawUsageRow } from '../../pipeline/usage-source.port.ts';
import type { HttpReply, RetryPolicy } from '../warehouse-errors.ts';
import { exchange, sleep, warehouseError, withRetries } from '../warehouse-errors.ts';
import { bigQueryRows } from './bigquery-values.ts';
import { BigQueryResults, classifyBigQueryReply, invalidBigQueryReply } from './bigquery-replies.ts';
import type { GoogleAuth } from './google-auth.ts';

export const BIGQUERY_BASE_URL = 'https://bigquery.googleapis.com/bigquery/v2';

export type BigQueryClientOptions = {
  /** Injectable for tests. */
  baseUrl: string;
  projectId: string;
  location?: string | undefined;
  /** Unqualified tables resolve here. */
  dataset: string;
  auth: GoogleAuth;
  retry: RetryPolicy;
  pageRows: number;
  timeoutSeconds: number;
  pollIntervalMs: number;
};

/** A DATE query parameter: the usage SQL's @from and @to. */
export type DateParameter = { name: string; value: string };

/** How long each call may wait server-side for the job before answering jobComplete: false. */
const SERVER_WAIT_MS = 10_000;

/**
 * Runs one query with jobs.query and reads its result with jobs.getQueryResults: polled while
 * jobComplete is false, then paged with pageToken, `pageRows` rows a page. The requestId makes a
 * retried jobs.query return the same job rather than start a second one.
 */
export class BigQueryClient {
  readonly #options: BigQueryClientOptions;
  readonly #http: AxiosInstance;

  constructor(options: BigQueryClientOptions) {
    this.#options = options;
    this.#http = axios.create({ baseURL: options.baseUrl, timeout: SERVER_WAIT_MS + 60_000 });
  }

  #call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<BigQueryResults> {
    return withRetries(async () => {
      const token = await this.#options.auth.accessToken();
      const reply: HttpReply = await exchange(this.#http, {
        method, url, data: body, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      }, 'BigQuery');
      if (reply.status !== 200) throw classifyBigQueryReply(reply);
      const parsed = BigQueryResults.safeParse(reply.data);
      if (!parsed.success) throw invalidBigQueryReply('query results', parsed.error);
      return parsed.data;
    }, this.#options.retry);
  }

  #resultsUrl(job: BigQueryResults['jobReference'], pageToken?: string): string {
    const location = job.location ?? this.#options.location;
    const query = new URLSearchParams({
      maxResults: String(this.#options.pageRows),
      timeoutMs: String(SERVER_WAIT_MS),
      ...(location === undefined ? {} : { location }),
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    return `/projects/${encodeURIComponent(job.projectId)}/queries/${encodeURIComponent(job.jobId)}?${query.toString()}`;
  }

  async *query(sql: string, parameters: readonly DateParameter[]): AsyncGenerator<RawUsageRow[], void, undefined> {
    const o = this.#options;
    const body = {
      query: sql,
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: parameters.map((p) => ({ name: p.name, parameterType: { type: 'DATE' }, parameterValue: { value: p.value } })),
      ...(o.location === undefined ? {} : { location: o.location }),
      defaultDataset: { projectId: o.projectId, datasetId: o.dataset },
      maxResults: o.pageRows,
      timeoutMs: SERVER_WAIT_MS,
      requestId: randomUUID(),
      labels: { app: 'sextant' },
    };
    let page = await this.#call('POST', `/projects/${encodeURIComponent(o.projectId)}/queries`, body);
    const deadline = Date.now() + o.timeoutSeconds * 1000;
    while (!page.jobComplete) {
      if (Date.now() > deadline) {
        throw warehouseError('WAREHOUSE_QUERY_TIMEOUT', 'transient', `BigQuery job ${page.jobReference.jobId} still running after ${o.timeoutSeconds}s`, {
          hints: ['Raise usage.source.timeoutSeconds, or partition the events table by day.'],
        });
      }
      await sleep(o.pollIntervalMs);
      page = await this.#call('GET', this.#resultsUrl(page.jobReference));
    }
    const fields = page.schema?.fields;
    if (fields === undefined) throw invalidBigQueryReply('query results (no schema on a complete job)', undefined);
    for (;;) {
      if (page.rows !== undefined && page.rows.length > 0) yield bigQueryRows(fields, page.rows);
      if (page.pageToken === undefined) return;
      page = await this.#call('GET', this.#resultsUrl(page.jobReference, page.pageToken));
    }
  }
}
