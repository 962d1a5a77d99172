import { parse } from 'csv-parse/sync';

import { RecordWriteError } from '../org/record-error.ts';
import type { SandboxOrg } from '../sandbox-org.ts';
import { DATA, type Route, type RouteContext } from '../http/route.ts';
import { notFound, readBody, readJson, sendJson, sendNoContent, SfHttpError } from '../http/sf-response.ts';
import { csvCell, jobInfoCommon, newJobId, type JobBase } from './bulk-job.ts';

/**
 * Bulk API 2.0 ingest: create a job, PUT one CSV upload, mark UploadComplete, poll, then read
 * successfulResults / failedResults / unprocessedrecords. Rows are applied one by one, so one bad
 * row fails alone (a Bulk job is never all-or-none). Empty cells leave a field unchanged and
 * `#N/A` sets it to null, as in Salesforce.
 */
type Operation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

type IngestJob = JobBase & {
  operation: Operation;
  externalIdFieldName: string | null;
  header: string[];
  rows: string[][];
  uploaded: boolean;
  successful: Array<{ id: string; created: boolean; row: string[] }>;
  failed: Array<{ id: string; error: string; row: string[] }>;
  unprocessed: string[][];
  processed: boolean;
};

const jobs = new WeakMap<SandboxOrg, Map<string, IngestJob>>();
const jobsOf = (org: SandboxOrg): Map<string, IngestJob> => {
  let m = jobs.get(org);
  if (!m) jobs.set(org, (m = new Map()));
  return m;
};

const OPERATIONS: readonly Operation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];

const info = (job: IngestJob): Record<string, unknown> => ({
  ...jobInfoCommon(job),
  operation: job.operation,
  ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
  jobType: 'V2Ingest',
  numberRecordsProcessed: job.processed ? job.successful.length + job.failed.length : 0,
  numberRecordsFailed: job.failed.length,
  retries: 0,
  totalProcessingTime: job.processed ? 10 : 0,
});

const findJob = (ctx: RouteContext): IngestJob => {
  const job = jobsOf(ctx.org).get(ctx.params.jobId ?? '');
  if (!job) throw notFound();
  settle(ctx, job);
  return job;
};

const applyRow = (ctx: RouteContext, job: IngestJob, row: string[]): { id: string; created: boolean } => {
  const values: Record<string, unknown> = {};
  job.header.forEach((name, i) => {
    const cell = row[i] ?? '';
    if (cell === '') return;
    values[name] = cell === '#N/A' ? null : cell;
  });
  const store = ctx.org.store;
  const userId = ctx.session?.userId;
  const idOf = (): string => {
    const id = Object.entries(values).find(([k]) => k.toLowerCase() === 'id')?.[1];
    if (typeof id !== 'string') throw new RecordWriteError([{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: ['Id'] }]);
    return id;
  };
  switch (job.operation) {
    case 'insert':
      return { id: store.insert(job.object, values, userId).Id as string, created: true };
    case 'update': {
      const id = idOf();
      const { Id: _i, id: _j, ...rest } = values;
      return { id: store.update(job.object, id, rest, userId).Id as string, created: false };
    }
    case 'upsert': {
      const key = Object.entries(values).find(([k]) => k.toLowerCase() === (job.externalIdFieldName ?? '').toLowerCase())?.[1];
      if (typeof key !== 'string') throw new RecordWriteError([{ statusCode: 'MISSING_ARGUMENT', message: `${job.externalIdFieldName} not specified`, fields: [] }]);
      return store.upsert(job.object, job.externalIdFieldName ?? 'Id', key, values, userId);
    }
    case 'delete': case 'hardDelete': {
      const id = idOf();
      store.delete(job.object, id);
      if (job.operation === 'hardDelete') store.purge(id);
      return { id: store.byId(id)?.Id as string ?? id, created: false };
    }
  }
};

/** Applies the upload once the job's processing delay has passed (lazily, on the next request). */
const settle = (ctx: RouteContext, job: IngestJob): void => {
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return;
  if (Date.now() < job.readyAt) {
    job.state = 'InProgress';
    return;
  }
  if (job.processed) return;
  for (const row of job.rows) {
    if (ctx.lockRowFault && job.failed.length === 0) {
      job.failed.push({ id: '', error: 'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records:--', row });
      continue;
    }
    try {
      job.successful.push({ ...applyRow(ctx, job, row), row });
    } catch (err) {
      if (!(err instanceof RecordWriteError)) throw err;
      const e = err.errors[0];
      job.failed.push({ id: '', error: `${e?.statusCode}:${e?.message}:${(e?.fields ?? []).join(',') || '--'}`, row });
    }
  }
  job.rows = [];
  job.processed = true;
  job.state = 'JobComplete';
  job.systemModstamp = ctx.org.store.now();
};

