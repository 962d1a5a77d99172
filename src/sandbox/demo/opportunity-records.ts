import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import { auditColumns } from './audit-stamps.ts';
import type { AccountPlan } from './demo-types.ts';
import type { Rng } from './random.ts';
import { addYears, DAY_MS, flat, formatDay, yearOf } from './time-format.ts';
import type { UserRoster } from './user-records.ts';

type Stage = 'Prospecting' | 'Qualification' | 'Needs Analysis' | 'Proposal/Price Quote' | 'Negotiation/Review' | 'Closed Won' | 'Closed Lost';
type OppType = 'New Business' | 'Renewal' | 'Expansion';

const PROBABILITY: Record<Stage, number> = {
  Prospecting: 10, Qualification: 20, 'Needs Analysis': 40, 'Proposal/Price Quote': 60, 'Negotiation/Review': 80, 'Closed Won': 100, 'Closed Lost': 0,
};
const FORECAST: Record<Stage, string> = {
  Prospecting: 'Pipeline', Qualification: 'Pipeline', 'Needs Analysis': 'Pipeline', 'Proposal/Price Quote': 'Best Case',
  'Negotiation/Review': 'Commit', 'Closed Won': 'Closed', 'Closed Lost': 'Omitted',
};
const OPEN_STAGES: readonly Stage[] = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const EXPANSION_OUTCOMES = { open: 50, won: 35, lost: 15 } as const;
const NEXT_STEPS = ['Schedule executive checkpoint', 'Send renewal quote', 'Confirm procurement timeline', 'Review adoption with champion'];
/** Open renewals are created this long before the renewal date. */
export const RENEWAL_OPP_LEAD_DAYS = 150;
/** Past renewals kept per account (older history is not needed). */
const MAX_PAST_RENEWALS = 3;

export interface OpportunityResult {
  records: SObjectRecord[];
  /** The Closed Lost renewal of each churned plan, by plan index. */
  lostRenewalIds: Map<number, string>;
}

const renewalStage = (daysLeft: number): Stage =>
  daysLeft > 120 ? 'Qualification' : daysLeft > 90 ? 'Needs Analysis' : daysLeft > 45 ? 'Proposal/Price Quote' : 'Negotiation/Review';

/**
 * Opportunities tell each account's commercial story: the original New Business deal (Closed
 * Won), a Closed Won renewal per past anniversary, an open renewal inside the renewal lead time,
 * a Closed Lost renewal for each churned account (the churn outcome a backtest learns from),
 * and expansions (open, won, lost). Prospects have an open New Business deal.
 */
export const buildOpportunityRecords = (
  rng: Rng,
  plans: readonly AccountPlan[],
  contractIds: readonly (string | null)[],
  roster: UserRoster,
  stamper: AuditStamper,
  asOfDay: number,
): OpportunityResult => {
  const records: SObjectRecord[] = [];
  const lostRenewalIds = new Map<number, string>();

  const add = (plan: AccountPlan, type: OppType, stage: Stage, closeDay: number, amount: number, ownerId: string, extra: { nextStep?: string | null; contractId?: string | null } = {}): string => {
    const id = demoRecordId('006', records.length + 1);
    const closed = stage === 'Closed Won' || stage === 'Closed Lost';
    // Never created before its account, never after asOf, and before it closed.
    const leadDays = closed ? rng.int(20, 90) : rng.int(30, type === 'Renewal' ? RENEWAL_OPP_LEAD_DAYS : 120);
    const createdDay = Math.min(asOfDay - 1, Math.max(plan.createdDay, closeDay - leadDays));
    const audit = stamper.stamp('Opportunity', createdDay * DAY_MS + rng.int(0, DAY_MS - 1));
    const label = type === 'Renewal' ? flat('Renewal FY', yearOf(closeDay)) : type;
    records.push({
      Id: id,
      OwnerId: ownerId,
      ...auditColumns(audit, roster.adminId),
      AccountId: plan.id,
      Name: flat(plan.name, ' - ', label),
      StageName: stage,
      Amount: Math.round(amount),
      CloseDate: formatDay(closeDay),
      Type: type,
      Probability: PROBABILITY[stage],
      NextStep: extra.nextStep ?? null,
      ForecastCategoryName: FORECAST[stage],
      ContractId: extra.contractId ?? null,
    });
    return id;
  };

  for (const plan of plans) {
    if (plan.isDeleted) continue;
    const ae = roster.accountExecutiveIds[plan.index % roster.accountExecutiveIds.length] ?? roster.adminId;
    if (plan.status === 'Prospect') {
      if (rng.chance(0.3)) add(plan, 'New Business', 'Closed Lost', Math.min(asOfDay - 1, plan.createdDay + rng.int(30, 120)), plan.contractArr * rng.float(0.8, 1.2), ae);
      add(plan, 'New Business', rng.pick(OPEN_STAGES), asOfDay + rng.int(10, 120), plan.contractArr, ae);
      continue;
    }
    const start = plan.startDay ?? asOfDay;
    const renewal = plan.renewalDay ?? addYears(start, 1);
    const contractId = contractIds[plan.index] ?? null;
    add(plan, 'New Business', 'Closed Won', start, plan.contractArr * rng.float(0.6, 1.0), ae);

    const anniversaries: number[] = [];
    for (let k = 1; addYears(start, k) < renewal; k++) anniversaries.push(addYears(start, k));
    for (const day of anniversaries.slice(-MAX_PAST_RENEWALS)) {
      add(plan, 'Renewal', 'Closed Won', day, plan.contractArr * rng.float(0.85, 1.0), plan.ownerId);
    }

    if (plan.status === 'Churned') {
      lostRenewalIds.set(plan.index, add(plan, 'Renewal', 'Closed Lost', renewal, plan.contractArr, plan.ownerId, { contractId }));
      continue;
    }
    const daysLeft = renewal - asOfDay;
    if (plan.status === 'Active' && daysLeft <= RENEWAL_OPP_LEAD_DAYS) {
      // About a third of open renewals have no next step: "renewal without a plan".
      const nextStep = rng.chance(0.7) ? rng.pick(NEXT_STEPS) : null;
      add(plan, 'Renewal', renewalStage(daysLeft), renewal, plan.arr, plan.ownerId, { nextStep, contractId });
    }
    if (plan.status === 'Active' && rng.chance(0.35)) {
      const outcome = rng.weighted(EXPANSION_OUTCOMES);
      const amount = plan.arr * rng.float(0.1, 0.4);
      if (outcome === 'open') add(plan, 'Expansion', rng.pick(OPEN_STAGES.slice(1, 4)), asOfDay + rng.int(10, 120), amount, plan.ownerId);
      else add(plan, 'Expansion', outcome === 'won' ? 'Closed Won' : 'Closed Lost', Math.max(start + 30, asOfDay - rng.int(10, 330)), amount, plan.ownerId);
    }
  }
  return { records, lostRenewalIds };
};
