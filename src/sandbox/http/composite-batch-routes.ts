import { request as httpRequest } from 'node:http';
import { DATA, type Route, type RouteContext } from './route.ts';
import { readJson, sendJson, SfHttpError } from './sf-response.ts';

/**
 * Composite Batch: up to 25 independent GET subrequests in one call, which counts as one API
 * request against the daily limit — Sextant uses it to count every object's changes in a
 * single preflight. Subrequests are replayed against this same server with the caller's token
 * (they are not counted again, as Salesforce does not count them).
 */
type SubRequest = { method?: string; url?: string };

const MAX_SUBREQUESTS = 25;

const replay = (ctx: RouteContext, url: string): Promise<{ statusCode: number; result: unknown }> =>
  new Promise((resolve, reject) => {
    const base = new URL(ctx.org.instanceUrl);
    const req = httpRequest({
      host: base.hostname, port: base.port, path: url, method: 'GET',
      headers: { Authorization: ctx.req.headers.authorization ?? '', 'X-Sandbox-Subrequest': ctx.org.controlToken },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let result: unknown = text;
        try {
          result = JSON.parse(text);
        } catch {
          // non-JSON bodies are passed through as text, as Salesforce does for binary results
        }
        resolve({ statusCode: res.statusCode ?? 500, result });
      });
    });
    req.on('error', reject);
    req.end();
  });

export const compositeBatchRoutes: Route[] = [
  {
    method: 'POST', path: `${DATA}/composite/batch`, routeClass: 'rest', auth: true,
    handler: async (ctx) => {
      const body = (await readJson(ctx.req)) as { batchRequests?: SubRequest[]; haltOnError?: boolean } | undefined;
      const requests = body?.batchRequests;
      if (!Array.isArray(requests) || requests.length === 0) throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'batchRequests is required');
      if (requests.length > MAX_SUBREQUESTS) throw new SfHttpError(400, 'INVALID_BATCH_REQUEST', `A batch can contain up to ${MAX_SUBREQUESTS} requests`);
      const results: Array<{ statusCode: number; result: unknown }> = [];
      let halted = false;
      for (const sub of requests) {
        if (halted) {
          results.push({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
          continue;
        }
        if ((sub.method ?? 'GET').toUpperCase() !== 'GET' || typeof sub.url !== 'string') {
          results.push({ statusCode: 400, result: [{ errorCode: 'INVALID_BATCH_REQUEST', message: 'The sandbox batches GET subrequests only' }] });
          continue;
        }
        const url = sub.url.startsWith('/services/') ? sub.url : `/services/data/v${ctx.apiVersion}/${sub.url.replace(/^v\d+\.\d+\//, '')}`;
        const r = await replay(ctx, url);
        results.push(r);
        if (r.statusCode >= 400 && body?.haltOnError) halted = true;
      }
      sendJson(ctx.res, 200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
    },
  },
];
