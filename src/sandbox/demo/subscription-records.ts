import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { AccountPlan, Segment } from './demo-types.ts';
import type { Rng } from './random.ts';
import { addYears, DAY_MS, formatDay } from './time-format.ts';

export const CORE_PRODUCT = 'Core Platform';
const ADD_ONS = ['Analytics Add-on', 'Automation Add-on', 'Premium Support', 'API Access', 'Sandbox Environments'];
const ADD_ON_COUNT: Record<Segment, Readonly<Record<'0' | '1' | '2' | '3', number>>> = {
  SMB: { 0: 60, 1: 40, 2: 0, 3: 0 },
  'Mid-Market': { 0: 20, 1: 50, 2: 30, 3: 0 },
  Enterprise: { 0: 0, 1: 40, 2: 40, 3: 20 },
  Strategic: { 0: 0, 1: 0, 2: 50, 3: 50 },
};

const cents = (value: number): number => Math.round(value * 100) / 100;

const quantityFor = (product: string, licenses: number, rng: Rng): number => {
  if (product === CORE_PRODUCT || product === 'Automation Add-on') return licenses;
  if (product === 'Analytics Add-on') return Math.max(1, Math.ceil(licenses * 0.3));
  if (product === 'Sandbox Environments') return rng.int(1, 3);
  return 1;
};

/**
 * Subscription__c lines per customer: the core product (Quantity = licenses) plus add-ons, their
 * ARR summing to the account's ARR (a few accounts drift, as stale CRM data does), an expired
 * prior-term line for some renewed accounts, and cancelled lines for churned ones.
 */
export const buildSubscriptionRecords = (
  rng: Rng,
  plans: readonly AccountPlan[],
  stamper: AuditStamper,
  adminId: string,
): SObjectRecord[] => {
  const records: SObjectRecord[] = [];
  const add = (plan: AccountPlan, product: string, startDay: number, endDay: number, arr: number, status: string): void => {
    const index = records.length;
    const audit = stamper.stamp('Subscription__c', (startDay - rng.int(0, 5)) * DAY_MS + rng.int(0, DAY_MS - 1));
    records.push({
      Id: demoRecordId('a0S', index + 1),
      OwnerId: plan.ownerId,
      ...auditColumns(audit, adminId),
      Name: `SUB-${String(index + 1).padStart(7, '0')}`,
      Account__c: plan.id,
      Product__c: product,
      Quantity__c: quantityFor(product, plan.licenses, rng),
      Start_Date__c: formatDay(startDay),
      End_Date__c: formatDay(endDay),
      ARR__c: cents(arr),
      Status__c: status,
    });
  };

  for (const plan of plans) {
    if (plan.isDeleted || plan.status === 'Prospect' || plan.termStartDay === null || plan.renewalDay === null) continue;
    const addOns = rng.shuffle([...ADD_ONS]).slice(0, Number(rng.weighted(ADD_ON_COUNT[plan.segment])));
    const coreShare = addOns.length === 0 ? 1 : rng.float(0.55, 0.8);
    const weights = addOns.map(() => rng.float(0.5, 1.5));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    // About 5% of accounts' lines no longer add up to ARR__c (someone edited one, not the other).
    const total = plan.contractArr * (rng.chance(0.05) ? rng.float(0.88, 1.12) : 1);
    const churned = plan.status === 'Churned';
    const status = churned ? (rng.chance(0.7) ? 'Cancelled' : 'Expired') : 'Active';
    const end = plan.renewalDay - 1;
    const coreArr = cents(total * coreShare);
    add(plan, CORE_PRODUCT, plan.termStartDay, end, coreArr, status);
    let allocated = coreArr;
    addOns.forEach((product, i) => {
      const last = i === addOns.length - 1;
      const arr = last ? total - allocated : cents((total - coreArr) * ((weights[i] ?? 1) / weightSum));
      allocated += arr;
      add(plan, product, plan.termStartDay ?? end, end, arr, status);
    });
    if (plan.startDay !== null && plan.termStartDay > plan.startDay && rng.chance(0.4)) {
      add(plan, CORE_PRODUCT, addYears(plan.termStartDay, -1), plan.termStartDay - 1, coreArr * rng.float(0.8, 1.0), 'Expired');
    }
  }
  return records;
};
