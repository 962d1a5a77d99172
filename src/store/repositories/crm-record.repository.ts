import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { CrmObjectName, CrmRecordOf } from '../../domain/crm-records.ts';
import { namedStatement } from '../named-statement.ts';
import type { SyncedRecordColumns } from '../schema/crm-record.table.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { RecordField, UpsertOptions } from '../store.ts';
import { crmRecordCodec, type StoredRow } from './crm-record.codec.ts';
import { batchQuery, cachedStatement, chunks, valuesList } from './batch-statement.ts';
import { inTransaction } from './in-transaction.ts';

/**
 * SQLite's default SQLITE_MAX_VARIABLE_NUMBER (PostgreSQL allows 65,535): one limit for both
 * dialects keeps their batches, and so their behaviour, the same.
 */
const MAX_PARAMETERS = 32_766;
/** 500, 1,000 and 1,500-row statements upserted equally fast here; bigger ones only cost memory. */
const MAX_ROWS_PER_STATEMENT = 1_000;
/**
 * On SQLite, rows that replace stored ones go 15 to a statement. Inside a transaction SQLite
 * copies every existing page a statement changes to a statement journal, so that the statement
 * alone can roll back, and past 64 KiB (15 pages of 4 KiB) the journal is a temp file. Stored
 * rows that an incremental sync replaces are scattered, one to a page, so a 1,000-row statement
 * wrote ~1,000 pages to that file besides the WAL: bench/sync's 10,062-row incremental spent
 * 238–245 ms in its store transactions, 172–180 ms with 15 rows a statement (store alone,
 * medians of 5), and the whole run 0.58 → 0.51 s (medians of 5, alternated). New rows fill fresh
 * pages, which need no journal, and keep 1,000-row statements: 12-row ones made a 300k-row first
 * load 15–50% slower (a query-builder call each). Whether a run of up to 1,000 rows replaces
 * stored ones is read from its first row.
 */
const REPLACING_ROWS_PER_STATEMENT = 15;
/** Rows and ids per page for reads that walk a whole table. */
const PAGE_SIZE = 2_000;
const IDS_PER_STATEMENT = 1_000;

/** The columns every CRM table shares, for queries that do not care which object they read. */
type CrmTables = { [O in CrmObjectName]: SyncedRecordColumns };
const crmTables = (db: Kysely<StoreDatabase>): Kysely<CrmTables> => db as unknown as Kysely<CrmTables>;

const rowsPerStatement = (columns: readonly string[]): number => Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length));

