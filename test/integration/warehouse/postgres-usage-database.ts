import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LicenseRow, UsageEvent } from '../../../src/sandbox/demo/index.ts';

/**
 * A throwaway PostgreSQL database per run (created, loaded, dropped), as the store suite does.
 * The tables live in their own schema with real types (timestamptz, integer, date), so the
 * adapter's search_path and casts are exercised, not just text columns.
 */
const ADMIN_URL = process.env.SEXTANT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type UsageDatabase = { url: string; schema: string; drop(): Promise<void> };

const withClient = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const BATCH = 5_000;

export const createUsageDatabase = async (events: readonly UsageEvent[], licenses: readonly LicenseRow[]): Promise<UsageDatabase> => {
  const name = `sextant_usage_${randomBytes(6).toString('hex')}`;
  await withClient(ADMIN_URL, async (c) => void (await c.query(`create database ${name}`)));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const drop = () => withClient(ADMIN_URL, async (c) => void (await c.query(`drop database if exists ${name} with (force)`)));
  try {
    await withClient(url.toString(), async (c) => {
      await c.query('create schema analytics');
      await c.query(`create table analytics.events (
        event_id text primary key, occurred_at timestamptz not null, account_key text, account_domain text,
        user_id text, user_email text, event_type text, feature text)`);
      await c.query('create table analytics.licenses (account_key text, licenses_provisioned integer, as_of date, account_name text)');
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        const column = (k: keyof UsageEvent) => batch.map((e) => e[k]);
        await c.query(
          `insert into analytics.events select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
          [column('event_id'), column('occurred_at'), column('account_key'), column('account_domain'), column('user_id'), column('user_email'), column('event_type'), column('feature')],
        );
      }
      await c.query('insert into analytics.licenses select * from unnest($1::text[], $2::integer[], $3::date[], $4::text[])', [
        licenses.map((l) => l.account_key), licenses.map((l) => l.licenses_provisioned), licenses.map((l) => l.as_of), licenses.map((l) => l.account_name),
      ]);
    });
  } catch (err) {
    await drop();
    throw err;
  }
  return { url: url.toString(), schema: 'analytics', drop };
};
