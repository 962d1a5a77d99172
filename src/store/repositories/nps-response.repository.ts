import { sql, type Kysely } from 'kysely';
import { SextantError } from '../../domain/sextant-error.ts';
import type { NpsResponse, NpsResponseStatus } from '../../domain/nps.ts';
import type { NpsResponseTable } from '../schema/pipeline.table.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { LatestNps, NpsResponseFilter } from '../store.ts';
import { inTransaction } from './in-transaction.ts';

/** Eleven columns a row: well under either dialect's parameter limit. */
const ROWS_PER_STATEMENT = 500;
/** The values a reload compares: loaded_at and run_id say when, not what. */
const VALUE_COLUMNS = ['source_id', 'contact_id', 'email', 'account_id', 'score', 'comment', 'responded_at', 'status'] as const;

/** Instants are compared as text: both sides must be spelled the same ('…T…:…:….sssZ'). */
const instant = (value: string, what: string): string => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SextantError('STORE_ARGUMENT_INVALID', `${what} is not an instant: ${JSON.stringify(value)}`, { kind: 'fatal' });
  return new Date(ms).toISOString();
};

/**
 * Inserts responses by id, rewriting a stored one only when a value differs (so loaded_at and
 * run_id keep saying when it last changed); returns how many rows were inserted or changed.
 */
export const upsertNpsResponses = async (db: Kysely<StoreDatabase>, responses: readonly NpsResponse[], runId: string | null, loadedAt?: string): Promise<number> => {
  // PostgreSQL refuses to update one row twice in a statement: the last copy of an id wins.
  const unique = [...new Map(responses.map((r) => [r.id, r])).values()];
  if (unique.length === 0) return 0;
  const at = loadedAt ?? new Date().toISOString();
  return inTransaction(db, async (trx) => {
    let changed = 0;
    for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
      const result = await trx.insertInto('nps_responses')
        .values(unique.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
          id: r.id, source_id: r.sourceId, contact_id: r.contactId, email: r.email, account_id: r.accountId, score: r.score,
          comment: r.comment, responded_at: instant(r.respondedAt, 'respondedAt'), status: r.status, loaded_at: at, run_id: runId,
        })))
        .onConflict((oc) => oc.column('id')
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(VALUE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
            loaded_at: eb.ref('excluded.loaded_at'), run_id: eb.ref('excluded.run_id'),
          }))
          .where((eb) => eb.or(VALUE_COLUMNS.map((c) => eb(`nps_responses.${c}`, 'is distinct from', eb.ref(`excluded.${c}`))))))
        .executeTakeFirst();
      changed += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return changed;
  });
};

/**
 * Each account's latest response at or before `asOf`. Two answers at the same instant (two
 * contacts in one survey send) resolve to the lower score: the measure asks "does this account
 * need attention", and hiding a detractor behind a promoter would answer it wrongly.
 */
export const latestNpsByAccount = async (db: Kysely<StoreDatabase>, asOf: string): Promise<Map<string, LatestNps>> => {
  const rows = await db
    .selectFrom((eb) => eb.selectFrom('nps_responses')
      .select(['account_id', 'score', 'responded_at'])
      .select(sql<number>`row_number() over (partition by account_id order by responded_at desc, score asc, id asc)`.as('rank'))
      .where('account_id', 'is not', null)
      .where('responded_at', '<=', instant(asOf, 'asOf'))
      .as('ranked'))
    .select(['account_id', 'score', 'responded_at'])
    .where('rank', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.account_id!, { score: Number(r.score), respondedAt: r.responded_at }]));
};

const toResponse = (r: NpsResponseTable): NpsResponse => ({
  id: r.id, sourceId: r.source_id, contactId: r.contact_id, email: r.email, accountId: r.account_id, score: Number(r.score),
  comment: r.comment, respondedAt: r.responded_at, status: r.status as NpsResponseStatus,
});

/** Ids per `in (…)` list: SQLite allows 32,766 parameters a statement. */
const IDS_PER_QUERY = 1_000;

/** Stored responses in (respondedAt, id) order, filtered; `from`/`to` are inclusive instants. */
export const npsResponses = async (db: Kysely<StoreDatabase>, filter: NpsResponseFilter = {}): Promise<NpsResponse[]> => {
  const query = (accountIds: readonly string[] | undefined) => {
    let q = db.selectFrom('nps_responses').selectAll().orderBy('responded_at').orderBy('id');
    if (accountIds !== undefined) q = q.where('account_id', 'in', [...accountIds]);
    if (filter.contactId !== undefined) q = q.where('contact_id', '=', filter.contactId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.from !== undefined) q = q.where('responded_at', '>=', instant(filter.from, 'from'));
    if (filter.to !== undefined) q = q.where('responded_at', '<=', instant(filter.to, 'to'));
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    return q.execute();
  };
  if (filter.accountIds === undefined) return (await query(undefined)).map(toResponse);
  const ids = [...new Set(filter.accountIds)];
  const rows: NpsResponseTable[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) rows.push(...(await query(ids.slice(i, i + IDS_PER_QUERY))));
  // Chunks come back each in order: merge them into one (responded_at, id) order, then limit.
  rows.sort((a, b) => (a.responded_at < b.responded_at ? -1 : a.responded_at > b.responded_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (filter.limit === undefined ? rows : rows.slice(0, filter.limit)).map(toResponse);
};
