import type { AccountTable, ContactTable, OpportunityTable, SubscriptionTable, UserTable } from './crm-record.table.ts';
import type { QuarantineTable } from './quarantine.table.ts';
import type { RunStepTable, RunTable } from './run.table.ts';
import type { SyncCursorTable } from './sync-cursor.table.ts';
import type { AccountStageTable, HealthMeasureSetTable, HealthRollupTable, HealthSnapshotTable, IdentityLinkTable, StageTransitionTable, StepStateTable, UsageAccountTable, UsageMonthTable } from './pipeline.table.ts';
import type { NpsResponseTable } from './pipeline.table.ts';

/** The store's Kysely schema: table name → row type. CRM tables are named as CrmObjectName. */
export type StoreDatabase = {
  accounts: AccountTable;
  contacts: ContactTable;
  opportunities: OpportunityTable;
  users: UserTable;
  subscriptions: SubscriptionTable;
  sync_cursors: SyncCursorTable;
  runs: RunTable;
  run_steps: RunStepTable;
  quarantine: QuarantineTable;
  usage_months: UsageMonthTable;
  usage_accounts: UsageAccountTable;
  identity_links: IdentityLinkTable;
  step_state: StepStateTable;
  health_snapshots: HealthSnapshotTable;
  health_measure_sets: HealthMeasureSetTable;
  health_rollups: HealthRollupTable;
  account_stages: AccountStageTable;
  stage_transitions: StageTransitionTable;
  nps_responses: NpsResponseTable;
};
