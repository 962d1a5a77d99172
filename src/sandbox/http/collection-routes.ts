import { RecordWriteError, recordError, type RecordError } from '../org/record-error.ts';
import { renderRecord } from '../org/record-json.ts';
import { DATA, type Route, type RouteContext } from './route.ts';
import { notFound, readJson, sendJson, SfHttpError } from './sf-response.ts';

/**
 * sObject Collections: up to 200 records a call, one API call whatever the count, per-record
 * results in request order. `allOrNone` rolls every write back when one fails; the survivors then
 * report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
const MAX_RECORDS = 200;

type SaveResult = { id: string | null; success: boolean; errors: RecordError[]; created?: boolean };
type CollectionBody = { allOrNone: boolean; records: Array<Record<string, unknown>> };

const parseBody = (body: unknown): CollectionBody => {
  const b = body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!b || !Array.isArray(b.records)) throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'The request body must contain a records array');
  if (b.records.length > MAX_RECORDS) {
    throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return { allOrNone: b.allOrNone === true, records: b.records as Array<Record<string, unknown>> };
};

const rolledBack = (): RecordError =>
  recordError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');

const typeOf = (record: Record<string, unknown>): string => {
  const attributes = record.attributes as { type?: unknown } | undefined;
  if (typeof attributes?.type !== 'string') throw new RecordWriteError([recordError('INVALID_TYPE', 'Must send a concrete entity type.')]);
  return attributes.type;
};

const errorsOf = (err: unknown): RecordError[] => {
  if (err instanceof RecordWriteError) return err.errors;
  if (err instanceof SfHttpError) return [recordError(err.errorCode, err.message)];
  throw err;
};

/** Runs one write per record; returns per-record results, honouring allOrNone. */
const runEach = (ctx: RouteContext, body: CollectionBody, write: (record: Record<string, unknown>) => SaveResult, idOf: (r: Record<string, unknown>) => string | null): SaveResult[] => {
  if (ctx.lockRowFault) {
    const id = idOf(body.records[0] ?? {}) ?? '';
    return body.records.map((r) => ({ id: idOf(r), success: false, errors: [recordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`)] }));
  }
  const each = (): SaveResult[] => body.records.map((record) => {
    try {
      return write(record);
    } catch (err) {
      return { id: idOf(record), success: false, errors: errorsOf(err) };
    }
  });
  if (!body.allOrNone) return each();
  let results: SaveResult[] = [];
  try {
    ctx.org.store.atomically(() => {
      results = each();
      if (results.some((r) => !r.success)) throw new Error('rollback');
    });
    return results;
  } catch {
    return results.map((r) => (r.success ? { id: null, success: false, errors: [rolledBack()] } : { ...r, id: null }));
  }
};

const createMany = async (ctx: RouteContext): Promise<void> => {
  const body = parseBody(await readJson(ctx.req));
  sendJson(ctx.res, 200, runEach(ctx, body, (record) => {
    if (record.id !== undefined || record.Id !== undefined) throw new RecordWriteError([recordError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id'])]);
    const created = ctx.org.store.insert(typeOf(record), record, ctx.session?.userId);
    return { id: created.Id as string, success: true, errors: [] };
  }, () => null));
};

const idField = (r: Record<string, unknown>): string | null => (typeof r.id === 'string' ? r.id : typeof r.Id === 'string' ? r.Id : null);

const updateMany = async (ctx: RouteContext): Promise<void> => {
  const body = parseBody(await readJson(ctx.req));
  sendJson(ctx.res, 200, runEach(ctx, body, (record) => {
    const id = idField(record);
    if (!id) throw new RecordWriteError([recordError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id'])]);
    const { id: _a, Id: _b, ...fields } = record;
    ctx.org.store.update(typeOf(record), id, fields, ctx.session?.userId);
    return { id: ctx.org.store.byId(id)?.Id as string, success: true, errors: [] };
  }, idField));
};

const upsertMany = async (ctx: RouteContext): Promise<void> => {
  const def = ctx.org.catalog.object(ctx.params.sobject ?? '');
  if (!def) throw notFound();
  const keyField = ctx.org.catalog.field(def.name, ctx.params.field ?? '');
  if (!keyField || !(keyField.externalId || keyField.name === 'Id')) {
    throw new SfHttpError(400, 'INVALID_FIELD', `Field name provided, ${ctx.params.field}, is not an External ID or indexed field for ${def.name}`);
  }
  const body = parseBody(await readJson(ctx.req));
  sendJson(ctx.res, 200, runEach(ctx, body, (record) => {
    if (typeOf(record).toLowerCase() !== def.name.toLowerCase()) throw new RecordWriteError([recordError('INVALID_TYPE', `Record type ${typeOf(record)} does not match ${def.name}`)]);
    const keyEntry = Object.entries(record).find(([k]) => k.toLowerCase() === keyField.name.toLowerCase());
    const key = keyEntry?.[1];
    if (key === undefined || key === null || key === '') {
      throw new RecordWriteError([recordError('MISSING_ARGUMENT', `${keyField.name} not specified`, [keyField.name])]);
    }
    const outcome = ctx.org.store.upsert(def.name, keyField.name, String(key), record, ctx.session?.userId);
    return { id: outcome.id, success: true, errors: [], created: outcome.created };
  }, idField));
};

const deleteMany = (ctx: RouteContext): void => {
  const ids = (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length > MAX_RECORDS) throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  const body = { allOrNone: ctx.query.get('allOrNone') === 'true', records: ids.map((id) => ({ id })) };
  sendJson(ctx.res, 200, runEach(ctx, body, (record) => {
    const id = String(record.id);
    const def = ctx.org.store.objectOf(id);
    if (!def) throw new RecordWriteError([recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')]);
    ctx.org.store.delete(def.name, id);
    return { id: ctx.org.store.byId(id)?.Id as string, success: true, errors: [] };
  }, idField));
};

const retrieveMany = async (ctx: RouteContext, fromBody: boolean): Promise<void> => {
  const def = ctx.org.catalog.object(ctx.params.sobject ?? '');
  if (!def) throw notFound();
  const body = fromBody ? ((await readJson(ctx.req)) as { ids?: string[]; fields?: string[] } | undefined) : undefined;
  const ids = body?.ids ?? (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
  const fieldNames = body?.fields ?? (ctx.query.get('fields') ?? '').split(',').filter(Boolean);
  if (ids.length > 2000) throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 2000 records into this call');
  const fields = fieldNames.map((n) => {
    const f = ctx.org.catalog.field(def.name, n.trim());
    if (!f) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${n}' on entity '${def.name}'.`);
    return f;
  });
  sendJson(ctx.res, 200, ids.map((id) => {
    const r = ctx.org.store.byId(id);
    return r && !r.IsDeleted && ctx.org.store.objectOf(id)?.name === def.name ? renderRecord(def, r, ctx.apiVersion ?? '62.0', fields) : null;
  }));
};

export const collectionRoutes: Route[] = [
  { method: 'POST', path: `${DATA}/composite/sobjects`, routeClass: 'collections', auth: true, handler: createMany },
  { method: 'PATCH', path: `${DATA}/composite/sobjects`, routeClass: 'collections', auth: true, handler: updateMany },
  { method: 'DELETE', path: `${DATA}/composite/sobjects`, routeClass: 'collections', auth: true, handler: deleteMany },
  { method: 'PATCH', path: `${DATA}/composite/sobjects/:sobject/:field`, routeClass: 'collections', auth: true, handler: upsertMany },
  { method: 'GET', path: `${DATA}/composite/sobjects/:sobject`, routeClass: 'collections', auth: true, handler: (ctx) => retrieveMany(ctx, false) },
  { method: 'POST', path: `${DATA}/composite/sobjects/:sobject`, routeClass: 'collections', auth: true, handler: (ctx) => retrieveMany(ctx, true) },
];
