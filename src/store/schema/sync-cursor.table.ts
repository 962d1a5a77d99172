import type { InstantText } from './column-types.ts';

/** One row per CRM object: the committed cursor, and the checkpoint of a query in flight. */
export type SyncCursorTable = {
  object: string;
  cursor_system_modstamp: InstantText | null;
  cursor_last_id: string | null;
  cursor_committed_at: InstantText | null;
  checkpoint_mode: 'rest' | 'bulk' | null;
  checkpoint_run_id: string | null;
  checkpoint_upper_bound: InstantText | null;
  checkpoint_progress_system_modstamp: InstantText | null;
  checkpoint_progress_last_id: string | null;
  checkpoint_next_records_url: string | null;
  checkpoint_bulk_job_id: string | null;
  checkpoint_bulk_locator: string | null;
  checkpoint_rows_done: number | null;
  checkpoint_saved_at: InstantText | null;
  last_full_sync_at: InstantText | null;
  last_hard_delete_sweep_at: InstantText | null;
};
