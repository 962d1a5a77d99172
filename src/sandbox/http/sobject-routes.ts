import type { ObjectDef } from '../schema/object-schema.ts';
import { describeGlobalEntry, describeObject } from '../schema/describe.ts';
import { renderRecord } from '../org/record-json.ts';
import { RecordWriteError } from '../org/record-error.ts';
import { DATA, type Route, type RouteContext } from './route.ts';
import { notFound, readJson, sendJson, sendNoContent, SfHttpError } from './sf-response.ts';

/** describeGlobal, describe, and single-record create/read/update/delete/upsert. */
const objectOf = (ctx: RouteContext): ObjectDef => {
  const def = ctx.org.catalog.object(ctx.params.sobject ?? '');
  if (!def) throw notFound();
  return def;
};

const version = (ctx: RouteContext): string => ctx.apiVersion ?? '62.0';

const asBody = (body: unknown): Record<string, unknown> => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of sObject from a non-object value');
  return body as Record<string, unknown>;
};

const lockCheck = (ctx: RouteContext, id: string): void => {
  if (ctx.lockRowFault) throw new SfHttpError(400, 'UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`);
};

const getRecord = (ctx: RouteContext): void => {
  const def = objectOf(ctx);
  const record = ctx.org.store.byId(ctx.params.id ?? '');
  if (!record || record.IsDeleted || ctx.org.store.objectOf(record.Id as string)?.name !== def.name) throw notFound();
  const fieldsParam = ctx.query.get('fields');
  let only;
  if (fieldsParam) {
    only = fieldsParam.split(',').map((name) => {
      const f = ctx.org.catalog.field(def.name, name.trim());
      if (!f) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
      return f;
    });
  }
  sendJson(ctx.res, 200, renderRecord(def, record, version(ctx), only));
};

const createRecord = async (ctx: RouteContext): Promise<void> => {
  const def = objectOf(ctx);
  const body = asBody(await readJson(ctx.req));
  lockCheck(ctx, '');
  const record = ctx.org.store.insert(def.name, body, ctx.session?.userId);
  sendJson(ctx.res, 201, { id: record.Id, success: true, errors: [] });
};

const updateRecord = async (ctx: RouteContext): Promise<void> => {
  const def = objectOf(ctx);
  const body = asBody(await readJson(ctx.req));
  lockCheck(ctx, ctx.params.id ?? '');
  ctx.org.store.update(def.name, ctx.params.id ?? '', body, ctx.session?.userId);
  sendNoContent(ctx.res);
};

const deleteRecord = (ctx: RouteContext): void => {
  const def = objectOf(ctx);
  lockCheck(ctx, ctx.params.id ?? '');
  ctx.org.store.delete(def.name, ctx.params.id ?? '');
  sendNoContent(ctx.res);
};

const upsertRecord = async (ctx: RouteContext): Promise<void> => {
  const def = objectOf(ctx);
  const body = asBody(await readJson(ctx.req));
  lockCheck(ctx, '');
  try {
    const outcome = ctx.org.store.upsert(def.name, ctx.params.field ?? '', ctx.params.value ?? '', body, ctx.session?.userId);
    sendJson(ctx.res, outcome.created ? 201 : 200, { id: outcome.id, success: true, errors: [], created: outcome.created });
  } catch (err) {
    // Several records share the external id: Salesforce answers 300 with their URLs.
    if (err instanceof RecordWriteError && err.httpStatus === 300) {
      const matches = ctx.org.store.findByKey(def.name, ctx.params.field ?? '', ctx.params.value ?? '');
      return sendJson(ctx.res, 300, matches.map((m) => `/services/data/v${version(ctx)}/sobjects/${def.name}/${m.Id}`));
    }
    throw err;
  }
};

const getByExternalId = (ctx: RouteContext): void => {
  const def = objectOf(ctx);
  const field = ctx.org.catalog.field(def.name, ctx.params.field ?? '');
  if (!field || !(field.externalId || field.idLookup)) throw notFound();
  const matches = ctx.org.store.findByKey(def.name, field.name, ctx.params.value ?? '');
  if (matches.length === 0) throw notFound();
  if (matches.length > 1) return sendJson(ctx.res, 300, matches.map((m) => `/services/data/v${version(ctx)}/sobjects/${def.name}/${m.Id}`));
  sendJson(ctx.res, 200, renderRecord(def, matches[0]!, version(ctx)));
};

export const sobjectRoutes: Route[] = [
  {
    method: 'GET', path: `${DATA}/sobjects`, routeClass: 'rest', auth: true,
    handler: (ctx) => sendJson(ctx.res, 200, {
      encoding: 'UTF-8', maxBatchSize: 200,
      sobjects: ctx.org.catalog.objects.map((o) => describeGlobalEntry(o, version(ctx))),
    }),
  },
  { method: 'GET', path: `${DATA}/sobjects/:sobject/describe`, routeClass: 'rest', auth: true, handler: (ctx) => sendJson(ctx.res, 200, describeObject(objectOf(ctx), version(ctx))) },
  {
    method: 'GET', path: `${DATA}/sobjects/:sobject`, routeClass: 'rest', auth: true,
    handler: (ctx) => {
      const def = objectOf(ctx);
      sendJson(ctx.res, 200, { objectDescribe: describeGlobalEntry(def, version(ctx)), recentItems: [] });
    },
  },
  { method: 'POST', path: `${DATA}/sobjects/:sobject`, routeClass: 'rest', auth: true, handler: createRecord },
  { method: 'GET', path: `${DATA}/sobjects/:sobject/:id`, routeClass: 'rest', auth: true, handler: getRecord },
  { method: 'PATCH', path: `${DATA}/sobjects/:sobject/:id`, routeClass: 'rest', auth: true, handler: updateRecord },
  { method: 'DELETE', path: `${DATA}/sobjects/:sobject/:id`, routeClass: 'rest', auth: true, handler: deleteRecord },
  { method: 'GET', path: `${DATA}/sobjects/:sobject/:field/:value`, routeClass: 'rest', auth: true, handler: getByExternalId },
  { method: 'PATCH', path: `${DATA}/sobjects/:sobject/:field/:value`, routeClass: 'rest', auth: true, handler: upsertRecord },
];
