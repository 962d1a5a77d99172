import { sql, type Kysely } from 'kysely';
import type { IdentityLink, MatchRule } from '../../domain/identity.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { StoredIdentityLink } from '../store.ts';
import { batchQuery, cachedStatement, valuesList } from './batch-statement.ts';
import { inTransaction } from './in-transaction.ts';

const ROWS_PER_STATEMENT = 1_000;
const COLUMNS = ['account_key', 'account_id', 'rule', 'confidence', 'evidence', 'linked_at', 'run_id'] as const;

/** The insert text per batch size: a 100k-key reconcile sends ~100 of the same shape. */
const insertSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `insert identity_links ${rows}`, () => {
  return sql`insert into identity_links (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) values ${valuesList(db, rows, COLUMNS.length)}`.compile(db).sql;
});

/**
 * Replaces the identity map with a reconcile run's result, in one transaction: a link the run no
 * longer makes (a key fixed in the CRM, an override removed) must disappear, and readers never
 * see half a map. A link that is unchanged keeps its original linkedAt.
 */
export const replaceIdentityLinks = async (db: Kysely<StoreDatabase>, links: readonly IdentityLink[], options: { runId?: string | null; at?: string } = {}): Promise<void> => {
  const at = options.at ?? new Date().toISOString();
  await inTransaction(db, async (trx) => {
    const before = new Map((await trx.selectFrom('identity_links').select(['account_key', 'account_id', 'rule', 'linked_at', 'run_id']).execute()).map((r) => [r.account_key, r]));
    await trx.deleteFrom('identity_links').execute();
    for (let i = 0; i < links.length; i += ROWS_PER_STATEMENT) {
      const batch = links.slice(i, i + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const l of batch) {
        const old = before.get(l.accountKey);
        const same = old !== undefined && old.account_id === l.accountId && old.rule === l.rule;
        parameters.push(l.accountKey, l.accountId, l.rule, l.confidence, l.evidence, same ? old.linked_at : at, same ? old.run_id : (options.runId ?? null));
      }
      await trx.executeQuery(batchQuery(insertSql(trx, batch.length), parameters));
    }
  });
};

export const listIdentityLinks = async (db: Kysely<StoreDatabase>, filter: { accountIds?: readonly string[] } = {}): Promise<StoredIdentityLink[]> => {
  let q = db.selectFrom('identity_links').selectAll().orderBy('account_key');
  if (filter.accountIds !== undefined) {
    if (filter.accountIds.length === 0) return [];
    q = q.where('account_id', 'in', [...filter.accountIds]);
  }
  return (await q.execute()).map((r) => ({
    accountKey: r.account_key, accountId: r.account_id, rule: r.rule as MatchRule, confidence: Number(r.confidence), evidence: r.evidence, linkedAt: r.linked_at, runId: r.run_id,
  }));
};
