import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { AccountPlan, Segment } from './demo-types.ts';
import { FREE_MAIL_DOMAIN } from './dirty-keys.ts';
import type { NamePools } from './name-pools.ts';
import type { Rng } from './random.ts';
import { phoneNumber } from './account-records.ts';
import { DAY_MS, flat } from './time-format.ts';

type Role = 'Admin' | 'User' | 'Champion' | 'Executive Sponsor' | 'Billing' | 'Other';

const CONTACTS: Record<Segment, readonly [number, number]> = { Strategic: [8, 12], Enterprise: [5, 8], 'Mid-Market': [3, 5], SMB: [2, 4] };
const OTHER_ROLES = { User: 60, Billing: 15, Other: 10, none: 15 } as const;
const SPONSOR_CHANCE: Record<Segment, number> = { Strategic: 0.95, Enterprise: 0.85, 'Mid-Market': 0.65, SMB: 0.35 };
const TITLES: Record<Role | 'none', readonly string[]> = {
  Admin: ['Salesforce Administrator', 'IT Manager', 'Operations Manager', 'Systems Administrator'],
  Champion: ['Director of Operations', 'Head of Revenue Operations', 'Director of Customer Experience', 'Senior Manager, Analytics'],
  'Executive Sponsor': ['VP Operations', 'Chief Operating Officer', 'Chief Technology Officer', 'Chief Customer Officer', 'SVP Sales'],
  Billing: ['Accounts Payable Specialist', 'Controller', 'Procurement Manager'],
  User: ['Analyst', 'Specialist', 'Team Lead', 'Manager', 'Coordinator'],
  Other: ['Consultant', 'Assistant', 'Engineer'],
  none: ['Manager', 'Director', 'Analyst'],
};
const DEPARTMENTS: Record<Role | 'none', string> = {
  Admin: 'IT', Champion: 'Operations', 'Executive Sponsor': 'Executive', Billing: 'Finance', User: 'Operations', Other: 'Other', none: 'Operations',
};

/**
 * Contacts per account, roles included: customers usually have a primary admin, a champion and
 * (more often the bigger they are) an executive sponsor, but some have none of these, as real
 * CRMs do. Records each plan's contact slice and role holders for later generators.
 */
export const buildContactRecords = (
  rng: Rng,
  pools: NamePools,
  plans: AccountPlan[],
  stamper: AuditStamper,
  adminId: string,
  asOfDay: number,
): SObjectRecord[] => {
  const records: SObjectRecord[] = [];
  for (const plan of plans) {
    plan.contactStart = records.length;
    // A merged-away account's contacts moved to the survivor.
    if (plan.isDeleted) continue;
    const roles: (Role | null)[] = [];
    if (plan.status !== 'Prospect' && !rng.chance(0.05)) {
      if (rng.chance(0.92)) roles.push('Admin');
      if (rng.chance(plan.segment === 'SMB' ? 0.6 : 0.78)) roles.push('Champion');
      if (rng.chance(SPONSOR_CHANCE[plan.segment])) roles.push('Executive Sponsor');
    }
    const [min, max] = plan.status === 'Prospect' ? [1, 2] : CONTACTS[plan.segment];
    const count = Math.max(roles.length, rng.int(min, max));
    while (roles.length < count) {
      const role = plan.status === 'Prospect' ? 'none' : rng.weighted(OTHER_ROLES);
      roles.push(role === 'none' ? null : role);
    }
    const emails = new Set<string>();
    for (const role of roles) {
      const index = records.length;
      const first = rng.pick(pools.firstNames);
      const last = rng.pick(pools.lastNames);
      let local = `${first}.${last}`.toLowerCase();
      if (plan.domain === FREE_MAIL_DOMAIN) local += String(index);
      for (let n = 2; emails.has(local); n++) local = `${first}.${last}${n}`.toLowerCase();
      emails.add(local);
      const hasEmail = role === 'Admin' || !rng.chance(0.03);
      if (role === 'Admin') plan.adminContact = index;
      if (role === 'Champion') plan.championContact = index;
      if (role === 'Executive Sponsor') plan.sponsorContact = index;
      const audit = stamper.stamp('Contact', (Math.min(asOfDay - 1, plan.createdDay + rng.int(0, 60))) * DAY_MS + rng.int(0, DAY_MS - 1));
      records.push({
        Id: demoRecordId('003', index + 1),
        OwnerId: plan.ownerId,
        ...auditColumns(audit, adminId),
        AccountId: plan.id,
        FirstName: first,
        LastName: last,
        Email: hasEmail ? flat(local, '@', plan.domain) : null,
        Phone: rng.chance(0.5) ? phoneNumber(rng) : null,
        Title: rng.pick(TITLES[role ?? 'none']),
        Department: DEPARTMENTS[role ?? 'none'],
        HasOptedOutOfEmail: rng.chance(0.03),
        Contact_Role__c: role,
        Is_Primary__c: role === 'Admin',
        Is_Champion__c: role === 'Champion',
        Is_Executive_Sponsor__c: role === 'Executive Sponsor',
      });
    }
    plan.contactCount = records.length - plan.contactStart;
  }
  return records;
};
