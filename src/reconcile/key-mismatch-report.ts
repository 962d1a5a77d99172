import type { MatchRule } from '../domain/identity.ts';
import type { IsoDay } from '../domain/usage.ts';
import type { MergeProblem } from './account-graph.ts';

/**
 * The key-mismatch report: what a data owner must fix so usage reaches the right accounts,
 * grouped by kind of problem, each group sized by the ARR it affects so the biggest problems
 * come first. Pure data; src/reports/key-mismatch renders it to CSV, JSON and HTML.
 */
export type MismatchClass =
  | 'key-conflict'
  | 'customer-without-usage'
  | 'unmatched-usage-key'
  | 'ambiguous-domain'
  | 'duplicate-keys'
  | 'name-proposal'
  | 'broken-merge'
  | 'invalid-override';

/** Display order: problems that hide a paying customer's usage first. */
export const MISMATCH_CLASSES: readonly MismatchClass[] = [
  'key-conflict', 'customer-without-usage', 'unmatched-usage-key', 'ambiguous-domain',
  'duplicate-keys', 'name-proposal', 'broken-merge', 'invalid-override',
];

export type AccountRef = {
  accountId: string;
  accountName: string;
  arr: number;
  status: string | null;
  segment: string | null;
};

export type UsageRef = {
  accountKey: string;
  domain: string | null;
  name: string | null;
  events: number;
  lastDay: IsoDay | null;
};

/** Every row carries the figures it is ranked by: ARR affected, then usage volume. */
type Ranked = { arr: number; events: number };

export type KeyConflictRow = Ranked & {
  class: 'key-conflict';
  /** The product key in its normalized form. */
  key: string;
  accounts: (AccountRef & { productKey: string; heldById: string })[];
  usage: UsageRef[];
};

export type CustomerWithoutUsageRow = Ranked & {
  class: 'customer-without-usage';
  account: AccountRef;
  website: string | null;
  productKey: string | null;
  /** Keys linked to the account that had no events in the window. */
  idleKeys: string[];
  /** Unmatched usage keys proposed for this account by name: best score, then most usage, first. */
  proposedKeys: string[];
};

export type UnmatchedUsageKeyRow = Ranked & {
  class: 'unmatched-usage-key';
  usage: UsageRef;
  /** The usage domain is a free-mail domain: it cannot identify a company. */
  freeMail: boolean;
  /** A deleted account (not merged into a live one) holds this key or id. */
  deletedAccountId: string | null;
  /** The best name proposal for this key, if any (details in the name-proposal class). */
  proposal: { accountId: string; accountName: string; score: number } | null;
};

export type AmbiguousDomainRow = Ranked & {
  class: 'ambiguous-domain';
  domain: string;
  accounts: AccountRef[];
  usage: UsageRef[];
};

export type DuplicateKeysRow = Ranked & {
  class: 'duplicate-keys';
  account: AccountRef;
  /** `mergedFromId`: the key came from an account merged into this one. */
  keys: (UsageRef & { rule: MatchRule; evidence: string; mergedFromId: string | null })[];
  /** All keys normalize to one ('ACME' and ' acme'): a spelling drift, not a second tenant. */
  sameKeyVariants: boolean;
};

export type NameProposalRow = Ranked & {
  class: 'name-proposal';
  usage: UsageRef;
  account: AccountRef;
  score: number;
  alternatives: { accountId: string; accountName: string; score: number }[];
};

export type BrokenMergeRow = Ranked & {
  class: 'broken-merge';
  account: AccountRef;
  masterRecordId: string;
  problem: MergeProblem;
  /** Loser first, then each MasterRecordId followed. */
  chain: string[];
  productKey: string | null;
};

export type OverrideProblem = 'unknown-account' | 'deleted-account' | 'duplicate-override' | 'blank-key';

export type InvalidOverrideRow = Ranked & {
  class: 'invalid-override';
  accountKey: string;
  accountId: string;
  problem: OverrideProblem;
  /** For a merged-away target: the live account the override should name instead. */
  survivor: AccountRef | null;
  note: string | null;
  /** Where the override is written ('overrides.csv:12'), when known. */
  source: string | null;
};

export type MismatchRow =
  | KeyConflictRow | CustomerWithoutUsageRow | UnmatchedUsageKeyRow | AmbiguousDomainRow
  | DuplicateKeysRow | NameProposalRow | BrokenMergeRow | InvalidOverrideRow;

export type RowOf<C extends MismatchClass> = Extract<MismatchRow, { class: C }>;

export type MismatchSection<C extends MismatchClass> = {
  count: number;
  /** ARR of the distinct accounts the rows name (0 for unmatched keys: no account is known). */
  arr: number;
  events: number;
  /** Worst first: ARR desc, then usage volume desc. */
  rows: RowOf<C>[];
};

export type KeyMismatchSummary = {
  /** Live accounts (merged-away and deleted ones excluded). */
  accounts: number;
  mergedAccounts: number;
  customers: number;
  customersWithUsage: number;
  usageKeys: number;
  /** Keys a data owner marked as belonging to no account. */
  ignoredKeys: number;
  linkedKeys: number;
  matchedBy: Record<MatchRule, number>;
  /** Not linked and not ignored: conflicts and ambiguous domains included. */
  unlinkedKeys: number;
  /** Unlinked keys with fewer events than rules.report.minUnmatchedEvents: not listed. */
  unlistedDormantKeys: number;
  /** linked ÷ (usage keys − ignored); 1 when there is nothing to match. */
  matchRate: number;
  /** The same by usage volume: the share of events that reach an account. */
  eventMatchRate: number;
  /** ARR of the distinct accounts named anywhere in the report. */
  arrAffected: number;
};

export type KeyMismatchReport = {
  asOf: string;
  summary: KeyMismatchSummary;
  classes: { [C in MismatchClass]: MismatchSection<C> };
};
