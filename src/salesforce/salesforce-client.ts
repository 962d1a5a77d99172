import pRetry, { AbortError } from 'p-retry';
import type { Connection } from '@jsforce/jsforce-node';
import { SextantError } from '../domain/sextant-error.ts';
import type { CallMeter } from '../pipeline/crm-source.port.ts';
import type { ApiBudget } from './api-budget.ts';
import { classifySalesforceError } from './classify-salesforce-error.ts';
import { createBulkQueryJob, fetchBulkQueryPage, type BulkQueryPage } from './bulk-query-reader.ts';

/**
 * Every Salesforce call Sextant makes goes through here: the budget is checked before it,
 * counted after it (and corrected from Sforce-Limit-Info), and failures are classified.
 * Retries use p-retry with jitter for transient faults — including POSTs, which jsforce never
 * retries (our POSTs are idempotent: job creation is harmless to repeat, writes are upserts).
 * Decisions other than retry surface as SextantErrors with the code callers act on.
 */
export type QueryPage<R> = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: R[] };

export type ClientOptions = { retries: number; minTimeoutMs: number; maxTimeoutMs: number; onRetry?: (info: { code: string; attempt: number }) => void };

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = { retries: 6, minTimeoutMs: 250, maxTimeoutMs: 8000 };

export class SalesforceClient {
  readonly conn: Connection;
  readonly budget: ApiBudget;
  readonly #options: ClientOptions;
  readonly #meter: CallMeter | undefined;

  constructor(conn: Connection, budget: ApiBudget, options: ClientOptions = DEFAULT_CLIENT_OPTIONS, meter?: CallMeter) {
    this.conn = conn;
    this.budget = budget;
    this.#options = options;
    this.#meter = meter;
  }

  /** The same client (connection, budget, retries) that also counts its calls on `meter`. */
  metered(meter: CallMeter): SalesforceClient {
    return new SalesforceClient(this.conn, this.budget, this.#options, meter);
  }

  #recordCall(): void {
    this.budget.recordCall();
    if (this.#meter !== undefined) this.#meter.calls++;
  }

  get apiVersion(): string {
    return this.conn.version;
  }

  /** One logical call: budget check, retries, accounting. */
  async call<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return pRetry(async (attempt) => {
      this.budget.beforeCall();
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        this.#recordCall();
        this.budget.observe(this.conn.limitInfo?.apiUsage);
        const resolution = classifySalesforceError(err);
        if (resolution.decision === 'retry' || (resolution.decision === 'refresh-then-retry' && attempt === 1)) throw err;
        // REQUEST_LIMIT_EXCEEDED means either the daily allowance is spent or too many long
        // requests run at once; only /limits tells which. Concurrency passes: back off and retry.
        if (resolution.code === 'REQUEST_LIMIT_EXCEEDED' && (await this.#dailyAllowanceLeft())) throw err;
        // Not retryable here: wrap it so callers see one error type with a decision-bearing code.
        const code = resolution.decision === 'refresh-then-retry' ? 'SF_AUTH_FAILED' : resolution.code;
        throw new AbortError(new SextantError(code, `${label}: ${(err as Error)?.message ?? String(err)}`, { kind: resolution.kind, cause: err, data: { decision: resolution.decision } }));
      }
      this.#recordCall();
      this.budget.observe(this.conn.limitInfo?.apiUsage);
      return result;
    }, {
      retries: this.#options.retries,
      minTimeout: this.#options.minTimeoutMs,
      maxTimeout: this.#options.maxTimeoutMs,
      randomize: true,
      shouldRetry: ({ error }) => !(error instanceof SextantError && error.code === 'SF_API_BUDGET_EXHAUSTED'),
      onFailedAttempt: ({ error, attemptNumber }) => {
        if (!(error instanceof SextantError)) this.#options.onRetry?.({ code: classifySalesforceError(error).code, attempt: attemptNumber });
      },
    }).catch((err: unknown) => {
      if (err instanceof SextantError) throw err;
      const resolution = classifySalesforceError(err);
      throw new SextantError(resolution.code, `${label} failed after ${this.#options.retries + 1} attempts: ${(err as Error)?.message ?? String(err)}`, {
        kind: resolution.kind, cause: err, data: { decision: resolution.decision },
      });
    });
  }

  async #dailyAllowanceLeft(): Promise<boolean> {
    try {
      const limits = await this.conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(`/services/data/v${this.apiVersion}/limits`);
      this.#recordCall();
      return limits.DailyApiRequests.Remaining > 0;
    } catch {
      return false; // /limits refused too: treat it as the daily limit and stop at the checkpoint
    }
  }

  async count(soql: string): Promise<number> {
    const res = await this.call('count', () => this.conn.request<{ totalSize: number }>(`/services/data/v${this.apiVersion}/queryAll?q=${encodeURIComponent(soql)}`));
    return res.totalSize;
  }

  /**
   * Counts several queries in one API call (Composite Batch, ≤ 25 subrequests), so the preflight
   * of a whole sync costs one call, not one per object.
   */
  async countMany(soqls: readonly string[]): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < soqls.length; i += 25) {
      const chunk = soqls.slice(i, i + 25);
      const res = await this.call('count batch', () => this.conn.request<{ results: Array<{ statusCode: number; result: unknown }> }>({
        method: 'POST',
        url: `/services/data/v${this.apiVersion}/composite/batch`,
        body: JSON.stringify({ batchRequests: chunk.map((q) => ({ method: 'GET', url: `v${this.apiVersion}/queryAll?q=${encodeURIComponent(q)}` })) }),
        headers: { 'Content-Type': 'application/json' },
      }));
      res.results.forEach((r, j) => {
        if (r.statusCode >= 400) {
          const first = (Array.isArray(r.result) ? r.result[0] : r.result) as { errorCode?: string; message?: string } | undefined;
          throw new SextantError(first?.errorCode ?? `ERROR_HTTP_${r.statusCode}`, `count of '${chunk[j]}': ${first?.message ?? 'failed'}`, { kind: 'config' });
        }
        out.push((r.result as { totalSize: number }).totalSize);
      });
    }
    return out;
  }

  /** First page of a REST query (queryAll when `includeDeleted`), `batchSize` rows at most. */
  queryFirst<R>(soql: string, options: { includeDeleted: boolean; batchSize: number }): Promise<QueryPage<R>> {
    const resource = options.includeDeleted ? 'queryAll' : 'query';
    return this.call('query', () => this.conn.request<QueryPage<R>>({
      method: 'GET',
      url: `/services/data/v${this.apiVersion}/${resource}?q=${encodeURIComponent(soql)}`,
      headers: { 'Sforce-Query-Options': `batchSize=${options.batchSize}` },
    }));
  }

  queryMore<R>(nextRecordsUrl: string): Promise<QueryPage<R>> {
    return this.call('queryMore', () => this.conn.request<QueryPage<R>>(nextRecordsUrl));
  }

  createBulkQuery(soql: string, includeDeleted: boolean): Promise<{ id: string; state: string }> {
    return this.call('bulk create', () => createBulkQueryJob(this.conn, soql, includeDeleted ? 'queryAll' : 'query'));
  }

  bulkJobState(jobId: string): Promise<{ id: string; state: string; errorMessage?: string }> {
    return this.call('bulk poll', () => this.conn.request(`/services/data/v${this.apiVersion}/jobs/query/${jobId}`));
  }

  bulkPage(jobId: string, locator: string | null, maxRecords: number): Promise<BulkQueryPage> {
    return this.call('bulk results', () => fetchBulkQueryPage(this.conn, jobId, locator, maxRecords));
  }
}
