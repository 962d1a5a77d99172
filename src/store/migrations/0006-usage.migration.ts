import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText } from './dialect-columns.ts';

/**
 * Product usage and the identity map.
 * - usage_days: one row per warehouse key per UTC day, keyed (account_key, day) so loading a day
 *   twice overwrites it in place. Keys are kept verbatim (' acme' and 'ACME' are two keys: the
 *   reconciliation decides they are one account, and reports it).
 * - usage_accounts: a warehouse key as a whole (its users' domain, its name, its volume).
 * - identity_links: which CRM account each key belongs to, by which rule.
 * - step_state: small per-step high-water marks (the last usage day loaded).
 * On SQLite the keyed tables are WITHOUT ROWID: their rows live in the key's B-tree, which is
 * how every query here reads them (by key, then day).
 */
export const usageMigration = (dialect: StoreDialect): Migration => {
  const key = keyText(dialect);
  const clustered = <T extends string>(table: CreateTableBuilder<T, string>): CreateTableBuilder<T, string> =>
    dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await clustered(db.schema.createTable('usage_days')
        .addColumn('account_key', key, (c) => c.notNull())
        .addColumn('day', key, (c) => c.notNull())
        .addColumn('active_users', 'integer', (c) => c.notNull())
        .addColumn('logins', 'integer', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('feature_events', 'text', (c) => c.notNull())
        .addColumn('licenses', 'integer')
        .addColumn('loaded_at', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addPrimaryKeyConstraint('usage_days_pk', ['account_key', 'day'])).execute();

      await clustered(db.schema.createTable('usage_accounts')
        .addColumn('account_key', key, (c) => c.primaryKey())
        .addColumn('domain', 'text')
        .addColumn('name', 'text')
        .addColumn('licenses', 'integer')
        .addColumn('events', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('first_day', 'text')
        .addColumn('last_day', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())).execute();

      await clustered(db.schema.createTable('identity_links')
        .addColumn('account_key', key, (c) => c.primaryKey())
        .addColumn('account_id', key, (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')).execute();
      // Scoring reads an account's keys; verify reads them the other way round.
      await db.schema.createIndex('identity_links_account_id').on('identity_links').column('account_id').execute();

      await db.schema.createTable('step_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
};
