/**
 * The canonical CRM records Sextant keeps, whatever an org calls its fields (mappings/*.yaml
 * say which Salesforce field feeds which canonical field). Ids are 18-char Salesforce ids;
 * dates are 'YYYY-MM-DD'; instants are ISO-8601 UTC strings ('2026-11-25T10:00:00.000Z').
 * `extra` holds additionally mapped fields by their mapping name, for rules that want them.
 */
export type SyncedRecord = {
  id: string;
  isDeleted: boolean;
  /** SystemModstamp of the version stored: the sync cursor's unit. */
  systemModstamp: string;
  extra: Record<string, string | number | boolean | null>;
};

export type CrmAccount = SyncedRecord & {
  name: string;
  parentId: string | null;
  masterRecordId: string | null;
  ownerId: string | null;
  csmId: string | null;
  arr: number | null;
  contractStartDate: string | null;
  renewalDate: string | null;
  status: string | null;
  segment: string | null;
  industry: string | null;
  website: string | null;
  productKey: string | null;
  onboardingComplete: boolean | null;
  firstValueDate: string | null;
};

export type CrmContact = SyncedRecord & {
  accountId: string | null;
  firstName: string | null;
  lastName: string;
  email: string | null;
  title: string | null;
  role: string | null;
  isPrimary: boolean;
  isChampion: boolean;
  isExecutiveSponsor: boolean;
};

export type CrmOpportunity = SyncedRecord & {
  accountId: string | null;
  name: string;
  type: string | null;
  stageName: string;
  amount: number | null;
  closeDate: string | null;
  isClosed: boolean;
  isWon: boolean;
  ownerId: string | null;
};

export type CrmUser = SyncedRecord & {
  username: string;
  name: string | null;
  email: string | null;
  managerId: string | null;
  isActive: boolean;
  title: string | null;
};

export type CrmSubscription = SyncedRecord & {
  accountId: string | null;
  product: string | null;
  quantity: number | null;
  startDate: string | null;
  endDate: string | null;
  arr: number | null;
  status: string | null;
};

/** The canonical objects a sync fills, by their store/table name. */
export type CrmObjectName = 'accounts' | 'contacts' | 'opportunities' | 'users' | 'subscriptions';
export const CRM_OBJECTS: readonly CrmObjectName[] = ['users', 'accounts', 'contacts', 'opportunities', 'subscriptions'];

export type CrmRecordOf = {
  accounts: CrmAccount;
  contacts: CrmContact;
  opportunities: CrmOpportunity;
  users: CrmUser;
  subscriptions: CrmSubscription;
};

/** A row that could not be normalised: kept with its reason and raw values, never dropped. */
export type QuarantinedRecord = {
  runId: string;
  object: string;
  sourceId: string | null;
  code: string;
  /** Where in the row: the Salesforce field and the mapping path that rejected it. */
  path: string;
  reason: string;
  raw: Record<string, unknown>;
  quarantinedAt: string;
};

export type RunOutcome = 'running' | 'succeeded' | 'failed' | 'deferred';
