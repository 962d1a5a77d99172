import { randomBytes } from 'node:crypto';
import { compileSoql, executeQuery, isSoqlError, type QueryResult } from '../soql/index.ts';
import { DATA, type Route, type RouteContext } from './route.ts';
import { sendJson, SfHttpError } from './sf-response.ts';

/**
 * `query` / `queryAll` with server-side cursors. Pages hold `batchSize` rows (Sforce-Query-Options,
 * 200–2,000, default 2,000) and link on with a nextRecordsUrl in Salesforce's form
 * (`/services/data/v62.0/query/01gRO00000XXXXXXXX-2000`). jsforce's queryMore always follows it
 * under `/query`, even after `/queryAll`, so one locator route serves both.
 */
type Cursor = { result: QueryResult; batchSize: number; apiVersion: string; lastUsed: number };

const CURSOR_IDLE_MS = 15 * 60 * 1000; // Salesforce expires an unused query locator after 15 minutes
const cursors = new Map<string, Cursor>();

const batchSizeOf = (ctx: RouteContext): number => {
  const header = String(ctx.req.headers['sforce-query-options'] ?? '');
  const m = /batchSize\s*=\s*(\d+)/i.exec(header);
  if (!m) return 2000;
  return Math.min(2000, Math.max(200, Number(m[1])));
};

const newCursorId = (): string => `01gRO${randomBytes(8).toString('hex').slice(0, 13).toUpperCase()}`;

const sweepCursors = (now: number): void => {
  for (const [id, c] of cursors) if (now - c.lastUsed > CURSOR_IDLE_MS) cursors.delete(id);
};

const sendPage = (ctx: RouteContext, result: QueryResult, offset: number, batchSize: number, apiVersion: string, cursorId: string | null): void => {
  const end = Math.min(result.rowCount, offset + batchSize);
  const records = [];
  for (let i = offset; i < end; i++) records.push(result.restRecord(i));
  const done = end >= result.rowCount;
  let id = cursorId;
  if (!done && id === null) {
    id = newCursorId();
    cursors.set(id, { result, batchSize, apiVersion, lastUsed: Date.now() });
  }
  sendJson(ctx.res, 200, {
    totalSize: result.totalSize,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/v${apiVersion}/query/${id}-${end}` }),
    records,
  });
};

const runQuery = (includeDeleted: boolean) => (ctx: RouteContext): void => {
  const soql = ctx.query.get('q');
  if (!soql) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  let result: QueryResult;
  try {
    const compiled = compileSoql(soql, ctx.org.catalog);
    result = executeQuery(compiled, ctx.org.store, { includeDeleted, now: ctx.org.clock.now(), apiVersion: ctx.apiVersion ?? '62.0' });
  } catch (err) {
    if (isSoqlError(err)) throw new SfHttpError(400, err.code, err.message);
    throw err;
  }
  sweepCursors(Date.now());
  sendPage(ctx, result, 0, batchSizeOf(ctx), ctx.apiVersion ?? '62.0', null);
};

const nextPage = (ctx: RouteContext): void => {
  const locator = ctx.params.locator ?? '';
  const m = /^(.+)-(\d+)$/.exec(locator);
  const cursor = m ? cursors.get(m[1]!) : undefined;
  if (!m || !cursor) throw new SfHttpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  cursor.lastUsed = Date.now();
  sendPage(ctx, cursor.result, Number(m[2]), cursor.batchSize, cursor.apiVersion, m[1]!);
};

export const queryRoutes: Route[] = [
  { method: 'GET', path: `${DATA}/query`, routeClass: 'query', auth: true, handler: runQuery(false) },
  { method: 'GET', path: `${DATA}/queryAll`, routeClass: 'query', auth: true, handler: runQuery(true) },
  { method: 'GET', path: `${DATA}/query/:locator`, routeClass: 'query', auth: true, handler: nextPage },
  { method: 'GET', path: `${DATA}/queryAll/:locator`, routeClass: 'query', auth: true, handler: nextPage },
];
