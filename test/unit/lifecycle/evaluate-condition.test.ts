import { expect } from 'chai';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { describeCondition, evaluateCondition } from '../../../src/lifecycle/evaluate-condition.ts';
import type { LifecycleFacts } from '../../../src/lifecycle/lifecycle-facts.ts';
import type { Condition } from '../../../src/lifecycle/lifecycle-rules.ts';
import { facts } from './lifecycle-fixtures.ts';

const NAMED: Record<string, Condition> = {
  hot: { fact: 'licenseUtilization', gte: 0.85 },
  hotOrRed: { any: [{ condition: 'hot' }, { fact: 'healthColour', eq: 'red' }] },
};

const CASES: { name: string; when: Condition; facts?: Partial<LifecycleFacts>; holds: boolean; because: string }[] = [
  { name: 'boolean eq true', when: { fact: 'escalationOpen', eq: true }, facts: { escalationOpen: true }, holds: true, because: 'escalation open' },
  { name: 'boolean eq true, failing', when: { fact: 'escalationOpen', eq: true }, holds: false, because: 'no escalation open' },
  { name: 'boolean eq false', when: { fact: 'onboardingComplete', eq: false }, facts: { onboardingComplete: false }, holds: true, because: 'onboarding not complete' },
  { name: 'null boolean satisfies neither eq true nor eq false', when: { any: [{ fact: 'onboardingComplete', eq: true }, { fact: 'onboardingComplete', eq: false }] }, facts: { onboardingComplete: null }, holds: false, because: 'onboarding completion unknown and onboarding completion unknown' },
  { name: 'colour in', when: { fact: 'healthColour', in: ['yellow', 'red'] }, facts: { healthColour: 'yellow' }, holds: true, because: 'health yellow' },
  { name: 'colour in, failing', when: { fact: 'healthColour', in: ['yellow', 'red'] }, holds: false, because: 'health green' },
  { name: 'unscored colour', when: { fact: 'healthColour', eq: 'red' }, facts: { healthColour: null }, holds: false, because: 'health not scored' },
  { name: 'text eq ignores case and spaces', when: { fact: 'segment', eq: 'mid-market' }, facts: { segment: ' Mid-Market' }, holds: true, because: 'segment Mid-Market' },
  { name: 'text in', when: { fact: 'segment', in: ['Strategic', 'Enterprise'] }, holds: true, because: 'segment Enterprise' },
  { name: 'null text', when: { fact: 'segment', in: ['SMB'] }, facts: { segment: null }, holds: false, because: 'no segment' },
  { name: 'number lte holds at the bound', when: { fact: 'daysUntilRenewal', lte: 120 }, facts: { daysUntilRenewal: 120, renewalDate: '2027-03-25' }, holds: true, because: 'renewal date within 120 days (renews 2027-03-25)' },
  { name: 'number lte fails past the bound', when: { fact: 'daysUntilRenewal', lte: 120 }, facts: { daysUntilRenewal: 121, renewalDate: '2027-03-26' }, holds: false, because: 'renews 2027-03-26 (in 121 days)' },
  { name: 'number lt fails at the bound', when: { fact: 'licenseUtilization', lt: 0.85 }, facts: { licenseUtilization: 0.85 }, holds: false, because: 'license utilization 85%' },
  { name: 'number gt', when: { fact: 'licenseUtilization', gt: 0.85 }, facts: { licenseUtilization: 0.8504 }, holds: true, because: 'license utilization > 85% (85%)' },
  { name: 'number eq', when: { fact: 'adoptionTargetMetDays', eq: 3 }, facts: { adoptionTargetMetDays: 3, adoptionTargetMetSince: '2026-11-22' }, holds: true, because: 'days adoption targets met = 3 (since 2026-11-22)' },
  { name: 'range: every comparator of a test must hold', when: { fact: 'daysUntilRenewal', gte: 0, lte: 120 }, facts: { daysUntilRenewal: -1, renewalDate: '2026-11-24' }, holds: false, because: 'renewal date 2026-11-24 passed 1 day ago' },
  { name: 'range holding', when: { fact: 'daysUntilRenewal', gte: 0, lte: 120 }, facts: { daysUntilRenewal: 0, renewalDate: '2026-11-25' }, holds: true, because: 'days until renewal ≥ 0 and renewal date within 120 days (renews 2026-11-25)' },
  { name: 'null number', when: { fact: 'licenseUtilization', gte: 0 }, facts: { licenseUtilization: null }, holds: false, because: 'license utilization unknown' },
  { name: 'all: every reason', when: { all: [{ fact: 'contractSigned', eq: true }, { fact: 'churned', eq: false }] }, holds: true, because: 'contract signed on 2025-09-21, not churned' },
  { name: 'all: the first failing reason', when: { all: [{ fact: 'contractSigned', eq: false }, { fact: 'churned', eq: true }] }, holds: false, because: 'contract signed on 2025-09-21' },
  { name: 'any: the first holding reason', when: { any: [{ fact: 'escalationOpen', eq: true }, { fact: 'healthColour', eq: 'green' }, { fact: 'churned', eq: false }] }, holds: true, because: 'health green' },
  { name: 'any: every failing reason', when: { any: [{ fact: 'escalationOpen', eq: true }, { fact: 'healthColour', eq: 'red' }] }, holds: false, because: 'no escalation open and health green' },
  { name: 'not: the inner reason', when: { not: { fact: 'churned', eq: true } }, holds: true, because: 'not churned' },
  { name: 'not, failing', when: { not: { fact: 'churned', eq: true } }, facts: { churned: true, status: 'Churned' }, holds: false, because: 'churned (status Churned)' },
  { name: 'not of a null fact holds', when: { not: { fact: 'healthColour', eq: 'red' } }, facts: { healthColour: null }, holds: true, because: 'health not scored' },
  { name: 'named condition holding: its reason', when: { condition: 'hotOrRed' }, facts: { licenseUtilization: 0.9 }, holds: true, because: 'license utilization ≥ 85% (90%)' },
  { name: 'named condition failing: its name', when: { condition: 'hotOrRed' }, holds: false, because: 'no hot or red' },
  { name: 'not of a named condition', when: { not: { condition: 'hot' } }, holds: true, because: 'no hot' },
];

