import type { SObjectRecord } from '../org/sobject-record.ts';
import type { DemoTruth } from './demo-truth.ts';

export type Segment = 'Strategic' | 'Enterprise' | 'Mid-Market' | 'SMB';
export type CustomerStatus = 'Prospect' | 'Onboarding' | 'Active' | 'Churned';

/**
 * The shape of an account's product usage over the window. `churning` and `churn-noise` are
 * churned accounts (usage stops at the lost renewal, with and without a decline before it);
 * `none` means no events at all.
 */
export type UsagePattern =
  | 'healthy' | 'steady' | 'low-adoption' | 'declining' | 'inactive' | 'ramping' | 'churning' | 'churn-noise' | 'none';

export const SEGMENTS: readonly Segment[] = ['Strategic', 'Enterprise', 'Mid-Market', 'SMB'];

/**
 * The generator's hidden plan for one Account: what the records say and what the usage and
 * surveys will show. Days are UTC epoch days. Mutable while the org is assembled.
 */
export interface AccountPlan {
  index: number;
  id: string;
  name: string;
  segment: Segment;
  status: CustomerStatus;
  parentIndex: number | null;
  industry: string;
  /** Stem the name and domain came from ("Northwind"), for name variants. */
  stem: string;
  /** The company's email domain; `website` (when set) points at it, except in dirty cases. */
  domain: string;
  website: string | null;
  /** ARR__c as stored (0 for prospects and churned accounts). */
  arr: number;
  /** ARR of the last contract: the lost ARR for churned accounts. */
  contractArr: number;
  startDay: number | null;
  renewalDay: number | null;
  /** Start of the current contract term (last anniversary, or start). */
  termStartDay: number | null;
  onboardingComplete: boolean;
  firstValueDay: number | null;
  createdDay: number;
  ownerId: string;
  csmId: string | null;
  productKey: string | null;
  isDeleted: boolean;
  masterIndex: number | null;
  pattern: UsagePattern;
  licenses: number;
  /** Product users (seats actually assigned). */
  users: number;
  /** Designed so ≥ 85% of licenses are in active use (the Expansion signal). */
  highUtilization: boolean;
  /** Slice of the Contact array that belongs to this account. */
  contactStart: number;
  contactCount: number;
  /** Absolute Contact indices of role holders, -1 when the account has none. */
  adminContact: number;
  championContact: number;
  sponsorContact: number;
}

/**
 * One account as the product warehouse knows it. Usually one per CRM customer, but keys may be
 * dirty, and some exist in no CRM account at all (orphans).
 */
export interface WarehouseAccount {
  key: string;
  domain: string;
  name: string;
  /** The CRM account whose people use it (emails come from its contacts); -1 for orphans. */
  planIndex: number;
  licenses: number;
  users: number;
  pattern: UsagePattern;
  /** First and last (inclusive) epoch day with activity; activity stops after `untilDay`. */
  fromDay: number;
  untilDay: number;
  /** Decline ramps from `declineStartDay` over 10 days to `floor` of normal activity. */
  declineStartDay: number | null;
  floor: number;
  /** Logins per normal weekday by regular users (spread round-robin over them). */
  loginsPerDay: number;
  /** User 0 logs in (nearly) every active day, as a healthy account's admin does. */
  powerUser: boolean;
  featuresPerLogin: number;
  /** How many of the core features the account uses (1–4). */
  featureCount: number;
}

export interface DemoOrgOptions {
  /** Number of Account records, merged-away ones included. Default 200. */
  accounts?: number;
  seed: number;
  asOf: Date;
}

export interface DemoOrg {
  /** Records per sObject API name, in insertion order. */
  records: Record<string, SObjectRecord[]>;
  truth: DemoTruth;
  /** The hidden per-account plan the usage and NPS generators read. */
  plans: AccountPlan[];
  warehouse: WarehouseAccount[];
}

export const DEFAULT_DEMO_ACCOUNTS = 200;
