import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { QuarantinedRecord } from '../../domain/crm-records.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { QuarantineEntry, QuarantineFilter } from '../store.ts';
import { inTransaction } from './in-transaction.ts';

/** Nine columns a row: well under either dialect's parameter limit. */
const ROWS_PER_STATEMENT = 1_000;

export const quarantine = async (db: Kysely<StoreDatabase>, records: readonly QuarantinedRecord[]): Promise<void> => {
  if (records.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('quarantine')
        .values(records.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
          run_id: r.runId,
          object: r.object,
          source_id: r.sourceId,
          code: r.code,
          path: r.path,
          reason: r.reason,
          raw: JSON.stringify(r.raw),
          quarantined_at: r.quarantinedAt,
        })))
        .execute();
    }
  });
};

const filtered = <O>(query: SelectQueryBuilder<StoreDatabase, 'quarantine', O>, filter: QuarantineFilter): SelectQueryBuilder<StoreDatabase, 'quarantine', O> => {
  let q = query;
  if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
  if (filter.object !== undefined) q = q.where('object', '=', filter.object);
  return q;
};

export const quarantineCount = async (db: Kysely<StoreDatabase>, filter: QuarantineFilter = {}): Promise<number> => {
  const { n } = await filtered(db.selectFrom('quarantine').select((eb) => eb.fn.countAll().as('n')), filter).executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which pg returns as a string.
  return Number(n);
};

export const listQuarantine = async (db: Kysely<StoreDatabase>, filter: QuarantineFilter & { limit: number }): Promise<QuarantineEntry[]> => {
  const rows = await filtered(db.selectFrom('quarantine').selectAll(), filter).orderBy('id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    runId: row.run_id,
    object: row.object,
    sourceId: row.source_id,
    code: row.code,
    path: row.path,
    reason: row.reason,
    raw: JSON.parse(row.raw) as Record<string, unknown>,
    quarantinedAt: row.quarantined_at,
  }));
};
