import { sql, type Kysely } from 'kysely';
import type { UsageDay } from '../../domain/usage.ts';
import { namedStatement } from '../named-statement.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { UsageDayTable } from '../schema/pipeline.table.ts';
import type { UsageDayFilter } from '../store.ts';
import { batchQuery, cachedStatement, chunks, valuesList } from './batch-statement.ts';
import { inTransaction } from './in-transaction.ts';

const COLUMNS = ['account_key', 'day', 'active_users', 'logins', 'last_login_at', 'events', 'feature_events', 'licenses', 'loaded_at', 'run_id'] as const;
/** The values a reload compares: loaded_at and run_id say when, not what. */
const VALUE_COLUMNS = COLUMNS.filter((c) => c !== 'account_key' && c !== 'day' && c !== 'loaded_at' && c !== 'run_id');
const ROWS_PER_STATEMENT = 1_000;
const PAGE_SIZE = 5_000;

/**
 * Loading a day twice changes nothing: a conflicting row is rewritten only when one of its values
 * differs (so loaded_at and run_id keep saying when the day last changed), and the count returned
 * is of rows inserted or changed.
 */
const upsertSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `upsert usage_days ${rows}`, () => {
  const text = sql`insert into usage_days (${sql.join(COLUMNS.map((c) => sql.ref(c)))})
    values ${valuesList(db, rows, COLUMNS.length)}
    on conflict (account_key, day) do update set ${sql.join(COLUMNS.slice(2).map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}
    where ${sql.join(VALUE_COLUMNS.map((c) => sql`${sql.ref(`usage_days.${c}`)} is distinct from ${sql.ref(`excluded.${c}`)}`), sql` or `)}`.compile(db).sql;
  return rows === ROWS_PER_STATEMENT ? namedStatement(`upsert_usage_days_${rows}`, text) : text;
});

/** Feature counts serialised with sorted keys, so an unchanged day compares equal as text. */
const featureText = (features: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(features).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

export const upsertUsageDays = async (db: Kysely<StoreDatabase>, days: readonly UsageDay[], options: { runId?: string | null; loadedAt?: string } = {}): Promise<number> => {
  if (days.length === 0) return 0;
  const loadedAt = options.loadedAt ?? new Date().toISOString();
  const runId = options.runId ?? null;
  return inTransaction(db, async (trx) => {
    let changed = 0;
    for (let start = 0; start < days.length; start += ROWS_PER_STATEMENT) {
      const batch = days.slice(start, start + ROWS_PER_STATEMENT);
      const parameters = new Array<unknown>(batch.length * COLUMNS.length);
      let i = 0;
      for (const d of batch) {
        parameters[i++] = d.accountKey;
        parameters[i++] = d.day;
        parameters[i++] = d.activeUsers;
        parameters[i++] = d.logins;
        parameters[i++] = d.lastLoginAt;
        parameters[i++] = d.events;
        parameters[i++] = featureText(d.featureEvents);
        parameters[i++] = d.licenses;
        parameters[i++] = loadedAt;
        parameters[i++] = runId;
      }
      const result = await trx.executeQuery(batchQuery(upsertSql(trx, batch.length), parameters));
      changed += Number(result.numAffectedRows ?? 0n);
    }
    return changed;
  });
};

const toUsageDay = (row: UsageDayTable): UsageDay => ({
  accountKey: row.account_key,
  day: row.day,
  activeUsers: Number(row.active_users),
  logins: Number(row.logins),
  lastLoginAt: row.last_login_at,
  events: Number(row.events),
  featureEvents: JSON.parse(row.feature_events) as Record<string, number>,
  licenses: row.licenses === null ? null : Number(row.licenses),
});


/**
 * Stored days in (account_key, day) order, in pages, keyset-paged like the record reads so a
 * caller may write between pages. With `accountKeys`, only those keys (any number of them).
 */
export async function* usageDays(db: Kysely<StoreDatabase>, filter: UsageDayFilter = {}): AsyncGenerator<UsageDay[]> {
  const keyGroups = filter.accountKeys === undefined ? [undefined] : chunks([...new Set(filter.accountKeys)].sort(), 1_000);
  for (const keys of keyGroups) {
    if (keys !== undefined && keys.length === 0) continue;
    let after: { key: string; day: string } | null = null;
    for (;;) {
      let q = db.selectFrom('usage_days').selectAll().orderBy('account_key').orderBy('day').limit(PAGE_SIZE);
      if (keys !== undefined) q = q.where('account_key', 'in', keys);
      // Over all keys, the day range is tested on `day || ''`, which no index can serve: given
      // `day` itself, SQLite's planner prefers a skip-scan over every key (ANY(account_key) AND
      // day>?) to the keyset seek below, and rescans from the first key on every page.
      const day = keys === undefined ? sql<string>`${sql.ref('day')} || ''` : sql<string>`${sql.ref('day')}`;
      if (filter.range?.from !== undefined) q = q.where(day, '>=', filter.range.from);
      if (filter.range?.to !== undefined) q = q.where(day, '<=', filter.range.to);
      if (after !== null) {
        const { key, day } = after;
        // A row-value comparison, not (key > k OR key = k AND day > d): both databases seek the
        // primary key with it, where the OR form made SQLite rescan from the first key every page.
        q = q.where((eb) => eb(eb.refTuple('account_key', 'day'), '>', eb.tuple(key, day)));
      }
      const rows = await q.execute();
      if (rows.length > 0) yield rows.map(toUsageDay);
      if (rows.length < PAGE_SIZE) break;
      const last = rows[rows.length - 1]!;
      after = { key: last.account_key, day: last.day };
    }
  }
}


export const countUsageDays = async (db: Kysely<StoreDatabase>): Promise<number> => {
  const { n } = await db.selectFrom('usage_days').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(n);
};