const createJob = async (ctx: RouteContext): Promise<void> => {
  const body = (await readJson(ctx.req)) as { object?: string; operation?: string; externalIdFieldName?: string; contentType?: string } | undefined;
  const def = ctx.org.catalog.object(body?.object ?? '');
  if (!def) throw new SfHttpError(400, 'INVALIDENTITY', `Entity '${body?.object}' is not supported by the Bulk API.`);
  const operation = body?.operation as Operation;
  if (!OPERATIONS.includes(operation)) throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Invalid job operation: ${body?.operation}`);
  if (body?.contentType && body.contentType !== 'CSV') throw new SfHttpError(400, 'INVALIDJOB', 'InvalidJob : Unsupported content type');
  if (operation === 'upsert') {
    const f = ctx.org.catalog.field(def.name, body?.externalIdFieldName ?? '');
    if (!f || !(f.externalId || f.name === 'Id')) throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : External ID field ${body?.externalIdFieldName} not found for ${def.name}`);
  }
  const now = ctx.org.store.now();
  const job: IngestJob = {
    id: newJobId(), object: def.name, createdById: ctx.session?.userId ?? '', createdDate: now, systemModstamp: now,
    state: 'Open', apiVersion: Number(ctx.apiVersion), readyAt: 0, errorMessage: null,
    operation, externalIdFieldName: operation === 'upsert' ? (body?.externalIdFieldName ?? null) : null,
    header: [], rows: [], uploaded: false, successful: [], failed: [], unprocessed: [], processed: false,
  };
  jobsOf(ctx.org).set(job.id, job);
  sendJson(ctx.res, 200, { ...info(job), contentUrl: `services/data/v${ctx.apiVersion}/jobs/ingest/${job.id}/batches` });
};

const upload = async (ctx: RouteContext): Promise<void> => {
  const job = findJob(ctx);
  if (job.state !== 'Open') throw new SfHttpError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open for uploads`);
  if (job.uploaded) throw new SfHttpError(400, 'BULK_API_ERROR', 'Found multiple contents for job; upload once per job');
  const text = (await readBody(ctx.req)).toString('utf8');
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (err) {
    throw new SfHttpError(400, 'INVALIDBATCH', `InvalidBatch : ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new SfHttpError(400, 'INVALIDBATCH', 'InvalidBatch : empty CSV upload');
  for (const name of header) {
    if (!ctx.org.catalog.field(job.object, name)) throw new SfHttpError(400, 'INVALIDBATCH', `InvalidBatch : Field name not found : ${name}`);
  }
  job.header = header;
  job.rows = rows;
  job.uploaded = true;
  ctx.res.writeHead(201);
  ctx.res.end();
};

const changeState = async (ctx: RouteContext): Promise<void> => {
  const job = findJob(ctx);
  const body = (await readJson(ctx.req)) as { state?: string } | undefined;
  if (body?.state === 'UploadComplete') {
    if (job.state !== 'Open') throw new SfHttpError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open`);
    job.state = 'UploadComplete';
    job.readyAt = Date.now() + ctx.org.bulk.processingMs;
  } else if (body?.state === 'Aborted') {
    if (job.processed) throw new SfHttpError(409, 'INVALIDJOBSTATE', `Job ${job.id} is already complete`);
    job.state = 'Aborted';
    job.unprocessed = job.rows;
    job.rows = [];
  } else throw new SfHttpError(400, 'INVALIDJOBSTATE', `Unsupported state change: ${body?.state}`);
  job.systemModstamp = ctx.org.store.now();
  sendJson(ctx.res, 200, info(job));
};

const sendCsv = (ctx: RouteContext, header: string[], lines: string[][]): void => {
  ctx.res.writeHead(200, { 'Content-Type': 'text/csv' });
  const out = [header.map(csvCell).join(','), ...lines.map((l) => l.map(csvCell).join(','))];
  ctx.res.end(`${out.join('\n')}\n`);
};

export const ingestRoutes: Route[] = [
  { method: 'POST', path: `${DATA}/jobs/ingest`, routeClass: 'bulk', auth: true, handler: createJob },
  {
    method: 'GET', path: `${DATA}/jobs/ingest`, routeClass: 'bulk', auth: true,
    handler: (ctx) => sendJson(ctx.res, 200, { done: true, records: [...jobsOf(ctx.org).values()].map(info), nextRecordsUrl: null }),
  },
  { method: 'GET', path: `${DATA}/jobs/ingest/:jobId`, routeClass: 'bulk', auth: true, handler: (ctx) => sendJson(ctx.res, 200, info(findJob(ctx))) },
  { method: 'PUT', path: `${DATA}/jobs/ingest/:jobId/batches`, routeClass: 'bulk', auth: true, handler: upload },
  { method: 'PATCH', path: `${DATA}/jobs/ingest/:jobId`, routeClass: 'bulk', auth: true, handler: changeState },
  {
    method: 'DELETE', path: `${DATA}/jobs/ingest/:jobId`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const job = findJob(ctx);
      if (job.state === 'Open' || job.state === 'InProgress' || job.state === 'UploadComplete') throw new SfHttpError(400, 'INVALIDJOBSTATE', 'Job must be complete or aborted to be deleted');
      jobsOf(ctx.org).delete(job.id);
      sendNoContent(ctx.res);
    },
  },
  {
    method: 'GET', path: `${DATA}/jobs/ingest/:jobId/successfulResults`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const job = findJob(ctx);
      sendCsv(ctx, ['sf__Id', 'sf__Created', ...job.header], job.successful.map((s) => [s.id, String(s.created), ...s.row]));
    },
  },
  {
    method: 'GET', path: `${DATA}/jobs/ingest/:jobId/failedResults`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const job = findJob(ctx);
      sendCsv(ctx, ['sf__Id', 'sf__Error', ...job.header], job.failed.map((f) => [f.id, f.error, ...f.row]));
    },
  },
  {
    method: 'GET', path: `${DATA}/jobs/ingest/:jobId/unprocessedrecords`, routeClass: 'bulk', auth: true,
    handler: (ctx) => {
      const job = findJob(ctx);
      sendCsv(ctx, job.header, job.unprocessed);
    },
  },
];

