import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { HealthSnapshot } from '../../domain/health.ts';
import { encodeSnapshot } from '../repositories/health-snapshot.codec.ts';
import type { StoreDialect } from '../store.ts';
import { keyText } from './dialect-columns.ts';

const PAGE = 5_000;
type StoredRow = { account_id: string; as_of: string; snapshot: string };

/**
 * Snapshots keep their readings only; what the rules say of each measure is stored once per
 * distinct set in health_measure_sets (health-snapshot.codec.ts). Stored snapshots are rewritten
 * in the new form, each pointing at its set.
 */
export const measureSetsMigration = (dialect: StoreDialect): Migration => {
  const key = keyText(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createTable('health_measure_sets')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('measures', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('health_snapshots').addColumn('measure_set', key).execute();

      const sets = new Set<string>();
      let after: { id: string; day: string } | null = null;
      for (;;) {
        const page: { rows: StoredRow[] } = await sql<StoredRow>`
          select account_id, as_of, snapshot from health_snapshots
          ${after === null ? sql`` : sql`where (account_id, as_of) > (${after.id}, ${after.day})`}
          order by account_id, as_of limit ${PAGE}`.execute(db);
        const rows = page.rows;
        for (const r of rows) {
          const encoded = encodeSnapshot(JSON.parse(r.snapshot) as HealthSnapshot);
          if (!sets.has(encoded.measureSet)) {
            await sql`insert into health_measure_sets (id, measures) values (${encoded.measureSet}, ${encoded.definitions})`.execute(db);
            sets.add(encoded.measureSet);
          }
          await sql`update health_snapshots set snapshot = ${encoded.snapshot}, measure_set = ${encoded.measureSet}
            where account_id = ${r.account_id} and as_of = ${r.as_of}`.execute(db);
        }
        if (rows.length < PAGE) break;
        const last: StoredRow = rows.at(-1)!;
        after = { id: last.account_id, day: last.as_of };
      }
    },
  };
};
