import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreDialect } from '../store.ts';
import { keyText } from './dialect-columns.ts';

/**
 * One table per synced Salesforce object, one row per record. Columns are spelled out here (not
 * derived from the live field lists) so this migration stays what it was when it first ran.
 */
export const crmRecordsMigration = (dialect: StoreDialect): Migration => {
  const key = keyText(dialect);
  const syncedRecord = <T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T, string> =>
    table
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('is_deleted', 'boolean', (c) => c.notNull())
      .addColumn('system_modstamp', key, (c) => c.notNull())
      .addColumn('extra', 'text', (c) => c.notNull())
      .addColumn('synced_at', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text');

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await syncedRecord(db.schema.createTable('accounts'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', key)
        .addColumn('master_record_id', key)
        .addColumn('owner_id', key)
        .addColumn('csm_id', key)
        .addColumn('arr', 'double precision')
        .addColumn('contract_start_date', 'text')
        .addColumn('renewal_date', 'text')
        .addColumn('status', 'text')
        .addColumn('segment', 'text')
        .addColumn('industry', 'text')
        .addColumn('website', 'text')
        .addColumn('product_key', 'text')
        .addColumn('onboarding_complete', 'boolean')
        .addColumn('first_value_date', 'text')
        .execute();
      // Reconcile matches accounts to warehouse rows by product key, falling back to the website domain.
      await db.schema.createIndex('accounts_product_key').on('accounts').column('product_key').execute();
      await db.schema.createIndex('accounts_website').on('accounts').column('website').execute();

      await syncedRecord(db.schema.createTable('contacts'))
        .addColumn('account_id', key)
        .addColumn('first_name', 'text')
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('title', 'text')
        .addColumn('role', 'text')
        .addColumn('is_primary', 'boolean', (c) => c.notNull())
        .addColumn('is_champion', 'boolean', (c) => c.notNull())
        .addColumn('is_executive_sponsor', 'boolean', (c) => c.notNull())
        .execute();

      await syncedRecord(db.schema.createTable('opportunities'))
        .addColumn('account_id', key)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text')
        .addColumn('stage_name', 'text', (c) => c.notNull())
        .addColumn('amount', 'double precision')
        .addColumn('close_date', 'text')
        .addColumn('is_closed', 'boolean', (c) => c.notNull())
        .addColumn('is_won', 'boolean', (c) => c.notNull())
        .addColumn('owner_id', key)
        .execute();

      await syncedRecord(db.schema.createTable('users'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('email', 'text')
        .addColumn('manager_id', key)
        .addColumn('is_active', 'boolean', (c) => c.notNull())
        .addColumn('title', 'text')
        .execute();

      await syncedRecord(db.schema.createTable('subscriptions'))
        .addColumn('account_id', key)
        .addColumn('product', 'text')
        .addColumn('quantity', 'double precision')
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('arr', 'double precision')
        .addColumn('status', 'text')
        .execute();

      // Health, stages and CTAs read an account's children; the sync reads its own high-water mark.
      for (const table of ['contacts', 'opportunities', 'subscriptions']) {
        await db.schema.createIndex(`${table}_account_id`).on(table).column('account_id').execute();
      }
      for (const table of ['accounts', 'contacts', 'opportunities', 'users', 'subscriptions']) {
        await db.schema.createIndex(`${table}_system_modstamp`).on(table).column('system_modstamp').execute();
      }
    },
  };
};
