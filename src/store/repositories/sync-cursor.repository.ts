import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CrmObjectName } from '../../domain/crm-records.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { SyncCursorTable } from '../schema/sync-cursor.table.ts';
import type { SyncCheckpoint, SyncCursor, SyncCursorState } from '../store.ts';

const NO_CHECKPOINT = {
  checkpoint_mode: null,
  checkpoint_run_id: null,
  checkpoint_upper_bound: null,
  checkpoint_progress_system_modstamp: null,
  checkpoint_progress_last_id: null,
  checkpoint_next_records_url: null,
  checkpoint_bulk_job_id: null,
  checkpoint_bulk_locator: null,
  checkpoint_rows_done: null,
  checkpoint_saved_at: null,
} as const satisfies Updateable<SyncCursorTable>;

/** Writes `changes` to the object's row, creating the row on first use. */
const upsertCursorRow = async (db: Kysely<StoreDatabase>, object: CrmObjectName, changes: Updateable<SyncCursorTable>): Promise<void> => {
  await db.insertInto('sync_cursors')
    .values({ object, ...changes })
    .onConflict((oc) => oc.column('object').doUpdateSet(changes))
    .execute();
};

const toCheckpoint = (row: Selectable<SyncCursorTable>): SyncCheckpoint | null => {
  if (row.checkpoint_mode === null || row.checkpoint_run_id === null || row.checkpoint_upper_bound === null) return null;
  const progress = row.checkpoint_progress_system_modstamp !== null && row.checkpoint_progress_last_id !== null
    ? { systemModstamp: row.checkpoint_progress_system_modstamp, lastId: row.checkpoint_progress_last_id }
    : null;
  return {
    mode: row.checkpoint_mode,
    runId: row.checkpoint_run_id,
    upperBound: row.checkpoint_upper_bound,
    progress,
    nextRecordsUrl: row.checkpoint_next_records_url,
    bulkJobId: row.checkpoint_bulk_job_id,
    bulkLocator: row.checkpoint_bulk_locator,
    rowsDone: Number(row.checkpoint_rows_done ?? 0),
    savedAt: row.checkpoint_saved_at ?? '',
  };
};

export const getCursor = async (db: Kysely<StoreDatabase>, object: CrmObjectName): Promise<SyncCursorState> => {
  const row = await db.selectFrom('sync_cursors').selectAll().where('object', '=', object).executeTakeFirst();
  if (row === undefined) {
    return { object, cursor: null, cursorCommittedAt: null, checkpoint: null, lastFullSyncAt: null, lastHardDeleteSweepAt: null };
  }
  const cursor = row.cursor_system_modstamp !== null && row.cursor_last_id !== null
    ? { systemModstamp: row.cursor_system_modstamp, lastId: row.cursor_last_id }
    : null;
  return {
    object,
    cursor,
    cursorCommittedAt: row.cursor_committed_at,
    checkpoint: toCheckpoint(row),
    lastFullSyncAt: row.last_full_sync_at,
    lastHardDeleteSweepAt: row.last_hard_delete_sweep_at,
  };
};

export const saveCheckpoint = async (db: Kysely<StoreDatabase>, object: CrmObjectName, checkpoint: SyncCheckpoint): Promise<void> =>
  upsertCursorRow(db, object, {
    checkpoint_mode: checkpoint.mode,
    checkpoint_run_id: checkpoint.runId,
    checkpoint_upper_bound: checkpoint.upperBound,
    checkpoint_progress_system_modstamp: checkpoint.progress?.systemModstamp ?? null,
    checkpoint_progress_last_id: checkpoint.progress?.lastId ?? null,
    checkpoint_next_records_url: checkpoint.nextRecordsUrl,
    checkpoint_bulk_job_id: checkpoint.bulkJobId,
    checkpoint_bulk_locator: checkpoint.bulkLocator,
    checkpoint_rows_done: checkpoint.rowsDone,
    checkpoint_saved_at: checkpoint.savedAt,
  });

export const clearCheckpoint = async (db: Kysely<StoreDatabase>, object: CrmObjectName): Promise<void> =>
  upsertCursorRow(db, object, NO_CHECKPOINT);

export const commitCursor = async (
  db: Kysely<StoreDatabase>,
  object: CrmObjectName,
  cursor: SyncCursor,
  options: { committedAt?: string; fullSyncAt?: string } = {},
): Promise<void> =>
  upsertCursorRow(db, object, {
    cursor_system_modstamp: cursor.systemModstamp,
    cursor_last_id: cursor.lastId,
    cursor_committed_at: options.committedAt ?? new Date().toISOString(),
    ...NO_CHECKPOINT,
    ...(options.fullSyncAt === undefined ? {} : { last_full_sync_at: options.fullSyncAt }),
  });

export const recordHardDeleteSweep = async (db: Kysely<StoreDatabase>, object: CrmObjectName, at: string): Promise<void> =>
  upsertCursorRow(db, object, { last_hard_delete_sweep_at: at });
