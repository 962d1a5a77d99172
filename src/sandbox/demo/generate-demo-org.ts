import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import { assignInactiveOwner, planAccounts } from './account-plans.ts';
import { buildAccountRecords } from './account-records.ts';
import { buildActivityRecords } from './activity-records.ts';
import { AuditStamper } from './audit-stamps.ts';
import { buildTruth } from './build-truth.ts';
import { buildCaseRecords } from './case-records.ts';
import { buildContactRecords } from './contact-records.ts';
import { buildContractRecords } from './contract-records.ts';
import type { DemoOrg, DemoOrgOptions } from './demo-types.ts';
import { DEFAULT_DEMO_ACCOUNTS } from './demo-types.ts';
import { applyDirtyKeys } from './dirty-keys.ts';
import { buildNamePools } from './name-pools.ts';
import { buildOpportunityRecords } from './opportunity-records.ts';
import { Rng } from './random.ts';
import { buildSubscriptionRecords } from './subscription-records.ts';
import { DAY_MS, dayOf } from './time-format.ts';
import { buildUsers } from './user-records.ts';
import { buildWarehouseAccounts } from './warehouse-accounts.ts';

/** Stream ids: each concern draws from its own sequence, so tuning one leaves the rest alone. */
const STREAM = {
  stamps: 1, users: 2, plans: 3, dirty: 4, warehouse: 5, accounts: 6, contacts: 7, contracts: 8,
  opportunities: 9, subscriptions: 10, activities: 11, cases: 12, owners: 13,
} as const;

const checkOptions = (options: DemoOrgOptions): number => {
  const accounts = options.accounts ?? DEFAULT_DEMO_ACCOUNTS;
  if (!Number.isInteger(accounts) || accounts < 1) throw new RangeError(`accounts must be a positive integer, got ${accounts}`);
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a finite number, got ${options.seed}`);
  if (Number.isNaN(options.asOf.getTime())) throw new RangeError('asOf must be a valid date');
  return accounts;
};

/**
 * Generates the sandbox org's demo data: users, accounts (with dirty keys, hierarchies, merges),
 * contacts, contracts, opportunities, subscriptions, tasks, events and cases, plus the truth
 * about them and the plan the usage and NPS generators read. Pure: same options, same output.
 */
export const generateDemoOrg = (options: DemoOrgOptions): DemoOrg => {
  const count = checkOptions(options);
  const { seed, asOf } = options;
  const asOfMs = asOf.getTime();
  const asOfDay = dayOf(asOfMs);
  const rng = (stream: number): Rng => new Rng(seed, stream);

  const stamper = new AuditStamper(rng(STREAM.stamps), asOfMs);
  const pools = buildNamePools(seed);
  const users = buildUsers(rng(STREAM.users), pools, count, stamper, asOfMs);
  const { roster } = users;
  const plans = planAccounts({ rng: rng(STREAM.plans), pools, count, asOfDay, roster });
  const dirty = applyDirtyKeys(rng(STREAM.dirty), pools, plans);
  const inactiveOwner = assignInactiveOwner(rng(STREAM.owners), plans, roster.inactiveUserId);
  const warehouse = buildWarehouseAccounts(rng(STREAM.warehouse), plans, dirty, asOfDay);

  const orgAudit = stamper.stamp('Organization', asOfMs - 1900 * DAY_MS);
  const organization: SObjectRecord = {
    Id: demoRecordId('00D', 1),
    IsDeleted: false,
    CreatedDate: orgAudit.created,
    CreatedById: roster.adminId,
    LastModifiedDate: orgAudit.modified,
    LastModifiedById: roster.adminId,
    SystemModstamp: orgAudit.modified,
    Name: 'Sextant Demo Org',
    InstanceName: 'SX1',
    IsSandbox: true,
    OrganizationType: 'Enterprise Edition',
    TimeZoneSidKey: 'America/Los_Angeles',
  };
  const accounts = buildAccountRecords(rng(STREAM.accounts), pools, plans, stamper, roster.adminId);
  const contacts = buildContactRecords(rng(STREAM.contacts), pools, plans, stamper, roster.adminId, asOfDay);
  const contracts = buildContractRecords(rng(STREAM.contracts), plans, stamper, roster.adminId);
  const opportunities = buildOpportunityRecords(rng(STREAM.opportunities), plans, contracts.contractIds, roster, stamper, asOfDay);
  const subscriptions = buildSubscriptionRecords(rng(STREAM.subscriptions), plans, stamper, roster.adminId);
  const activities = buildActivityRecords(rng(STREAM.activities), plans, contacts, roster, stamper, asOfDay);
  const cases = buildCaseRecords(rng(STREAM.cases), plans, contacts, roster, stamper, asOfDay);

  const records: Record<string, SObjectRecord[]> = {
    Organization: [organization],
    User: users.records,
    Account: accounts,
    Contact: contacts,
    Contract: contracts.records,
    Opportunity: opportunities.records,
    Subscription__c: subscriptions,
    Task: activities.tasks,
    Event: activities.events,
    Case: cases.records,
  };
  const truth = buildTruth({
    seed, asOf, asOfDay, plans, records, roster, keys: dirty.truth, lostRenewalIds: opportunities.lostRenewalIds,
    execSponsor: activities.execSponsor, support: cases.support, inactiveOwner, shared: stamper.shared,
  });
  return { records, truth, plans, warehouse };
};
