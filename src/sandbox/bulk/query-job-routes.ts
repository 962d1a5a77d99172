import { once } from 'node:events';
import { bulkUnsupportedReason, compileSoql, executeQuery, isSoqlError, type QueryResult } from '../soql/index.ts';
import type { SandboxOrg } from '../sandbox-org.ts';
import { DATA, type Route, type RouteContext } from '../http/route.ts';
import { notFound, readJson, sendJson, sendNoContent, SfHttpError } from '../http/sf-response.ts';
import { jobInfoCommon, newJobId, type JobBase } from './bulk-job.ts';

/**
 * Bulk API 2.0 query jobs. The result set is fixed when the job is created (a snapshot, like the
 * real thing) and served as CSV pages: `?locator=&maxRecords=`, with `Sforce-Locator` naming the
 * next page (the literal string `null` on the last) and `Sforce-NumberOfRecords` the page size.
 * Locators are base64 row offsets, as Salesforce's are. Rows are streamed in chunks with
 * backpressure, never built into one giant string.
 */
type QueryJob = JobBase & { operation: 'query' | 'queryAll'; query: string; result: QueryResult | null };

const CHUNK_ROWS = 2_000;

const jobs = new WeakMap<SandboxOrg, Map<string, QueryJob>>();
const jobsOf = (org: SandboxOrg): Map<string, QueryJob> => {
  let m = jobs.get(org);
  if (!m) jobs.set(org, (m = new Map()));
  return m;
};

const settle = (job: QueryJob): void => {
  if ((job.state === 'UploadComplete' || job.state === 'InProgress') && Date.now() >= job.readyAt) job.state = 'JobComplete';
  else if (job.state === 'UploadComplete') job.state = 'InProgress';
};

const info = (job: QueryJob): Record<string, unknown> => ({
  ...jobInfoCommon(job),
  operation: job.operation,
  jobType: 'V2Query',
  numberRecordsProcessed: job.state === 'JobComplete' ? (job.result?.rowCount ?? 0) : 0,
  retries: 0,
  totalProcessingTime: job.state === 'JobComplete' ? 25 : 0,
});

const findJob = (ctx: RouteContext): QueryJob => {
  const job = jobsOf(ctx.org).get(ctx.params.jobId ?? '');
  if (!job) throw notFound();
  settle(job);
  return job;
};

const createJob = async (ctx: RouteContext): Promise<void> => {
  const body = (await readJson(ctx.req)) as { operation?: string; query?: string; contentType?: string; columnDelimiter?: string; lineEnding?: string } | undefined;
  const operation = body?.operation ?? 'query';
  if (operation !== 'query' && operation !== 'queryAll') throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${operation}`);
  if (!body?.query) throw new SfHttpError(400, 'INVALIDJOB', 'InvalidJob : query is required');
  if ((body.contentType ?? 'CSV') !== 'CSV' || (body.columnDelimiter ?? 'COMMA') !== 'COMMA' || (body.lineEnding ?? 'LF') !== 'LF') {
    throw new SfHttpError(400, 'INVALIDJOB', 'InvalidJob : the sandbox serves CSV with COMMA delimiters and LF line endings');
  }
  let result: QueryResult;
  let object: string;
  try {
    const compiled = compileSoql(body.query, ctx.org.catalog);
    const unsupported = bulkUnsupportedReason(compiled);
    if (unsupported) throw new SfHttpError(400, 'API_ERROR', unsupported);
    object = compiled.object.name;
    result = executeQuery(compiled, ctx.org.store, { includeDeleted: operation === 'queryAll', now: ctx.org.clock.now(), apiVersion: ctx.apiVersion ?? '62.0' });
  } catch (err) {
    if (isSoqlError(err)) throw new SfHttpError(400, err.code, err.message);
    throw err;
  }
  const now = ctx.org.store.now();
  const job: QueryJob = {
    id: newJobId(), object, createdById: ctx.session?.userId ?? '', createdDate: now, systemModstamp: now,
    state: 'UploadComplete', apiVersion: Number(ctx.apiVersion), readyAt: Date.now() + ctx.org.bulk.processingMs, errorMessage: null,
    operation, query: body.query, result,
  };
  ctx.org.usage.recordBulkQueryJob();
  jobsOf(ctx.org).set(job.id, job);
  sendJson(ctx.res, 200, info(job));
};

const decodeLocator = (locator: string | null): number => {
  if (!locator) return 0;
  const offset = Number(Buffer.from(locator, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new SfHttpError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator}`);
  return offset;
};

