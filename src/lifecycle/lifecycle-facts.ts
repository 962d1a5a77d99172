import type { CrmAccount, CrmOpportunity } from '../domain/crm-records.ts';
import type { HealthColour } from '../domain/health.ts';
import type { IsoDay } from '../domain/lifecycle.ts';
import { daysBetween, epochDay } from './iso-day.ts';

/**
 * What stage rules can ask about one account on one day. Facts are derived once per account
 * and run (deriveLifecycleFacts) so every rule sees the same values and an explanation can
 * quote them. A fact that is unknown is null, and a null fact satisfies no comparison.
 */
export type LifecycleFacts = {
  accountId: string;
  /** The day every day count below is counted to. */
  asOf: IsoDay;
  segment: string | null;
  /** Overall health colour of this run's snapshot; null when the account could not be scored. */
  healthColour: HealthColour | null;
  escalationOpen: boolean;
  /** Renewal date minus asOf: negative once the date has passed; null without a renewal date. */
  daysUntilRenewal: number | null;
  /** Customer status says signed (Active, Onboarding), or a new-business opportunity is Closed Won. */
  contractSigned: boolean;
  /** The Account's onboarding checkbox; null when the org does not map one. */
  onboardingComplete: boolean | null;
  /** A first-value date is recorded and is not after asOf. */
  firstValueReached: boolean;
  /** Days adoption targets have been met without a break (asOf − adoptionTargetMetSince); 0 when not met. */
  adoptionTargetMetDays: number;
  /** An open opportunity of an expansion type. */
  expansionOpportunityOpen: boolean;
  /** Licenses in use / licenses provisioned, as health computes it (0.91 means 91%); null without license data. */
  licenseUtilization: number | null;
  /** Customer status is a churned status. */
  churned: boolean;
  // The values behind the facts: quoted by explanations, and used to date a first assignment.
  status: string | null;
  renewalDate: IsoDay | null;
  contractSignedOn: IsoDay | null;
  firstValueOn: IsoDay | null;
  adoptionTargetMetSince: IsoDay | null;
};

/** How a fact is compared in rules: booleans with eq, numbers with eq/lt/lte/gt/gte, colours and text with eq/in. */
export type FactKind = 'boolean' | 'number' | 'colour' | 'text';

/** The facts a stage condition may name, with their kind (the rules schema validates against this). */
export const CONDITION_FACTS = {
  healthColour: 'colour',
  escalationOpen: 'boolean',
  daysUntilRenewal: 'number',
  contractSigned: 'boolean',
  onboardingComplete: 'boolean',
  firstValueReached: 'boolean',
  adoptionTargetMetDays: 'number',
  expansionOpportunityOpen: 'boolean',
  licenseUtilization: 'number',
  churned: 'boolean',
  segment: 'text',
} as const satisfies Partial<Record<keyof LifecycleFacts, FactKind>>;
export type ConditionFactName = keyof typeof CONDITION_FACTS;
export const CONDITION_FACT_NAMES = Object.keys(CONDITION_FACTS) as ConditionFactName[];

/** Date facts a stage may be dated from when an account is first seen in it (`startedOn`). */
export const START_DATE_FACTS = ['contractSignedOn', 'firstValueOn', 'adoptionTargetMetSince'] as const;
export type StartDateFact = (typeof START_DATE_FACTS)[number];

/**
 * The org's picklist values behind the facts (rules/lifecycle.yaml `facts:`), compared
 * trimmed and case-insensitively: Customer_Status__c and Opportunity.Type differ between orgs.
 */
export type FactVocabulary = {
  contractSignedStatuses: readonly string[];
  churnedStatuses: readonly string[];
  newBusinessOpportunityTypes: readonly string[];
  expansionOpportunityTypes: readonly string[];
};

export const DEFAULT_FACT_VOCABULARY: FactVocabulary = {
  contractSignedStatuses: ['Active', 'Onboarding'],
  churnedStatuses: ['Churned'],
  newBusinessOpportunityTypes: ['New Business'],
  expansionOpportunityTypes: ['Expansion', 'Existing Customer - Upgrade'],
};

/** What other steps of the run know about the account (health, CTAs, usage). */
export type LifecycleSignals = {
  healthColour: HealthColour | null;
  escalationOpen: boolean;
  /** First day of the current unbroken run of days with adoption targets met; null when not met now. */
  adoptionTargetMetSince: IsoDay | null;
  /** Licenses in use / provisioned (0.91 = 91%), health's `licenseUtilization` signal; null when unknown. */
  licenseUtilization: number | null;
};

const normal = (value: string): string => value.trim().toLowerCase();
const isOneOf = (value: string | null, list: readonly string[]): boolean =>
  value !== null && list.some((v) => normal(v) === normal(value));
const notAfter = (day: IsoDay, asOf: IsoDay): boolean => epochDay(day) <= epochDay(asOf);

/** What lifecycle reads of an opportunity: a step may fetch just these fields. */
export type LifecycleOpportunity = Pick<CrmOpportunity, 'accountId' | 'isDeleted' | 'isClosed' | 'isWon' | 'type' | 'closeDate'>;

/**
 * Facts for one account on `asOf`. `opportunities` may hold other accounts' rows: only the
 * account's own, not deleted, count. A churned status wins over a Closed Won deal (the
 * account is outside the lifecycle); a won-back customer needs its status changed.
 */
export const deriveLifecycleFacts = (
  account: CrmAccount,
  opportunities: readonly LifecycleOpportunity[],
  signals: LifecycleSignals,
  asOf: IsoDay,
  vocabulary: FactVocabulary = DEFAULT_FACT_VOCABULARY,
): LifecycleFacts => {
  epochDay(asOf, 'asOf');
  const own = opportunities.filter((o) => o.accountId === account.id && !o.isDeleted);
  // A deal dated after asOf was not signed yet on asOf (backtests replay past days).
  const wonNewBusiness = own
    .filter((o) => o.isWon && isOneOf(o.type, vocabulary.newBusinessOpportunityTypes) && (o.closeDate === null || notAfter(o.closeDate, asOf)));
  const contractSigned = isOneOf(account.status, vocabulary.contractSignedStatuses) || wonNewBusiness.length > 0;
  const lastWonOn = wonNewBusiness.map((o) => o.closeDate).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const since = signals.adoptionTargetMetSince !== null && notAfter(signals.adoptionTargetMetSince, asOf) ? signals.adoptionTargetMetSince : null;
  const utilization = signals.licenseUtilization;
  return {
    accountId: account.id,
    asOf,
    segment: account.segment,
    healthColour: signals.healthColour,
    escalationOpen: signals.escalationOpen,
    daysUntilRenewal: account.renewalDate === null ? null : daysBetween(asOf, account.renewalDate),
    contractSigned,
    onboardingComplete: account.onboardingComplete,
    firstValueReached: account.firstValueDate !== null && notAfter(account.firstValueDate, asOf),
    adoptionTargetMetDays: since === null ? 0 : daysBetween(since, asOf),
    expansionOpportunityOpen: own.some((o) => !o.isClosed && isOneOf(o.type, vocabulary.expansionOpportunityTypes)),
    licenseUtilization: utilization !== null && Number.isFinite(utilization) && utilization >= 0 ? utilization : null,
    churned: isOneOf(account.status, vocabulary.churnedStatuses),
    status: account.status,
    renewalDate: account.renewalDate,
    contractSignedOn: contractSigned ? (lastWonOn ?? account.contractStartDate) : null,
    firstValueOn: account.firstValueDate,
    adoptionTargetMetSince: since,
  };
};
