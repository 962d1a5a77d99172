import { SextantError } from '../../domain/sextant-error.ts';

/**
 * The error codes the sandbox's query endpoints return, as Salesforce names them. Connectors
 * classify errors by these codes (jsforce sets `err.name = errorCode`), so they must match.
 */
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_TYPE'
  | 'INVALID_FIELD'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

/** A query Salesforce would reject; the HTTP layer turns it into `[{ errorCode, message }]` (400). */
export class SoqlError extends SextantError {
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(errorCode, message, { kind: 'data' });
    this.name = 'SoqlError';
    this.errorCode = errorCode;
  }
}

export const isSoqlError = (err: unknown): err is SoqlError => err instanceof SoqlError;

/**
 * Salesforce prefixes parse and validation messages with the offending line, a caret and
 * "ERROR at Row:r:Column:c". We locate the token by a case-insensitive whole-word search, which
 * finds the first occurrence — good enough to point a human at the problem.
 */
export const locate = (soql: string, token: string | undefined): string => {
  if (token === undefined || token === '') return '';
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[^A-Za-z0-9_])(${escaped})(?![A-Za-z0-9_])`, 'i').exec(soql);
  if (!match) return '';
  const index = match.index + (match[1]?.length ?? 0);
  const before = soql.slice(0, index);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', index);
  const line = soql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = index - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n`;
};

export const malformedQuery = (soql: string, detail: string, token?: string): SoqlError =>
  new SoqlError('MALFORMED_QUERY', `${locate(soql, token)}${detail}`);

export const unexpectedToken = (soql: string, token: string): SoqlError =>
  token === ''
    ? new SoqlError('MALFORMED_QUERY', 'unexpected token: <EOF>')
    : malformedQuery(soql, `unexpected token: '${token}'`, token);

export const invalidType = (soql: string, objectName: string): SoqlError =>
  new SoqlError(
    'INVALID_TYPE',
    `${locate(soql, objectName)}sObject type '${objectName}' is not supported. If you are attempting to use a custom object, ` +
      `be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const noSuchColumn = (soql: string, fieldName: string, objectName: string): SoqlError =>
  new SoqlError(
    'INVALID_FIELD',
    `${locate(soql, fieldName)}No such column '${fieldName}' on entity '${objectName}'. If you are attempting to use a custom field, ` +
      `be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const unknownRelationship = (soql: string, relationship: string): SoqlError =>
  new SoqlError(
    'INVALID_FIELD',
    `${locate(soql, relationship)}Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom ` +
      `relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const unknownChildRelationship = (soql: string, relationship: string): SoqlError =>
  new SoqlError(
    'INVALID_TYPE',
    `${locate(soql, relationship)}Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use ` +
      `a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

/** "field 'Description' can not be filtered in a query call" and its sorted/grouped siblings. */
export const fieldCannotBe = (soql: string, fieldName: string, verb: 'filtered' | 'sorted' | 'grouped'): SoqlError =>
  new SoqlError('INVALID_FIELD', `${locate(soql, fieldName)}field '${fieldName}' can not be ${verb} in a query call`);

export const invalidField = (soql: string, detail: string, token?: string): SoqlError =>
  new SoqlError('INVALID_FIELD', `${locate(soql, token)}${detail}`);

export const invalidFilterOperator = (soql: string, detail: string, token?: string): SoqlError =>
  new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `${locate(soql, token)}${detail}`);
