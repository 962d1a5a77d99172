import { sql, type Kysely } from 'kysely';
import type { IdentityLink, MatchRule } from '../../domain/identity.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import { namedStatement } from '../named-statement.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { StoredIdentityLink } from '../store.ts';
import { batchQuery, cachedStatement, chunks, valuesList } from './batch-statement.ts';
import { inTransaction } from './in-transaction.ts';

const ROWS_PER_STATEMENT = 1_000;
const COLUMNS = ['account_key', 'account_id', 'rule', 'confidence', 'evidence', 'linked_at', 'run_id'] as const;

/**
 * The upsert text per batch size (a 100k-key reconcile sends ~100 of the same shape). A stored
 * row that already says what the run found is left alone (the WHERE); a link to the same account
 * by the same rule keeps when it was first made, and by which run.
 */
const upsertSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `upsert identity_links ${rows}`, () => {
  const stored = (c: (typeof COLUMNS)[number]) => sql.ref(`identity_links.${c}`);
  const found = (c: (typeof COLUMNS)[number]) => sql.ref(`excluded.${c}`);
  // Every column compared here is NOT NULL, so plain `=` means "the same" on both dialects.
  const sameLink = sql`${stored('account_id')} = ${found('account_id')} and ${stored('rule')} = ${found('rule')}`;
  const statement = sql`insert into identity_links (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) values ${valuesList(db, rows, COLUMNS.length)}
    on conflict (${sql.ref('account_key')}) do update set
      ${sql.join(['account_id', 'rule', 'confidence', 'evidence'].map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))},
      ${sql.ref('linked_at')} = case when ${sameLink} then ${stored('linked_at')} else ${found('linked_at')} end,
      ${sql.ref('run_id')} = case when ${sameLink} then ${stored('run_id')} else ${found('run_id')} end
    where not (${sameLink} and ${stored('confidence')} = ${found('confidence')} and ${stored('evidence')} = ${found('evidence')})`.compile(db).sql;
  // Full batches (all but the last) recur every run: PostgreSQL prepares them once per connection.
  return rows === ROWS_PER_STATEMENT ? namedStatement(`upsert_identity_links_${rows}`, statement) : statement;
});

const KEYS_PER_DELETE = 1_000;

/**
 * Replaces the identity map with a reconcile run's result, in one transaction: a link the run no
 * longer makes (a key fixed in the CRM, an override removed) must disappear, and readers never
 * see half a map. A link to the same account by the same rule keeps its original linkedAt (and
 * run).
 *
 * Only the difference is written: links the run no longer makes are deleted, the run's links
 * upserted, and a stored row that would come out the same is not rewritten. A daily reconcile
 * mostly re-derives the map it already has: reading the stored map, deleting it and inserting
 * it again cost 0.6–0.8 s for 86k links (bench/usage data, the map already in place), twice as
 * much as writing it into an empty table; this way 0.3–0.4 s, as from empty. Reading the stored
 * rows to compare them in JS was no cheaper (0.6 s: node:sqlite reads ~4 µs a row of this
 * table), so only their keys are read.
 */
export const replaceIdentityLinks = async (db: Kysely<StoreDatabase>, links: readonly IdentityLink[], options: { runId?: string | null; at?: string } = {}): Promise<void> => {
  const at = options.at ?? new Date().toISOString();
  const runId = options.runId ?? null;
  const keys = new Set(links.map((l) => l.accountKey));
  if (keys.size !== links.length) {
    throw new SextantError('UNEXPECTED', 'the identity map to store links one usage key twice', { kind: 'fatal', data: { links: links.length, keys: keys.size } });
  }
  await inTransaction(db, async (trx) => {
    const gone = (await trx.selectFrom('identity_links').select('account_key').execute()).map((r) => r.account_key).filter((k) => !keys.has(k));
    for (const batch of chunks(gone, KEYS_PER_DELETE)) await trx.deleteFrom('identity_links').where('account_key', 'in', batch).execute();
    for (let i = 0; i < links.length; i += ROWS_PER_STATEMENT) {
      const batch = links.slice(i, i + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const l of batch) parameters.push(l.accountKey, l.accountId, l.rule, l.confidence, l.evidence, at, runId);
      await trx.executeQuery(batchQuery(upsertSql(trx, batch.length), parameters));
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
