import type { Generated } from 'kysely';
import type { InstantText, JsonText } from './column-types.ts';

/** One warehouse key's usage for one UTC calendar month (see usage-month.codec.ts). */
export type UsageMonthTable = {
  account_key: string;
  /** 'YYYY-MM' */
  month: string;
  /** The month's days, packed. */
  data: Uint8Array;
  /**
   * Derived from `data` and written with it, so counts and volumes are SQL sums and never a
   * decode: days stored, their events (bigint: PostgreSQL returns it as a string), first and
   * last stored day.
   */
  days: number;
  events: number | string;
  first_day: string;
  last_day: string;
  /** When and by which run the month last changed. */
  loaded_at: InstantText;
  run_id: string | null;
};

export type UsageAccountTable = {
  account_key: string;
  domain: string | null;
  name: string | null;
  licenses: number | null;
  /** bigint: PostgreSQL returns it as a string. */
  events: number | string;
  first_day: string | null;
  last_day: string | null;
  updated_at: InstantText;
};

export type IdentityLinkTable = {
  account_key: string;
  account_id: string;
  rule: string;
  confidence: number;
  evidence: string;
  linked_at: InstantText;
  run_id: string | null;
};

export type StepStateTable = {
  name: string;
  value: JsonText;
  updated_at: InstantText;
};

export type HealthSnapshotTable = {
  account_id: string;
  as_of: string;
  score: number | null;
  colour: string;
  /** The readings (health-snapshot.codec.ts); the rules' part of each measure is in measure_set. */
  snapshot: JsonText;
  measure_set: string | null;
  run_id: string | null;
};

/** What the rules say of each measure of a snapshot, stored once per distinct set. */
export type HealthMeasureSetTable = { id: string; measures: JsonText };

export type HealthRollupTable = { account_id: string; as_of: string; rollup: JsonText; run_id: string | null };

export type AccountStageTable = {
  account_id: string;
  stage: string | null;
  entered_at: string;
  rule: string;
  assigned_at: InstantText;
  assignment: JsonText;
};

export type StageTransitionTable = {
  id: Generated<number>;
  account_id: string;
  from_stage: string | null;
  to_stage: string | null;
  at: string;
  rule: string;
  run_id: string | null;
};

export type NpsResponseTable = {
  id: string;
  source_id: string | null;
  contact_id: string | null;
  email: string | null;
  account_id: string | null;
  score: number;
  comment: string | null;
  responded_at: InstantText;
  status: string;
  loaded_at: InstantText;
  run_id: string | null;
};
