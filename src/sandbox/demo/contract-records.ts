import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { AccountPlan } from './demo-types.ts';
import type { Rng } from './random.ts';
import { DAY_MS, formatDay } from './time-format.ts';

/**
 * The current term's standard Contract for every (current or former) customer: some orgs keep
 * subscriptions there, and renewal opportunities point at it. EndDate is derived by the org.
 */
export const buildContractRecords = (
  rng: Rng,
  plans: readonly AccountPlan[],
  stamper: AuditStamper,
  adminId: string,
): { records: SObjectRecord[]; contractIds: (string | null)[] } => {
  const records: SObjectRecord[] = [];
  const contractIds: (string | null)[] = [];
  for (const plan of plans) {
    if (plan.isDeleted || plan.status === 'Prospect' || plan.termStartDay === null) {
      contractIds.push(null);
      continue;
    }
    const id = demoRecordId('800', records.length + 1);
    contractIds.push(id);
    const audit = stamper.stamp('Contract', (plan.termStartDay - rng.int(1, 10)) * DAY_MS + rng.int(0, DAY_MS - 1));
    records.push({
      Id: id,
      OwnerId: plan.ownerId,
      ...auditColumns(audit, adminId),
      AccountId: plan.id,
      Status: 'Activated',
      StartDate: formatDay(plan.termStartDay),
      ContractTerm: 12,
      Description: null,
    });
  }
  return { records, contractIds };
};