describe('evaluateCondition', () => {
  for (const c of CASES) {
    it(c.name, () => {
      expect(evaluateCondition(c.when, facts(c.facts), NAMED)).to.deep.equal({ holds: c.holds, because: c.because });
    });
  }

  it('an unknown named condition (rules built in code, not loaded): RULES_INVALID', () => {
    expect(() => evaluateCondition({ condition: 'nope' }, facts(), NAMED)).to.throw(SextantError).with.property('code', 'RULES_INVALID');
  });
});

describe('describeCondition', () => {
  const cases: { when: Condition; words: string }[] = [
    { when: { any: [{ fact: 'healthColour', eq: 'red' }, { fact: 'escalationOpen', eq: true }] }, words: 'health red or escalation open' },
    { when: { all: [{ fact: 'contractSigned', eq: true }, { fact: 'onboardingComplete', eq: false }] }, words: 'contract signed and onboarding not complete' },
    { when: { all: [{ fact: 'adoptionTargetMetDays', gte: 60 }, { not: { condition: 'expansionSignal' } }] }, words: 'adoption targets met for 60+ days and no expansion signal' },
    { when: { any: [{ all: [{ fact: 'healthColour', eq: 'green' }, { fact: 'expansionOpportunityOpen', eq: true }] }, { fact: 'licenseUtilization', gte: 0.85 }] }, words: '(health green and expansion opportunity open) or license utilization ≥ 85%' },
    { when: { not: { fact: 'segment', in: ['SMB', 'Mid-Market'] } }, words: 'not segment SMB or Mid-Market' },
  ];
  for (const c of cases) {
    it(c.words, () => expect(describeCondition(c.when)).to.equal(c.words));
  }
});
