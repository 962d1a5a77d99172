import { formatDateTime } from '../org/field-coercion.ts';
import { DATA, type Route, type RouteContext } from './route.ts';
import { notFound, sendJson, SfHttpError } from './sf-response.ts';

/**
 * getUpdated / getDeleted (the replication API). Salesforce keeps 30 days of updates and 15 of
 * deletes (the Recycle Bin); asking further back is INVALID_REPLICATION_DATE, and purged rows
 * never appear — only an Id-set comparison finds those.
 */
const DAY = 24 * 60 * 60 * 1000;

const window = (ctx: RouteContext, maxDays: number): { start: string; end: string; latest: string } => {
  const parse = (name: string): Date => {
    const raw = ctx.query.get(name);
    const d = raw ? new Date(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : new Date(Number.NaN);
    if (Number.isNaN(d.getTime())) throw new SfHttpError(400, 'INVALID_REPLICATION_DATE', `${name} date is invalid or missing`);
    return d;
  };
  const start = parse('start');
  const end = parse('end');
  const now = ctx.org.clock.now();
  if (start.getTime() < now.getTime() - maxDays * DAY) throw new SfHttpError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${maxDays} days ago`);
  if (end <= start) throw new SfHttpError(400, 'INVALID_REPLICATION_DATE', 'EndDate must chronologically follow the StartDate');
  // Salesforce rounds down to the minute and never covers beyond "now".
  const latest = new Date(Math.min(end.getTime(), now.getTime()));
  latest.setUTCSeconds(0, 0);
  return { start: formatDateTime(start), end: formatDateTime(latest), latest: formatDateTime(latest) };
};

const objectName = (ctx: RouteContext): string => {
  const def = ctx.org.catalog.object(ctx.params.sobject ?? '');
  if (!def) throw notFound();
  return def.name;
};

export const replicationRoutes: Route[] = [
  {
    method: 'GET', path: `${DATA}/sobjects/:sobject/updated`, routeClass: 'rest', auth: true,
    handler: (ctx) => {
      const w = window(ctx, 30);
      const ids = ctx.org.store.updatedIds(objectName(ctx), w.start, w.end);
      if (ids.length > 600_000) throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', 'too many ids; use a shorter date range');
      sendJson(ctx.res, 200, { ids, latestDateCovered: w.latest });
    },
  },
  {
    method: 'GET', path: `${DATA}/sobjects/:sobject/deleted`, routeClass: 'rest', auth: true,
    handler: (ctx) => {
      const w = window(ctx, 15);
      const deletedRecords = ctx.org.store.deletedRecords(objectName(ctx), w.start, w.end);
      const earliest = formatDateTime(new Date(ctx.org.clock.now().getTime() - 15 * DAY));
      sendJson(ctx.res, 200, { deletedRecords, earliestDateAvailable: earliest, latestDateCovered: w.latest });
    },
  },
];

export const limitsRoutes: Route[] = [
  {
    method: 'GET', path: `${DATA}/limits`, routeClass: 'limits', auth: true,
    handler: ({ res, org }) => {
      const bulkUsed = org.usage.bulkQueryJobsUsed();
      sendJson(res, 200, {
        DailyApiRequests: { Max: org.usage.dailyMax, Remaining: org.usage.remaining() },
        DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 - bulkUsed },
        DailyBulkV2QueryFileStorageMB: { Max: 1048576, Remaining: 1048576 },
        ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
        DataStorageMB: { Max: 1024, Remaining: 1000 },
        FileStorageMB: { Max: 1024, Remaining: 1024 },
        SingleEmail: { Max: 5000, Remaining: 5000 },
      });
    },
  },
];
