import { Transport } from '@jsforce/jsforce-node/lib/transport.js';
import { createHttpRequestHandlerStreams } from '@jsforce/jsforce-node/lib/request-helper.js';

/**
 * jsforce's HTTP layer pipes the response body with `Readable.fromWeb(body).pipe(output)`; when
 * the connection dies mid-body, that Readable's error has no listener: the process crashes with
 * an uncaught `TypeError: terminated` and the request never settles (reproduced against the
 * sandbox's `reset` fault). This transport reads each body to the end inside a try/catch, so a
 * reset becomes an ordinary rejected call that SalesforceClient classifies and retries.
 * Retries live in SalesforceClient (p-retry), not here, so every attempt is counted.
 */
type JsforceRequest = { method: string; url: string; headers?: Record<string, string>; body?: string | Buffer };
type Options = { timeout?: number };

const DEFAULT_TIMEOUT_MS = 30 * 60_000; // jsforce's own default

const resilientRequest = (req: JsforceRequest, options: Options = {}): NodeJS.EventEmitter => {
  const { output, stream } = createHttpRequestHandlerStreams(req as never, options as never) as unknown as { output: NodeJS.WritableStream; stream: NodeJS.EventEmitter };
  void (async () => {
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        ...(req.body !== undefined && /^(post|put|patch|delete)$/i.test(req.method) ? { body: req.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeout ?? DEFAULT_TIMEOUT_MS),
      });
      const body = Buffer.from(await res.arrayBuffer());
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
      stream.emit('response', { statusCode: res.status, headers });
      output.end(body);
    } catch (err) {
      stream.emit('error', err);
    }
  })();
  return stream;
};

export class ResilientTransport extends Transport {
  override getRequestStreamCreator(): ReturnType<Transport['getRequestStreamCreator']> {
    return resilientRequest as unknown as ReturnType<Transport['getRequestStreamCreator']>;
  }
}

/** Puts the resilient transport under a jsforce (or @salesforce/core) connection. */
export const useResilientTransport = <C extends object>(conn: C): C => {
  (conn as unknown as { _transport: Transport })._transport = new ResilientTransport();
  return conn;
};
