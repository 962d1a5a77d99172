import type { UserRoster } from './user-records.ts';
import type { SharedStamp } from './audit-stamps.ts';
import type { CustomerStatus, Segment, UsagePattern } from './demo-types.ts';

/**
 * What the demo data is known to contain, so later steps (key reconciliation, health, lifecycle,
 * backtest) can be tested against answers rather than against themselves. Ids are the 18-char
 * Account ids the org returns; ARR is the account's ARR__c.
 */
export interface KeyCase {
  accountId: string;
  accountName: string;
  arr: number;
}

export interface DirtyKeyTruth {
  /** Product_Account_Key__c is empty; the warehouse keys the account by its 15-char Id. */
  salesforceIdKeys: (KeyCase & { usageKey: string })[];
  /** Same key, but the warehouse value differs in case or surrounding spaces. */
  caseOrSpaceVariants: (KeyCase & { crmKey: string; usageKey: string })[];
  /** No key on the account; only its Website domain equals the usage account's domain. */
  domainOnly: (KeyCase & { website: string; usageKey: string; usageDomain: string })[];
  /** Website and usage domain are a free-mail domain: must NOT be matched by domain. */
  freeMailDomain: (KeyCase & { website: string; usageKey: string; usageDomain: string })[];
  /** One key on several accounts: reported, never guessed. `arr` is their total. */
  conflicts: { key: string; accountIds: string[]; arr: number }[];
  /** Usage keys that exist in no account (volume is counted when the files are written). */
  orphans: { usageKey: string; usageDomain: string; name: string; freeMail: boolean }[];
  /** Merged accounts: the loser is IsDeleted with MasterRecordId = survivor; its key is in usage. */
  merged: { loserId: string; survivorId: string; loserKey: string; survivorKey: string; loserName: string; survivorName: string; arr: number }[];
  /** No key match, no domain match; only the names are similar (licenses.csv account_name). */
  nameProposals: (KeyCase & { usageKey: string; usageName: string; usageDomain: string })[];
}

export interface ChurnCase {
  accountId: string;
  renewalDate: string;
  lostArr: number;
  opportunityId: string;
  /** Whether usage declined before the loss (false = noise: churned while looking fine). */
  signal: boolean;
}

export interface DemoTruth {
  seed: number;
  asOf: string;
  accounts: number;
  counts: Record<string, number>;
  users: UserRoster;
  segments: Record<Segment, number>;
  statuses: Record<CustomerStatus, number>;
  hierarchy: { parentId: string; childIds: string[] }[];
  keys: DirtyKeyTruth;
  /** Account ids by the usage pattern generated for them (orphans and deleted excluded). */
  usage: Record<UsagePattern, string[]> & {
    /** Accounts whose product users fill ≥ 85% of licenses. */
    highUtilization: string[];
  };
  /** Onboarding/Active customers with no usage under any key. */
  customersWithoutUsage: KeyCase[];
  renewals: { within90Days: string[]; within120Days: string[] };
  onboarding: { accountIds: string[]; over60Days: string[] };
  churn: {
    /** Renewals lost in the usage window (5–45 days before asOf): the backtest cohort. */
    recent: ChurnCase[];
    older: ChurnCase[];
    /** Accounts renewed (Closed Won) in the same window: the backtest's retained side. */
    recentlyRenewed: string[];
  };
  /** Active/Onboarding accounts by the latest meeting with their executive sponsor. */
  execSponsor: { green: string[]; yellow: string[]; red: string[]; noSponsor: string[] };
  support: { escalated: string[]; openHighTwoOrMore: string[]; openHighOne: string[] };
  /** Accounts owned by a deactivated user (routing must cope). */
  inactiveOwnerAccountIds: string[];
  sharedSystemModstamps: SharedStamp[];
}
