import { sql, type Kysely } from 'kysely';
import type { UsageAccount } from '../../domain/usage.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import { inTransaction } from './in-transaction.ts';

const ROWS_PER_STATEMENT = 1_000;

/**
 * Stores what the warehouse says of its accounts (domain, name, seats). Volumes (events, first
 * and last day) are not taken from the caller: `refreshUsageVolumes` computes them from the
 * stored days, so they always agree with usage_months.
 */
export const upsertUsageAccounts = async (db: Kysely<StoreDatabase>, accounts: readonly UsageAccount[], updatedAt = new Date().toISOString()): Promise<void> => {
  if (accounts.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < accounts.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('usage_accounts')
        .values(accounts.slice(i, i + ROWS_PER_STATEMENT).map((a) => ({
          account_key: a.accountKey, domain: a.domain, name: a.name, licenses: a.licenses, events: 0, first_day: null, last_day: null, updated_at: updatedAt,
        })))
        .onConflict((oc) => oc.column('account_key').doUpdateSet((eb) => ({
          domain: eb.ref('excluded.domain'), name: eb.ref('excluded.name'), licenses: eb.ref('excluded.licenses'), updated_at: eb.ref('excluded.updated_at'),
        })))
        .execute();
    }
  });
};

/**
 * Recomputes every key's volume from its stored months in one statement (their per-month sums,
 * never a decode), adding keys that have days but no account row (a warehouse without a
 * licences table still gets every key reported).
 */
export const refreshUsageVolumes = async (db: Kysely<StoreDatabase>, updatedAt = new Date().toISOString()): Promise<void> => {
  // `where true`: SQLite needs it to tell an upsert's ON CONFLICT from a join condition.
  await sql`insert into usage_accounts (account_key, domain, name, licenses, events, first_day, last_day, updated_at)
    select account_key, null, null, null, sum(events), min(first_day), max(last_day), ${updatedAt} from usage_months where true group by account_key
    on conflict (account_key) do update set events = excluded.events, first_day = excluded.first_day, last_day = excluded.last_day`.execute(db);
};

export const listUsageAccounts = async (db: Kysely<StoreDatabase>): Promise<UsageAccount[]> => {
  const rows = await db.selectFrom('usage_accounts').selectAll().orderBy('account_key').execute();
  return rows.map((r) => ({
    accountKey: r.account_key,
    domain: r.domain,
    name: r.name,
    licenses: r.licenses === null ? null : Number(r.licenses),
    events: Number(r.events),
    firstDay: r.first_day,
    lastDay: r.last_day,
  }));
};
