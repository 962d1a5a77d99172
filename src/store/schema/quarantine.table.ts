import type { Generated } from 'kysely';
import type { InstantText, JsonText } from './column-types.ts';

export type QuarantineTable = {
  id: Generated<number>;
  run_id: string;
  object: string;
  source_id: string | null;
  code: string;
  path: string;
  reason: string;
  raw: JsonText;
  quarantined_at: InstantText;
};
