/**
 * A per-record error exactly as Salesforce reports it inside collection, upsert and Bulk results:
 * `statusCode` (not `errorCode` — jsforce and connectors read it under that name), message and
 * the fields involved.
 */
export type RecordError = { statusCode: string; message: string; fields: string[] };

export class RecordWriteError extends Error {
  readonly errors: RecordError[];
  readonly httpStatus: number;

  constructor(errors: RecordError[], httpStatus = 400) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
    this.name = 'RecordWriteError';
    this.errors = errors;
    this.httpStatus = httpStatus;
  }
}

export const recordError = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });
