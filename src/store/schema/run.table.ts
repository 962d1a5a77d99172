import type { Generated } from 'kysely';
import type { RunOutcome } from '../../domain/crm-records.ts';
import type { InstantText, JsonText } from './column-types.ts';

export type RunTable = {
  id: string;
  command: string;
  started_at: InstantText;
  finished_at: InstantText | null;
  outcome: RunOutcome;
  api_calls: number;
  error_code: string | null;
  error_message: string | null;
  summary: JsonText | null;
};

export type RunStepTable = {
  /** Insertion order: steps are listed in the order they were recorded. */
  id: Generated<number>;
  run_id: string;
  step: string;
  object: string | null;
  read: number;
  upserted: number;
  deleted: number;
  quarantined: number;
  api_calls: number;
  started_at: InstantText;
  finished_at: InstantText;
  outcome: RunOutcome;
};