const streamResults = async (ctx: RouteContext): Promise<void> => {
  const job = findJob(ctx);
  if (job.state !== 'JobComplete' || !job.result) {
    throw new SfHttpError(400, 'INVALIDJOBSTATE', `Query job ${job.id} is not complete (state ${job.state})`);
  }
  // Results must be read with the API version the job was created with.
  if (Number(ctx.apiVersion) !== job.apiVersion) {
    throw new SfHttpError(409, 'INVALIDJOBSTATE', `Results of job ${job.id} must be retrieved with API version ${job.apiVersion.toFixed(1)}`);
  }
  const result = job.result;
  const offset = decodeLocator(ctx.query.get('locator'));
  const maxRaw = ctx.query.get('maxRecords');
  const maxRecords = maxRaw === null ? ctx.org.bulk.defaultPageSize : Number(maxRaw);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new SfHttpError(400, 'INVALIDMAXRECORDS', `Invalid maxRecords: ${maxRaw}`);
  const end = Math.min(result.rowCount, offset + maxRecords);
  const next = end < result.rowCount ? Buffer.from(String(end)).toString('base64') : 'null';
  const res = ctx.res;
  res.writeHead(200, {
    'Content-Type': 'text/csv',
    'Sforce-Locator': next,
    'Sforce-NumberOfRecords': String(Math.max(0, end - offset)),
  });
  let chunk = `${result.bulkHeaderLine}\n`;
  for (let i = offset; i < end; i++) {
    chunk += `${result.bulkCsvLine(i)}\n`;
    if ((i - offset + 1) % CHUNK_ROWS === 0) {
      if (!res.write(chunk)) await once(res, 'drain');
      chunk = '';
      if (res.destroyed) return;
    }
  }
  res.end(chunk);
};

const changeState = async (ctx: RouteContext): Promise<void> => {
  const job = findJob(ctx);
  const body = (await readJson(ctx.req)) as { state?: string } | undefined;
  if (body?.state !== 'Aborted') throw new SfHttpError(400, 'INVALIDJOBSTATE', `Unsupported state change: ${body?.state}`);
  if (job.state === 'JobComplete' || job.state === 'Failed') throw new SfHttpError(400, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`);
  job.state = 'Aborted';
  job.result = null;
  job.systemModstamp = ctx.org.store.now();
  sendJson(ctx.res, 200, info(job));
};

export const bulkQueryRoutes: Route[] = [
  { method: 'POST', path: `${DATA}/jobs/query`, routeClass: 'bulk', auth: true, handler: createJob },
  {
    method: 'GET', path: `${DATA}/jobs/query`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const all = [...jobsOf(ctx.org).values()];
      all.forEach(settle);
      sendJson(ctx.res, 200, { done: true, records: all.map(info), nextRecordsUrl: null });
    },
  },
  { method: 'GET', path: `${DATA}/jobs/query/:jobId`, routeClass: 'bulk', auth: true, handler: (ctx) => sendJson(ctx.res, 200, info(findJob(ctx))) },
  { method: 'GET', path: `${DATA}/jobs/query/:jobId/results`, routeClass: 'bulk', auth: true, handler: streamResults },
  { method: 'PATCH', path: `${DATA}/jobs/query/:jobId`, routeClass: 'bulk', auth: true, handler: changeState },
  {
    method: 'DELETE', path: `${DATA}/jobs/query/:jobId`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const job = findJob(ctx);
      if (job.state === 'UploadComplete' || job.state === 'InProgress') throw new SfHttpError(400, 'INVALIDJOBSTATE', 'Job must be complete or aborted to be deleted');
      jobsOf(ctx.org).delete(job.id);
      sendNoContent(ctx.res);
    },
  },
];
