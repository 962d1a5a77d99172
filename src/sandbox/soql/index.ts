/** The sandbox's SOQL engine: compile once against the catalog, execute over a RecordSource. */
export { compileSoql, bulkUnsupportedReason } from './compile-soql.ts';
export type { CompiledQuery } from './compile-soql.ts';
export { executeQuery, runSoql } from './execute-query.ts';
export type { ExecuteOptions, QueryResult } from './execute-query.ts';
export type { RestRecord } from './rest-record.ts';
export { SoqlError, isSoqlError } from './soql-error.ts';
export type { SoqlErrorCode } from './soql-error.ts';
export { csvEscape } from './bulk-csv.ts';
