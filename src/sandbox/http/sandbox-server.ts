import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import findMyWay, { type HTTPMethod } from 'find-my-way';
import type { SandboxOrg } from '../sandbox-org.ts';
import type { InjectedFault } from '../faults/fault-injector.ts';
import { RecordWriteError } from '../org/record-error.ts';
import { isSupportedVersion } from './version-routes.ts';
import { sendRecordErrors, sendSfError, SfHttpError } from './sf-response.ts';
import type { Route, RouteContext } from './route.ts';

/**
 * The sandbox's HTTP front: routing, bearer-session checks, API-limit accounting with
 * `Sforce-Limit-Info` on every data response, injected faults, and Salesforce-shaped errors for
 * anything a handler throws.
 */
export type SandboxServer = { url: string; server: Server; close(): Promise<void> };

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

const bearer = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization ?? '';
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h);
  return m?.[1]?.trim() ?? null;
};

/** Makes the response die mid-body: headers and part of the payload go out, then the socket closes. */
const armConnectionReset = (res: ServerResponse): void => {
  const write = res.write.bind(res);
  let cut = false;
  const cutOff = (chunk: unknown): void => {
    if (cut) return;
    cut = true;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.alloc(0);
    if (!res.headersSent) res.flushHeaders();
    if (buf.length > 1) write(buf.subarray(0, Math.floor(buf.length / 2)));
    setImmediate(() => res.socket?.destroy());
  };
  res.write = ((chunk: unknown) => { cutOff(chunk); return true; }) as typeof res.write;
  res.end = ((chunk?: unknown) => { cutOff(chunk ?? ''); return res; }) as typeof res.end;
};

const applyFault = async (fault: InjectedFault, ctx: RouteContext): Promise<boolean> => {
  const { res, org } = ctx;
  switch (fault.kind) {
    case 'latency':
      await new Promise((r) => setTimeout(r, fault.latencyMs));
      return false;
    case 'reset':
      armConnectionReset(res);
      return false;
    case 'lock-row':
      ctx.lockRowFault = true;
      return false;
    case 'http-503':
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
      return true;
    case 'http-500':
      sendSfError(res, 500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1948372615-88412 (-1234567)');
      return true;
    case 'http-429':
      res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
      res.end('Too Many Requests');
      return true;
    case 'http-420':
      res.writeHead(420, { 'Content-Type': 'text/plain' });
      res.end('Enhance Your Calm');
      return true;
    case 'request-limit':
      // The concurrent-long-request limit; the daily one has the same code. Clients tell them
      // apart by asking /limits, which is why /limits itself is never faulted this way.
      sendSfError(res, 403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.');
      return true;
    case 'revoke-session':
      org.sessions.revokeAll();
      sendSfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      return true;
    case 'query-timeout':
      sendSfError(res, 400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');
      return true;
  }
};

export const startSandboxServer = async (
  org: SandboxOrg,
  routes: readonly Route[],
  options: { port?: number; host?: string } = {},
): Promise<SandboxServer> => {
  const router = findMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 500 });

  const dispatch = async (route: Route, req: IncomingMessage, res: ServerResponse, params: Record<string, string | undefined>): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const apiVersion = params.version ?? null;
    const ctx: RouteContext = { req, res, org, params, query: url.searchParams, session: null, apiVersion, lockRowFault: false };
    const isData = url.pathname.startsWith('/services/data/v');
    try {
      if (apiVersion !== null && !isSupportedVersion(apiVersion)) throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const fault = req.headers['x-sandbox-subrequest'] === org.controlToken ? null : org.faults.next(route.routeClass, WRITE_METHODS.has(req.method ?? 'GET'));
      if (fault && (route.auth || route.routeClass === 'auth') && (await applyFault(fault, ctx))) return;
      if (route.auth) {
        const token = bearer(req);
        ctx.session = token === null ? null : (org.sessions.verify(token) ?? null);
        if (!ctx.session) throw new SfHttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      }
      // Composite subrequests replayed by the sandbox itself are part of one counted call.
      const subrequest = req.headers['x-sandbox-subrequest'] === org.controlToken;
      if (isData && !subrequest) {
        if (!org.usage.tryConsume()) {
          res.setHeader('Sforce-Limit-Info', org.usage.header());
          throw new SfHttpError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        }
        res.setHeader('Sforce-Limit-Info', org.usage.header());
      }
      await route.handler(ctx);
    } catch (err) {
      if (res.headersSent) {
        res.destroy(err as Error);
        return;
      }
      if (err instanceof SfHttpError) return sendSfError(res, err.status, err.errorCode, err.message, err.fields);
      if (err instanceof RecordWriteError) return sendRecordErrors(res, err.httpStatus, err.errors);
      sendSfError(res, 500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${(err as Error).message}`);
    }
  };

  for (const route of routes) {
    router.on(route.method as HTTPMethod, route.path, (req, res, params) => {
      void dispatch(route, req, res, params as Record<string, string | undefined>);
    });
  }
  router.on(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'], '*', (_req, res) => sendSfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist'));

  const server = createServer((req, res) => router.lookup(req, res));
  // Bulk uploads and long result streams outlive Node's default request timeout.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  org.instanceUrl = url;
  return {
    url,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

