import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { RawUsageRow } from '../../pipeline/usage-source.port.ts';
import type { HttpReply, RetryPolicy } from '../warehouse-errors.ts';
import { exchange, sleep, warehouseError, withRetries } from '../warehouse-errors.ts';
import type { SnowflakeAuth } from './snowflake-auth.ts';
import { classifySnowflakeReply, invalidReply, SnowflakePartition, SnowflakeQueryStatus, SnowflakeResultSet } from './snowflake-replies.ts';
import { snowflakeRows } from './snowflake-values.ts';

export type SnowflakeContext = { warehouse: string; database: string; schema: string; role?: string | undefined };

export type SnowflakeClientOptions = {
  /** https://<account>.snowflakecomputing.com, injectable for tests and private links. */
  baseUrl: string;
  auth: SnowflakeAuth;
  context: SnowflakeContext;
  timeoutSeconds: number;
  retry: RetryPolicy;
  /** First wait between status polls; doubles up to 5 s. */
  pollIntervalMs: number;
};

const MAX_POLL_MS = 5_000;
const USER_AGENT = 'sextant/0.1 (usage)';

const parse = <S extends z.ZodType>(schema: S, reply: HttpReply, what: string): z.infer<S> => {
  const parsed = schema.safeParse(reply.data);
  if (!parsed.success) throw invalidReply(what, parsed.error);
  return parsed.data;
};

/**
 * Runs one statement through the Snowflake SQL API v2 and yields its rows partition by
 * partition. Each call carries a requestId, and a retried POST says retry=true, so Snowflake runs
 * the statement once however often the network makes us ask. A statement past the API's
 * synchronous window answers 202: we poll its status URL until it answers 200 with the result.
 */
export class SnowflakeClient {
  readonly #options: SnowflakeClientOptions;
  readonly #http: AxiosInstance;

  constructor(options: SnowflakeClientOptions) {
    this.#options = options;
    this.#http = axios.create({ baseURL: options.baseUrl, timeout: 120_000 });
  }

  async #send(method: 'GET' | 'POST', url: string, body?: unknown): Promise<HttpReply> {
    const headers = { ...(await this.#options.auth.headers()), Accept: 'application/json', 'User-Agent': USER_AGENT };
    return exchange(this.#http, { method, url, data: body, headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' } }, 'Snowflake');
  }

  /** A request retried on transient failures; 200 and 202 come back, anything else throws. */
  #call(method: 'GET' | 'POST', url: (attempt: number) => string, body?: unknown): Promise<HttpReply> {
    return withRetries(async (attempt) => {
      const reply = await this.#send(method, url(attempt), body);
      if (reply.status === 200 || reply.status === 202) return reply;
      throw classifySnowflakeReply(reply);
    }, this.#options.retry);
  }

  async #execute(statement: string, bindings: readonly string[]): Promise<SnowflakeResultSet> {
    const { context, timeoutSeconds } = this.#options;
    const requestId = randomUUID();
    const body = {
      statement,
      timeout: timeoutSeconds,
      warehouse: context.warehouse,
      database: context.database,
      schema: context.schema,
      ...(context.role === undefined ? {} : { role: context.role }),
      ...(bindings.length === 0 ? {} : { bindings: Object.fromEntries(bindings.map((value, i) => [String(i + 1), { type: 'TEXT', value }])) }),
      // Day boundaries are computed in SQL; the session zone only decides how a TIMESTAMP_NTZ is read.
      parameters: { timezone: 'UTC', query_tag: 'sextant-usage' },
    };
    let reply = await this.#call('POST', (attempt) => `/api/v2/statements?requestId=${requestId}${attempt > 1 ? '&retry=true' : ''}`, body);
    const deadline = Date.now() + (timeoutSeconds + 60) * 1000;
    let wait = this.#options.pollIntervalMs;
    while (reply.status === 202) {
      const status = parse(SnowflakeQueryStatus, reply, 'statement status');
      if (Date.now() > deadline) {
        throw warehouseError('WAREHOUSE_QUERY_TIMEOUT', 'transient', `Snowflake statement ${status.statementHandle} still running after ${timeoutSeconds}s`);
      }
      await sleep(wait);
      wait = Math.min(wait * 2, MAX_POLL_MS);
      reply = await this.#call('GET', () => `/api/v2/statements/${encodeURIComponent(status.statementHandle)}`);
    }
    return parse(SnowflakeResultSet, reply, 'result set');
  }

  /** Rows of the statement's result, one page per result partition. */
  async *query(statement: string, bindings: readonly string[]): AsyncGenerator<RawUsageRow[], void, undefined> {
    const result = await this.#execute(statement, bindings);
    const columns = result.resultSetMetaData.rowType;
    if (result.data.length > 0) yield snowflakeRows(columns, result.data);
    const partitions = result.resultSetMetaData.partitionInfo?.length ?? 1;
    const handle = encodeURIComponent(result.statementHandle);
    for (let partition = 1; partition < partitions; partition++) {
      const reply = await this.#call('GET', () => `/api/v2/statements/${handle}?partition=${partition}`);
      const rows = parse(SnowflakePartition, reply, `partition ${partition}`).data;
      if (rows.length > 0) yield snowflakeRows(columns, rows);
    }
  }
}
