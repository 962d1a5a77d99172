import { CONDITION_FACTS, type ConditionFactName, type LifecycleFacts } from './lifecycle-facts.ts';
import type { Comparator, FactTest } from './lifecycle-rules.ts';

/**
 * Facts and tests in the words a CSM reads on the Account ("renewal date within 120 days
 * (renews 2027-01-30)"), never fact names: the explanation is written to Salesforce.
 */
type BooleanFact = { [K in ConditionFactName]: (typeof CONDITION_FACTS)[K] extends 'boolean' ? K : never }[ConditionFactName];
type NumberFact = { [K in ConditionFactName]: (typeof CONDITION_FACTS)[K] extends 'number' ? K : never }[ConditionFactName];

const on = (day: string | null): string => (day === null ? '' : ` on ${day}`);

const BOOLEAN_WORDS: Record<BooleanFact, { yes: string; no: string; unknown: string; detail?: (f: LifecycleFacts) => string }> = {
  escalationOpen: { yes: 'escalation open', no: 'no escalation open', unknown: 'escalation unknown' },
  contractSigned: { yes: 'contract signed', no: 'no signed contract', unknown: 'contract unknown', detail: (f) => on(f.contractSignedOn) },
  onboardingComplete: { yes: 'onboarding complete', no: 'onboarding not complete', unknown: 'onboarding completion unknown' },
  firstValueReached: { yes: 'first value reached', no: 'first value not reached', unknown: 'first value unknown', detail: (f) => on(f.firstValueOn) },
  expansionOpportunityOpen: { yes: 'expansion opportunity open', no: 'no open expansion opportunity', unknown: 'expansion opportunity unknown' },
  churned: { yes: 'churned', no: 'not churned', unknown: 'churn unknown', detail: (f) => (f.status === null ? '' : ` (status ${f.status})`) },
};

const num = (n: number): string => String(Number(n.toFixed(1)));
/** Ratios are written as percentages: 0.85 → "85%". */
const percent = (ratio: number): string => `${num(ratio * 100)}%`;
const SYMBOL: Record<Exclude<Comparator, 'in'>, string> = { eq: '=', lt: '<', lte: '≤', gt: '>', gte: '≥' };
// Lower bounds before upper ones: "≥ 0 and within 120 days".
const NUMBER_OPS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;

/** "renewal date within 120 days": the requirement of one comparator on a number fact. */
const numberTestWords = (fact: NumberFact, op: (typeof NUMBER_OPS)[number], n: number): string => {
  if (fact === 'daysUntilRenewal') {
    if (op === 'lte') return `renewal date within ${num(n)} days`;
    if (op === 'gt') return `renewal date more than ${num(n)} days away`;
    return `days until renewal ${SYMBOL[op]} ${num(n)}`;
  }
  if (fact === 'adoptionTargetMetDays') {
    if (op === 'gte') return `adoption targets met for ${num(n)}+ days`;
    if (op === 'lt') return `adoption targets met for less than ${num(n)} days`;
    return `days adoption targets met ${SYMBOL[op]} ${num(n)}`;
  }
  return `license utilization ${SYMBOL[op]} ${percent(n)}`;
};

const isBooleanFact = (fact: ConditionFactName): fact is BooleanFact => CONDITION_FACTS[fact] === 'boolean';
const isNumberFact = (fact: ConditionFactName): fact is NumberFact => CONDITION_FACTS[fact] === 'number';

/** The fact's current value in words: "health red", "renews 2027-01-30 (in 54 days)". */
export const valueWords = (fact: ConditionFactName, f: LifecycleFacts): string => {
  if (isBooleanFact(fact)) {
    const value = f[fact];
    const words = BOOLEAN_WORDS[fact];
    return value === null ? words.unknown : value ? `${words.yes}${words.detail?.(f) ?? ''}` : words.no;
  }
  switch (fact) {
    case 'healthColour': return f.healthColour === null ? 'health not scored' : `health ${f.healthColour}`;
    case 'segment': return f.segment === null ? 'no segment' : `segment ${f.segment.trim()}`;
    case 'daysUntilRenewal': {
      const d = f.daysUntilRenewal;
      if (d === null) return 'no renewal date';
      return d >= 0 ? `renews ${f.renewalDate ?? '?'} (in ${d} days)` : `renewal date ${f.renewalDate ?? '?'} passed ${-d} ${d === -1 ? 'day' : 'days'} ago`;
    }
    case 'adoptionTargetMetDays':
      return f.adoptionTargetMetSince === null ? 'adoption targets not met' : `adoption targets met for ${f.adoptionTargetMetDays} days (since ${f.adoptionTargetMetSince})`;
    case 'licenseUtilization': return f.licenseUtilization === null ? 'license utilization unknown' : `license utilization ${percent(f.licenseUtilization)}`;
  }
};

/** The value in brackets after a number test that held: "(renews 2027-01-30)", "(91%)". */
const heldNumberDetail = (fact: NumberFact, f: LifecycleFacts): string => {
  if (fact === 'daysUntilRenewal') return (f.daysUntilRenewal ?? 0) >= 0 ? `renews ${f.renewalDate ?? '?'}` : `renewal date ${f.renewalDate ?? '?'} passed`;
  if (fact === 'adoptionTargetMetDays') return `since ${f.adoptionTargetMetSince ?? '?'}`;
  return percent(f.licenseUtilization ?? 0);
};

/** What a test requires, without values: "health red or yellow", "renewal date within 120 days". */
export const testWords = (test: FactTest): string => {
  const { fact } = test;
  if (isBooleanFact(fact)) return test.eq === false ? BOOLEAN_WORDS[fact].no : BOOLEAN_WORDS[fact].yes;
  if (isNumberFact(fact)) {
    return NUMBER_OPS.flatMap((op) => (typeof test[op] === 'number' ? [numberTestWords(fact, op, test[op])] : [])).join(' and ');
  }
  const noun = fact === 'healthColour' ? 'health' : 'segment';
  const values = [...(test.eq === undefined ? [] : [String(test.eq)]), ...(test.in ?? [])];
  return `${noun} ${values.join(' or ')}`;
};

/** Why a test held, with the value that made it hold: "health red", "license utilization ≥ 85% (91%)". */
export const heldWords = (test: FactTest, f: LifecycleFacts): string => {
  if (!isNumberFact(test.fact)) return valueWords(test.fact, f);
  // "met for less than 60 days" is true of targets not met at all: say that instead.
  if (test.fact === 'adoptionTargetMetDays' && f.adoptionTargetMetSince === null) return valueWords(test.fact, f);
  return `${testWords(test)} (${heldNumberDetail(test.fact, f)})`;
};

/** `expansionSignal` → "expansion signal". */
export const conditionNameWords = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
