import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { NamePools } from './name-pools.ts';
import type { Rng } from './random.ts';
import { DAY_MS } from './time-format.ts';

/** Who is who among the generated users, for ownership and routing. */
export interface UserRoster {
  adminId: string;
  leadershipId: string;
  digitalQueueId: string;
  inactiveUserId: string;
  managerIds: string[];
  csmIds: string[];
  seniorCsmIds: string[];
  accountExecutiveIds: string[];
  supportIds: string[];
}

export const USER_EMAIL_DOMAIN = 'sextantdemo.com';

interface UserSpec {
  first: string;
  last: string;
  title: string;
  department: string;
  managerId: string | null;
  active?: boolean;
}

/**
 * The vendor's own people: an integration admin (creator of every record), a VP of Customer
 * Success, CS managers, CSMs and senior CSMs (Strategic), account executives (prospects and new
 * business), support engineers, a "digital queue" user owning tech-touch SMB accounts, and one
 * deactivated former CSM who still owns a few accounts. Counts scale with the book size.
 */
export const buildUsers = (
  rng: Rng,
  pools: NamePools,
  accounts: number,
  stamper: AuditStamper,
  asOfMs: number,
): { records: SObjectRecord[]; roster: UserRoster } => {
  const records: SObjectRecord[] = [];
  const usernames = new Set<string>();
  const adminId = demoRecordId('005', 1);

  const add = (spec: UserSpec): string => {
    const id = demoRecordId('005', records.length + 1);
    const base = `${spec.first}.${spec.last}`.toLowerCase();
    let username = `${base}@${USER_EMAIL_DOMAIN}`;
    for (let n = 2; usernames.has(username); n++) username = `${base}${n}@${USER_EMAIL_DOMAIN}`;
    usernames.add(username);
    const audit = stamper.stamp('User', asOfMs - rng.int(400, 1500) * DAY_MS - rng.int(0, DAY_MS - 1));
    records.push({
      Id: id,
      Username: username,
      FirstName: spec.first,
      LastName: spec.last,
      Email: username,
      Alias: (spec.first.slice(0, 1) + spec.last).toLowerCase().slice(0, 8),
      IsActive: spec.active ?? true,
      Title: spec.title,
      Department: spec.department,
      ManagerId: spec.managerId,
      UserType: 'Standard',
      TimeZoneSidKey: 'America/Los_Angeles',
      ...auditColumns(audit, adminId),
    });
    return id;
  };
  const person = (title: string, department: string, managerId: string | null): UserSpec => ({
    first: rng.pick(pools.firstNames), last: rng.pick(pools.lastNames), title, department, managerId,
  });

  add({ first: 'Sextant', last: 'Integration', title: 'Integration User', department: 'IT', managerId: null });
  const leadershipId = add(person('VP Customer Success', 'Customer Success', null));
  const seniorCount = Math.max(1, Math.ceil((accounts * 0.05) / 8));
  const csmCount = Math.max(2, Math.ceil((accounts * 0.45) / 40));
  const managerCount = Math.max(1, Math.ceil((seniorCount + csmCount) / 8));
  const managerIds = Array.from({ length: managerCount }, () => add(person('Customer Success Manager, Team Lead', 'Customer Success', leadershipId)));
  const managerFor = (i: number): string => managerIds[i % managerIds.length] ?? leadershipId;
  const seniorCsmIds = Array.from({ length: seniorCount }, (_, i) => add(person('Senior Customer Success Manager', 'Customer Success', managerFor(i))));
  const csmIds = Array.from({ length: csmCount }, (_, i) => add(person('Customer Success Manager', 'Customer Success', managerFor(i + seniorCount))));
  const digitalQueueId = add({ first: 'SMB', last: 'Digital Success', title: 'Digital CS Queue', department: 'Customer Success', managerId: managerFor(0) });
  const inactiveUserId = add({ ...person('Customer Success Manager', 'Customer Success', managerFor(1)), active: false });
  const accountExecutiveIds = Array.from({ length: Math.max(1, Math.ceil(accounts / 150)) }, () => add(person('Account Executive', 'Sales', null)));
  const supportIds = Array.from({ length: Math.min(200, Math.max(1, Math.ceil(accounts / 500))) }, () => add(person('Support Engineer', 'Support', null)));

  return {
    records,
    roster: { adminId, leadershipId, digitalQueueId, inactiveUserId, managerIds, csmIds, seniorCsmIds, accountExecutiveIds, supportIds },
  };
};
