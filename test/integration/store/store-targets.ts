import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { parseDatabaseUrl } from '../../../src/store/database-url.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store, StoreDialect } from '../../../src/store/store.ts';

/**
 * The store suite runs identically on every dialect (after Kysely's own test suite). Each test
 * gets a database of its own: a temp SQLite file, or a fresh PostgreSQL database created and
 * dropped around it, so runs never collide. PostgreSQL must be reachable (CI starts it): when it
 * is not, the PostgreSQL tests fail rather than skip.
 */
const POSTGRES_ADMIN_URL = process.env.SEXTANT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { url: string; drop(): Promise<void> };

const withAdmin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

export const createTestDatabase: { readonly [D in StoreDialect]: () => Promise<TestDatabase> } = {
  sqlite: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-store-'));
    return { url: `sqlite:${path.join(dir, 'nested', 'sextant.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  postgres: async () => {
    const name = `sextant_test_${randomBytes(6).toString('hex')}`;
    // A linguistic collation, as many production servers have (en_US.UTF-8): with it, text
    // compares case- and punctuation-insensitively first, which the store must not depend on.
    await withAdmin(async (client) => {
      try {
        await client.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`);
      } catch (err) {
        // A server built without ICU: its default collation is what there is to test.
        if ((err as { code?: string }).code !== '0A000') throw err;
        await client.query(`create database ${name}`);
      }
    });
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      // `with (force)` ends connections a failed test left open, so the drop never hangs.
      drop: async () => withAdmin(async (client) => void (await client.query(`drop database if exists ${name} with (force)`))),
    };
  },
};

export const STORE_DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export type StoreContext = {
  dialect: StoreDialect;
  /** The open store of the running test. */
  store(): Store;
  /** The running test's database URL, to reopen it. */
  url(): string;
};

/** Defines `body` once and runs it on every dialect, each test on a fresh, migrated store. */
export const describeOnEachDialect = (title: string, body: (ctx: StoreContext) => void): void => {
  for (const dialect of STORE_DIALECTS) {
    describe(`${title} (${dialect})`, function () {
      let database: TestDatabase | undefined;
      let store: Store | undefined;

      beforeEach(async () => {
        database = await createTestDatabase[dialect]();
        store = await openStore(database.url);
      });

      afterEach(async () => {
        await store?.close();
        await database?.drop();
        store = undefined;
        database = undefined;
      });

      body({
        dialect,
        store: () => store ?? assertUnreachable('no store open'),
        url: () => database?.url ?? assertUnreachable('no database'),
      });
    });
  }
};

const assertUnreachable = (what: string): never => {
  throw new Error(what);
};

export const rejectionOf = async (fn: () => PromiseLike<unknown>): Promise<unknown> => {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, got a result');
};

/** Drains an async iterable (the store's paged readers). */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** A second connection to the test database, for SQL the store port does not offer (`;;` between statements). */
export const rawSql = async (ctx: StoreContext, statements: string): Promise<Record<string, unknown>[]> => {
  const where = parseDatabaseUrl(ctx.url());
  if (where.dialect === 'sqlite') {
    const db = new DatabaseSync(where.file);
    try {
      const parts = statements.split(';;');
      for (const part of parts.slice(0, -1)) db.exec(part);
      const last = parts.at(-1)!.trim();
      return last === '' ? [] : (db.prepare(last).all() as Record<string, unknown>[]);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: where.url });
  await client.connect();
  try {
    const parts = statements.split(';;');
    for (const part of parts.slice(0, -1)) await client.query(part);
    const last = parts.at(-1)!.trim();
    return last === '' ? [] : (await client.query(last)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
};
