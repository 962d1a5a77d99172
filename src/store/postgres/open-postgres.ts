import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SextantError } from '../../domain/sextant-error.ts';
import { redactDatabaseUrl } from '../database-url.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import { NamedStatementPool } from './named-statement-pool.ts';

/** Network failures worth retrying later: the server is down, restarting, or out of slots. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P03', '53300']);

const errorCodes = (err: unknown): string[] => {
  if (typeof err !== 'object' || err === null) return [];
  const own = 'code' in err && typeof err.code === 'string' ? [err.code] : [];
  // Node reports a refused dual-stack connect (::1 and 127.0.0.1) as an AggregateError.
  const nested = err instanceof AggregateError ? err.errors.flatMap(errorCodes) : [];
  return [...own, ...nested];
};

export const classifyPostgresConnectError = (err: unknown, url: string): SextantError => {
  const where = redactDatabaseUrl(url);
  const codes = errorCodes(err);
  const detail = err instanceof Error && err.message !== '' ? err.message : codes.join(', ');
  if (codes.some((c) => c.startsWith('28'))) {
    return new SextantError('STORE_AUTH_FAILED', `PostgreSQL at ${where} refused the login: ${detail}`, {
      kind: 'auth', path: 'SEXTANT_DATABASE_URL', cause: err,
      hints: ['Check the user and password in SEXTANT_DATABASE_URL, and pg_hba.conf on the server.'],
    });
  }
  if (codes.includes('3D000')) {
    return new SextantError('CONFIG_INVALID', `PostgreSQL at ${where}: ${detail}`, {
      kind: 'config', path: 'SEXTANT_DATABASE_URL', cause: err,
      hints: ['Create the database first (createdb NAME), or name an existing one in SEXTANT_DATABASE_URL.'],
    });
  }
  const unreachable = codes.some((c) => UNREACHABLE.has(c)) || /timeout|terminated/i.test(detail);
  return new SextantError('STORE_UNAVAILABLE', `PostgreSQL at ${where} is unavailable: ${detail}`, {
    kind: unreachable ? 'transient' : 'fatal', path: 'SEXTANT_DATABASE_URL', cause: err,
    hints: [
      'Check that PostgreSQL is running and reachable from here (pg_isready -h HOST -p PORT).',
      'Check host, port and database in SEXTANT_DATABASE_URL.',
    ],
  });
};

/**
 * Connects to PostgreSQL and checks the server answers before any step starts, so an
 * unreachable store fails the run up front with STORE_UNAVAILABLE rather than mid-sync.
 */
export const openPostgres = async (url: string): Promise<Kysely<StoreDatabase>> => {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client the server drops (restart, idle timeout) is replaced on the next checkout;
  // without a listener, Node would crash the process on the pool's 'error' event.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw classifyPostgresConnectError(err, url);
  }
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool: new NamedStatementPool(pool) }) });
};
