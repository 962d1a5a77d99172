import type { InstantText, JsonText, NullableSqlBoolean, SqlBoolean } from './column-types.ts';

/** Columns every synced Salesforce record has: its 18-char id and what the sync knows of it. */
export type SyncedRecordColumns = {
  id: string;
  is_deleted: SqlBoolean;
  system_modstamp: InstantText;
  extra: JsonText;
  synced_at: InstantText;
  run_id: string | null;
};

export type AccountTable = SyncedRecordColumns & {
  name: string;
  parent_id: string | null;
  master_record_id: string | null;
  owner_id: string | null;
  csm_id: string | null;
  arr: number | null;
  contract_start_date: string | null;
  renewal_date: string | null;
  status: string | null;
  segment: string | null;
  industry: string | null;
  website: string | null;
  product_key: string | null;
  onboarding_complete: NullableSqlBoolean;
  first_value_date: string | null;
};

export type ContactTable = SyncedRecordColumns & {
  account_id: string | null;
  first_name: string | null;
  last_name: string;
  email: string | null;
  title: string | null;
  role: string | null;
  is_primary: SqlBoolean;
  is_champion: SqlBoolean;
  is_executive_sponsor: SqlBoolean;
};

export type OpportunityTable = SyncedRecordColumns & {
  account_id: string | null;
  name: string;
  type: string | null;
  stage_name: string;
  amount: number | null;
  close_date: string | null;
  is_closed: SqlBoolean;
  is_won: SqlBoolean;
  owner_id: string | null;
};

export type UserTable = SyncedRecordColumns & {
  username: string;
  name: string | null;
  email: string | null;
  manager_id: string | null;
  is_active: SqlBoolean;
  title: string | null;
};

export type SubscriptionTable = SyncedRecordColumns & {
  account_id: string | null;
  product: string | null;
  quantity: number | null;
  start_date: string | null;
  end_date: string | null;
  arr: number | null;
  status: string | null;
};