const upsertSql = (db: Kysely<StoreDatabase>, object: CrmObjectName, columns: readonly string[], rows: number): string => cachedStatement(db, `upsert ${object} ${rows}`, () => {
  const updates = columns.filter((c) => c !== 'id').map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`);
  // Keep the stored version when it is newer: a lookback re-read or an older page arriving late
  // must not roll a record back. An equal SystemModstamp still writes, so a full resync refreshes
  // formula fields, which change without touching SystemModstamp.
  const statement = sql`insert into ${sql.table(object)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values ${valuesList(db, rows, columns.length)}
    on conflict (${sql.ref('id')}) do update set ${sql.join(updates)}
    where ${sql.ref(`${object}.system_modstamp`)} <= ${sql.ref('excluded.system_modstamp')}`.compile(db).sql;
  // Full batches (all but a call's last) recur all sync long: PostgreSQL prepares them once per connection.
  return rows === rowsPerStatement(columns) ? namedStatement(`upsert_${object}_${rows}`, statement) : statement;
});

const storedSql = (db: Kysely<StoreDatabase>, object: CrmObjectName): string =>
  cachedStatement(db, `stored ${object}`, () => sql`select 1 as ${sql.ref('stored')} from ${sql.table(object)} where ${sql.ref('id')} = ${'?'}`.compile(db).sql);

const isStored = async (db: Kysely<StoreDatabase>, object: CrmObjectName, id: string): Promise<boolean> =>
  (await db.executeQuery(batchQuery(storedSql(db, object), [id]))).rows.length > 0;

/**
 * The last of several versions of one id within a call wins (the highest SystemModstamp, then the
 * later one): PostgreSQL refuses to update one row twice in a statement, and SQLite must agree.
 */
const latestById = <R extends { id: string; systemModstamp: string }>(records: readonly R[]): R[] => {
  const byId = new Map<string, R>();
  for (const record of records) {
    const seen = byId.get(record.id);
    if (seen === undefined || seen.systemModstamp <= record.systemModstamp) byId.set(record.id, record);
  }
  return byId.size === records.length ? (records as R[]) : [...byId.values()];
};

export const upsertRecords = async <O extends CrmObjectName>(
  db: Kysely<StoreDatabase>,
  object: O,
  records: readonly CrmRecordOf[O][],
  options: UpsertOptions = {},
): Promise<number> => {
  if (records.length === 0) return 0;
  const codec = crmRecordCodec(object);
  const runId = options.runId ?? null;
  const syncedAt = options.syncedAt ?? new Date().toISOString();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const booleans = postgres ? 'boolean' : 'integer';
  return inTransaction(db, async (trx) => {
    let written = 0;
    for (const rows of chunks(latestById(records), rowsPerStatement(codec.columns))) {
      const replacing = !postgres && (await isStored(trx, object, rows[0]!.id));
      for (const batch of replacing ? chunks(rows, REPLACING_ROWS_PER_STATEMENT) : [rows]) {
        const parameters = codec.toParameters(batch, runId, syncedAt, booleans);
        const result = await trx.executeQuery(batchQuery(upsertSql(trx, object, codec.columns, batch.length), parameters));
        written += Number(result.numAffectedRows ?? 0n);
      }
    }
    return written;
  });
};

export const getRecords = async <O extends CrmObjectName>(db: Kysely<StoreDatabase>, object: O, ids: readonly string[]): Promise<CrmRecordOf[O][]> => {
  const codec = crmRecordCodec(object);
  const out: CrmRecordOf[O][] = [];
  for (const batch of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    const table: CrmObjectName = object;
    const rows = await crmTables(db).selectFrom(table).selectAll().where('id', 'in', batch).execute();
    for (const row of rows) out.push(codec.fromRow(row as StoredRow));
  }
  return out;
};

/**
 * Pages by id (keyset: `id > last`) rather than holding a cursor open: memory stays flat, a
 * caller may write to the store between pages (SQLite has one connection, which an open cursor
 * would hold), and both dialects page the same way.
 */
async function* pages(db: Kysely<StoreDatabase>, object: CrmObjectName, includeDeleted: boolean, columns: readonly string[] | 'all'): AsyncGenerator<StoredRow[]> {
  let after: string | null = null;
  for (;;) {
    let query = crmTables(db).selectFrom(object).orderBy('id').limit(PAGE_SIZE);
    if (after !== null) query = query.where('id', '>', after);
    if (!includeDeleted) query = query.where('is_deleted', '=', false);
    const rows: StoredRow[] = columns === 'all' ? await query.selectAll().execute() : await query.select(columns as (keyof SyncedRecordColumns)[]).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE_SIZE) return;
    after = String(rows[rows.length - 1]!.id);
  }
}

export async function* allIds(db: Kysely<StoreDatabase>, object: CrmObjectName, options: { includeDeleted?: boolean } = {}): AsyncGenerator<string> {
  for await (const rows of pages(db, object, options.includeDeleted ?? false, ['id'])) {
    for (const row of rows) yield String(row.id);
  }
}

export async function* iterateRecords<O extends CrmObjectName>(
  db: Kysely<StoreDatabase>,
  object: O,
  options: { includeDeleted?: boolean } = {},
): AsyncGenerator<CrmRecordOf[O]> {
  const codec = crmRecordCodec(object);
  for await (const rows of pages(db, object, options.includeDeleted ?? false, 'all')) {
    for (const row of rows) yield codec.fromRow(row);
  }
}

export const listRecords = async <O extends CrmObjectName, F extends RecordField<O>>(
  db: Kysely<StoreDatabase>,
  object: O,
  options: { fields: readonly F[]; includeDeleted?: boolean },
): Promise<Pick<CrmRecordOf[O], F | 'id'>[]> => {
  const reader = crmRecordCodec(object).fieldReader(options.fields);
  const out: Pick<CrmRecordOf[O], F | 'id'>[] = [];
  for await (const rows of pages(db, object, options.includeDeleted ?? false, reader.columns)) {
    for (const row of rows) out.push(reader.fromRow(row));
  }
  return out;
};

export const markDeleted = async (db: Kysely<StoreDatabase>, object: CrmObjectName, ids: readonly string[], at: string): Promise<number> => {
  if (ids.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    let marked = 0;
    for (const batch of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
      // SystemModstamp stays: Salesforce gave no new version for a hard delete; synced_at says when it was seen gone.
      const result = await crmTables(trx).updateTable(object)
        .set({ is_deleted: true, synced_at: at })
        .where('id', 'in', batch)
        .where('is_deleted', '=', false)
        .executeTakeFirst();
      marked += Number(result.numUpdatedRows);
    }
    return marked;
  });
};

export const countRecords = async (db: Kysely<StoreDatabase>, object: CrmObjectName, options: { includeDeleted?: boolean } = {}): Promise<number> => {
  let query = crmTables(db).selectFrom(object).select((eb) => eb.fn.countAll().as('n'));
  if (options.includeDeleted !== true) query = query.where('is_deleted', '=', false);
  const { n } = await query.executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which pg returns as a string.
  return Number(n);
};
