import type { SextantError } from '../../domain/sextant-error.ts';
import { networkFailure, warehouseError } from '../warehouse-errors.ts';

/** Node's socket errors and the SQLSTATEs that mean "the server is not there right now". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

const codesOf = (err: unknown): string[] => {
  if (typeof err !== 'object' || err === null) return [];
  const own = 'code' in err && typeof err.code === 'string' ? [err.code] : [];
  // A refused dual-stack connect (::1 and 127.0.0.1) arrives as an AggregateError.
  return err instanceof AggregateError ? [...own, ...err.errors.flatMap(codesOf)] : own;
};

/**
 * A pg failure as a warehouse error, by SQLSTATE class: 28 (authorization) → auth; 42 (syntax or
 * access rule: an unknown table or column) → the mapping is wrong; 22 (data exception: a text
 * timestamp that does not parse) → data; 57014 (statement_timeout) → timeout; 08 and socket
 * errors → unavailable.
 */
export const classifyPostgresError = (err: unknown): SextantError => {
  const codes = codesOf(err);
  const detail = err instanceof Error && err.message !== '' ? err.message : codes.join(', ');
  const sqlState = codes.find((c) => /^[0-9A-Z]{5}$/.test(c));
  if (sqlState?.startsWith('28')) {
    return warehouseError('WAREHOUSE_AUTH_FAILED', 'auth', `PostgreSQL refused the login: ${detail}`, {
      cause: err, path: 'SEXTANT_USAGE_DATABASE_URL', hints: ['Check the user and password in SEXTANT_USAGE_DATABASE_URL.'],
    });
  }
  if (sqlState === '3D000') {
    return warehouseError('WAREHOUSE_QUERY_FAILED', 'config', `PostgreSQL: ${detail}`, { cause: err, path: 'SEXTANT_USAGE_DATABASE_URL' });
  }
  if (sqlState?.startsWith('42')) {
    return warehouseError('WAREHOUSE_QUERY_FAILED', 'config', `PostgreSQL: ${detail}`, {
      cause: err, data: { sqlState }, hints: ['Check usage.events / usage.licenses (table and column names) or your usage SQL.'],
    });
  }
  if (sqlState?.startsWith('22')) return warehouseError('WAREHOUSE_QUERY_FAILED', 'data', `PostgreSQL: ${detail}`, { cause: err, data: { sqlState } });
  if (sqlState === '57014') {
    return warehouseError('WAREHOUSE_QUERY_TIMEOUT', 'transient', `PostgreSQL cancelled the usage query: ${detail}`, {
      cause: err, hints: ['Raise usage.source.statementTimeoutSeconds, or add an index on the event time column.'],
    });
  }
  if (codes.some((c) => UNREACHABLE.has(c) || c.startsWith('08')) || /timeout|terminated/i.test(detail)) {
    return warehouseError('WAREHOUSE_UNAVAILABLE', 'transient', `PostgreSQL is unavailable: ${detail}`, { cause: err });
  }
  if (codes.includes('ENOTFOUND')) return networkFailure('PostgreSQL', err);
  return warehouseError('WAREHOUSE_QUERY_FAILED', 'fatal', `PostgreSQL: ${detail}`, { cause: err, data: { sqlState } });
};
