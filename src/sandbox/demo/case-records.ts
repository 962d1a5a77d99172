import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { DemoTruth } from './demo-truth.ts';
import type { AccountPlan, Segment, UsagePattern } from './demo-types.ts';
import type { Rng } from './random.ts';
import { DAY_MS } from './time-format.ts';
import type { UserRoster } from './user-records.ts';

/** Mean cases per account by pattern: troubled accounts file more tickets. */
const CASE_RATE: Record<UsagePattern, number> = {
  healthy: 0.25, steady: 0.35, 'low-adoption': 0.5, declining: 0.9, inactive: 0.4, ramping: 0.6, churning: 1.0, 'churn-noise': 0.5, none: 0.3,
};
const SEGMENT_FACTOR: Record<Segment, number> = { Strategic: 2, Enterprise: 1.5, 'Mid-Market': 1, SMB: 0.6 };
const AT_RISK = new Set<UsagePattern>(['declining', 'churning', 'low-adoption']);
const STATUS_AT_RISK = { New: 25, Working: 40, Escalated: 35 } as const;
const STATUS_NORMAL = { New: 30, Working: 55, Escalated: 15 } as const;
const PRIORITY_AT_RISK = { High: 40, Medium: 40, Low: 20 } as const;
const PRIORITY_NORMAL = { High: 15, Medium: 50, Low: 35 } as const;
const SUBJECTS = [
  'Cannot log in after SSO change', 'Dashboard not loading', 'Data sync delayed', 'Report export fails', 'Permission error for new users',
  'API rate limit exceeded', 'Integration returns 500', 'Billing question', 'Feature request: custom fields', 'Slow page loads',
];

/**
 * Support cases: mostly closed, some open by priority, some escalated, more of them (and more
 * urgent) on troubled accounts, so the optional support measure has each colour.
 */
export const buildCaseRecords = (
  rng: Rng,
  plans: readonly AccountPlan[],
  contacts: readonly SObjectRecord[],
  roster: UserRoster,
  stamper: AuditStamper,
  asOfDay: number,
): { records: SObjectRecord[]; support: DemoTruth['support'] } => {
  const records: SObjectRecord[] = [];
  const support: DemoTruth['support'] = { escalated: [], openHighTwoOrMore: [], openHighOne: [] };
  for (const plan of plans) {
    if (plan.isDeleted || plan.status === 'Prospect') continue;
    const churned = plan.status === 'Churned';
    const risky = AT_RISK.has(plan.pattern);
    const lastDay = churned ? Math.min(asOfDay - 1, plan.renewalDay ?? asOfDay) : asOfDay - 1;
    const contact = plan.adminContact >= 0 ? plan.adminContact : plan.contactCount > 0 ? plan.contactStart : -1;
    let openHigh = 0;
    let escalated = false;
    for (let n = rng.poisson(CASE_RATE[plan.pattern] * SEGMENT_FACTOR[plan.segment]); n > 0; n--) {
      const open = !churned && rng.chance(risky ? 0.55 : 0.3);
      const day = open ? lastDay - rng.int(0, 45) : lastDay - rng.int(10, 300);
      if (day < plan.createdDay) continue;
      const status = open ? rng.weighted(risky ? STATUS_AT_RISK : STATUS_NORMAL) : 'Closed';
      const priority = rng.weighted(risky ? PRIORITY_AT_RISK : PRIORITY_NORMAL);
      const isEscalated = status === 'Escalated' || (open && rng.chance(0.05));
      if (open && priority === 'High') openHigh++;
      if (open && isEscalated) escalated = true;
      const audit = stamper.stamp('Case', day * DAY_MS + rng.int(0, DAY_MS - 1));
      records.push({
        Id: demoRecordId('500', records.length + 1),
        OwnerId: roster.supportIds[records.length % roster.supportIds.length] ?? roster.adminId,
        ...auditColumns(audit, roster.adminId),
        AccountId: plan.id,
        ContactId: contact < 0 ? null : ((contacts[contact]?.Id as string | undefined) ?? null),
        Subject: rng.pick(SUBJECTS),
        Status: status,
        Priority: priority,
        IsEscalated: isEscalated,
      });
    }
    if (escalated) support.escalated.push(plan.id);
    if (openHigh >= 2) support.openHighTwoOrMore.push(plan.id);
    else if (openHigh === 1) support.openHighOne.push(plan.id);
  }
  return { records, support };
};
