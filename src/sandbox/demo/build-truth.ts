import type { SObjectRecord } from '../org/sobject-record.ts';
import type { SharedStamp } from './audit-stamps.ts';
import type { DemoTruth, DirtyKeyTruth } from './demo-truth.ts';
import type { AccountPlan, CustomerStatus, Segment, UsagePattern } from './demo-types.ts';
import { formatDay } from './time-format.ts';
import type { UserRoster } from './user-records.ts';

export interface TruthInputs {
  seed: number;
  asOf: Date;
  asOfDay: number;
  plans: readonly AccountPlan[];
  records: Record<string, SObjectRecord[]>;
  roster: UserRoster;
  keys: DirtyKeyTruth;
  lostRenewalIds: ReadonlyMap<number, string>;
  execSponsor: DemoTruth['execSponsor'];
  support: DemoTruth['support'];
  inactiveOwner: readonly AccountPlan[];
  shared: SharedStamp[];
}

/** Lost renewals inside this many days before asOf form the backtest cohort. */
export const RECENT_CHURN_DAYS = 45;

const PATTERNS: readonly UsagePattern[] = ['healthy', 'steady', 'low-adoption', 'declining', 'inactive', 'ramping', 'churning', 'churn-noise', 'none'];

/** Derives the truth document from the plans and the generated records. */
export const buildTruth = (t: TruthInputs): DemoTruth => {
  const live = t.plans.filter((p) => !p.isDeleted);
  const segments: Record<Segment, number> = { Strategic: 0, Enterprise: 0, 'Mid-Market': 0, SMB: 0 };
  const statuses: Record<CustomerStatus, number> = { Prospect: 0, Onboarding: 0, Active: 0, Churned: 0 };
  const usage = Object.fromEntries(PATTERNS.map((p) => [p, [] as string[]])) as Record<UsagePattern, string[]>;
  const highUtilization: string[] = [];
  const children = new Map<number, string[]>();
  const truth: Omit<DemoTruth, 'segments' | 'statuses' | 'usage' | 'hierarchy'> = {
    seed: t.seed,
    asOf: t.asOf.toISOString(),
    accounts: t.plans.length,
    counts: Object.fromEntries(Object.entries(t.records).map(([name, rows]) => [name, rows.length])),
    users: { ...t.roster },
    keys: t.keys,
    customersWithoutUsage: [],
    renewals: { within90Days: [], within120Days: [] },
    onboarding: { accountIds: [], over60Days: [] },
    churn: { recent: [], older: [], recentlyRenewed: [] },
    execSponsor: t.execSponsor,
    support: t.support,
    inactiveOwnerAccountIds: t.inactiveOwner.map((p) => p.id),
    sharedSystemModstamps: t.shared,
  };

  for (const plan of live) {
    segments[plan.segment]++;
    statuses[plan.status]++;
    if (plan.parentIndex !== null) children.set(plan.parentIndex, [...(children.get(plan.parentIndex) ?? []), plan.id]);
    if (plan.status === 'Prospect') continue;
    usage[plan.pattern].push(plan.id);
    if (plan.highUtilization) highUtilization.push(plan.id);
    const current = plan.status === 'Active' || plan.status === 'Onboarding';
    if (current && plan.pattern === 'none') truth.customersWithoutUsage.push({ accountId: plan.id, accountName: plan.name, arr: plan.arr });
    const renewal = plan.renewalDay ?? Number.MAX_SAFE_INTEGER;
    if (plan.status === 'Active') {
      if (renewal - t.asOfDay <= 90) truth.renewals.within90Days.push(plan.id);
      if (renewal - t.asOfDay <= 120) truth.renewals.within120Days.push(plan.id);
      const term = plan.termStartDay ?? 0;
      if (term > (plan.startDay ?? term) && term >= t.asOfDay - RECENT_CHURN_DAYS && term < t.asOfDay) truth.churn.recentlyRenewed.push(plan.id);
    }
    if (plan.status === 'Onboarding') {
      truth.onboarding.accountIds.push(plan.id);
      if (t.asOfDay - (plan.startDay ?? t.asOfDay) > 60) truth.onboarding.over60Days.push(plan.id);
    }
    if (plan.status === 'Churned') {
      const churnCase = {
        accountId: plan.id,
        renewalDate: formatDay(renewal),
        lostArr: plan.contractArr,
        opportunityId: t.lostRenewalIds.get(plan.index) ?? '',
        signal: plan.pattern === 'churning',
      };
      (renewal >= t.asOfDay - RECENT_CHURN_DAYS ? truth.churn.recent : truth.churn.older).push(churnCase);
    }
  }

  return {
    ...truth,
    segments,
    statuses,
    usage: { ...usage, highUtilization },
    hierarchy: [...children].map(([parent, childIds]) => ({ parentId: t.plans[parent]?.id ?? '', childIds })),
  };
};
