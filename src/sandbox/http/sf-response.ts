import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordError } from '../org/record-error.ts';

/** Response writers in Salesforce's shapes; every route answers through these. */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(text);
};

export const sendNoContent = (res: ServerResponse): void => {
  res.writeHead(204);
  res.end();
};

/** REST errors are an array of `{ message, errorCode, fields? }`; jsforce reads the first. */
export const sendSfError = (res: ServerResponse, status: number, errorCode: string, message: string, fields?: string[]): void => {
  sendJson(res, status, [{ message, errorCode, ...(fields && fields.length > 0 ? { fields } : {}) }]);
};

export const sendRecordErrors = (res: ServerResponse, status: number, errors: readonly RecordError[]): void => {
  sendJson(res, status, errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })));
};

/** OAuth endpoints answer `{ error, error_description }`, not the REST array. */
export const sendOAuthError = (res: ServerResponse, status: number, error: string, description: string): void => {
  sendJson(res, status, { error, error_description: description });
};

/** Errors thrown by route handlers to end the request with a Salesforce error body. */
export class SfHttpError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.name = 'SfHttpError';
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }
}

export const notFound = (): SfHttpError => new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');

const MAX_BODY_BYTES = 160 * 1024 * 1024; // Bulk 2.0 allows 150 MB per upload (base64 overhead aside)

export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SfHttpError(413, 'EXCEEDED_MAX_SIZE_REQUEST', 'Request body exceeds 150 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

export const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const body = await readBody(req);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new SfHttpError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${(err as Error).message}`);
  }
};

/** Form bodies (OAuth token requests) or query strings. */
export const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => new URLSearchParams((await readBody(req)).toString('utf8'));
