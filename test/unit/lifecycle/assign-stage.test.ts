import { expect } from 'chai';
import type { StageOnRecord } from '../../../src/domain/lifecycle.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { assignStage } from '../../../src/lifecycle/assign-stage.ts';
import { addDays } from '../../../src/lifecycle/iso-day.ts';
import type { LifecycleFacts } from '../../../src/lifecycle/lifecycle-facts.ts';
import { AS_OF, facts, shippedRules } from './lifecycle-fixtures.ts';

const rules = shippedRules();
const assign = (f: Partial<LifecycleFacts>, previous: StageOnRecord | null = null) => assignStage(facts(f), previous, rules, AS_OF);

const RED = { healthColour: 'red' } as const;
const ESCALATED = { escalationOpen: true };
const IN_RENEWAL = { daysUntilRenewal: 54, renewalDate: '2027-01-18' };
const NOT_ONBOARDED = { onboardingComplete: false, firstValueReached: false, contractSignedOn: AS_OF };
const VALUE = { adoptionTargetMetDays: 75, adoptionTargetMetSince: '2026-09-11' };
const HIGH_USE = { licenseUtilization: 0.91 };
const EXPANSION_DEAL = { expansionOpportunityOpen: true };

describe('assignStage with the shipped rules', () => {
  describe('each stage by its entry rule', () => {
    const cases: { name: string; facts: Partial<LifecycleFacts>; stage: string | null; rule: string }[] = [
      { name: 'health red → At Risk', facts: RED, stage: 'At Risk', rule: 'health red' },
      { name: 'escalation open → At Risk', facts: ESCALATED, stage: 'At Risk', rule: 'escalation open' },
      { name: 'renewal within 120 days → Renewal', facts: IN_RENEWAL, stage: 'Renewal', rule: 'renewal date within 120 days (renews 2027-01-18)' },
      { name: 'signed, not onboarded → Implementation', facts: NOT_ONBOARDED, stage: 'Implementation', rule: 'contract signed on 2026-11-25, onboarding not complete' },
      {
        name: 'onboarded, first value reached → Adoption', facts: {}, stage: 'Adoption',
        rule: 'onboarding complete, first value reached on 2025-11-10, adoption targets not met, no expansion signal',
      },
      {
        name: 'adoption targets met 60+ days → Value Realization', facts: VALUE, stage: 'Value Realization',
        rule: 'adoption targets met for 60+ days (since 2026-09-11), no expansion signal',
      },
      { name: 'green with an open expansion deal → Expansion', facts: EXPANSION_DEAL, stage: 'Expansion', rule: 'health green, expansion opportunity open' },
      { name: 'license utilization ≥ 85% → Expansion', facts: HIGH_USE, stage: 'Expansion', rule: 'license utilization ≥ 85% (91%)' },
      { name: 'onboarded, no first value yet → fallback Adoption', facts: { firstValueReached: false }, stage: 'Adoption', rule: 'default stage (first value not reached)' },
      { name: 'no signed contract → no stage', facts: { contractSigned: false, status: 'Prospect' }, stage: null, rule: 'outside the lifecycle: no signed contract' },
      { name: 'churned → no stage', facts: { churned: true, status: 'Churned' }, stage: null, rule: 'outside the lifecycle: churned (status Churned)' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const a = assign(c.facts);
        expect([a.stage, a.rule]).to.deep.equal([c.stage, c.rule]);
      });
    }
  });

  describe('priority: first match wins, in file order', () => {
    const cases: { name: string; facts: Partial<LifecycleFacts>; stage: string | null }[] = [
      { name: 'At Risk beats Renewal', facts: { ...RED, ...IN_RENEWAL }, stage: 'At Risk' },
      { name: 'At Risk (escalation) beats Implementation', facts: { ...ESCALATED, ...NOT_ONBOARDED }, stage: 'At Risk' },
      { name: 'Renewal beats Implementation', facts: { ...IN_RENEWAL, ...NOT_ONBOARDED }, stage: 'Renewal' },
      { name: 'Renewal beats Expansion (renewal window covers the upsell)', facts: { ...IN_RENEWAL, ...HIGH_USE, ...EXPANSION_DEAL }, stage: 'Renewal' },
      { name: 'Implementation beats Expansion', facts: { ...NOT_ONBOARDED, ...HIGH_USE }, stage: 'Implementation' },
      { name: 'Implementation beats Value Realization', facts: { ...NOT_ONBOARDED, ...VALUE }, stage: 'Implementation' },
      { name: 'Value Realization beats Adoption', facts: VALUE, stage: 'Value Realization' },
      { name: 'an expansion signal takes the account past Adoption', facts: HIGH_USE, stage: 'Expansion' },
      { name: 'an expansion signal takes the account past Value Realization', facts: { ...VALUE, ...HIGH_USE }, stage: 'Expansion' },
      { name: 'an open expansion deal while yellow is no signal', facts: { ...EXPANSION_DEAL, healthColour: 'yellow' }, stage: 'Adoption' },
      { name: 'churned beats health red', facts: { ...RED, churned: true }, stage: null },
      { name: 'no signed contract beats an escalation', facts: { ...ESCALATED, contractSigned: false }, stage: null },
    ];
    for (const c of cases) {
      it(c.name, () => expect(assign(c.facts).stage).to.equal(c.stage));
    }
  });

  describe('edges', () => {
    const cases: { name: string; facts: Partial<LifecycleFacts>; stage: string }[] = [
      { name: 'renewal in exactly 120 days → Renewal', facts: { daysUntilRenewal: 120 }, stage: 'Renewal' },
      { name: 'renewal in 121 days → not Renewal', facts: { daysUntilRenewal: 121 }, stage: 'Adoption' },
      { name: 'renewal date passed, not moved → still Renewal', facts: { daysUntilRenewal: -3 }, stage: 'Renewal' },
      { name: 'no renewal date → not Renewal (a null fact satisfies no comparison)', facts: { daysUntilRenewal: null, renewalDate: null }, stage: 'Adoption' },
      { name: 'not scored → not At Risk', facts: { healthColour: null }, stage: 'Adoption' },
      { name: 'onboarding unknown → not Implementation', facts: { onboardingComplete: null, firstValueReached: false }, stage: 'Adoption' },
      { name: 'adoption targets met 59 days → Adoption', facts: { adoptionTargetMetDays: 59 }, stage: 'Adoption' },
      { name: 'adoption targets met 60 days → Value Realization', facts: { adoptionTargetMetDays: 60 }, stage: 'Value Realization' },
      { name: 'license utilization 84.9% → no signal', facts: { licenseUtilization: 0.849 }, stage: 'Adoption' },
      { name: 'license utilization 85% → Expansion', facts: { licenseUtilization: 0.85 }, stage: 'Expansion' },
    ];
    for (const c of cases) {
      it(c.name, () => expect(assign(c.facts).stage).to.equal(c.stage));
    }

    it('Implementation: day 60 is on time, day 61 is stuck with the compliance CTA', () => {
      const onTime = assign(NOT_ONBOARDED, { stage: 'Implementation', enteredAt: addDays(AS_OF, -60) });
      expect([onTime.daysInStage, onTime.stuck]).to.deep.equal([60, null]);
      const late = assign(NOT_ONBOARDED, { stage: 'Implementation', enteredAt: addDays(AS_OF, -61) });
      expect([late.daysInStage, late.stuck]).to.deep.equal([61, { expectedDays: 60, overByDays: 1, action: 'compliance-cta' }]);
    });

    it('stages without expectedDays are never stuck', () => {
      expect(assign(IN_RENEWAL, { stage: 'Renewal', enteredAt: '2020-01-01' }).stuck).to.equal(null);
    });
  });

  describe('transitions and enteredAt', () => {
    it('first sight: a transition from no stage, entered on asOf', () => {
      const a = assign(IN_RENEWAL);
      expect(a).to.include({ stage: 'Renewal', enteredAt: AS_OF, daysInStage: 0 });
      expect(a.transition).to.deep.equal({ accountId: '001000000000001AAA', from: null, to: 'Renewal', at: AS_OF, rule: 'renewal date within 120 days (renews 2027-01-18)' });
    });

    it('a stage that holds keeps its enteredAt and records no transition, whatever rule holds it now', () => {
      const a = assign(ESCALATED, { stage: 'At Risk', enteredAt: '2026-10-02' });
      expect(a).to.include({ stage: 'At Risk', enteredAt: '2026-10-02', daysInStage: 54, rule: 'escalation open', transition: null });
    });

    it('a change records from, to, at (asOf) and the rule', () => {
      const a = assign(RED, { stage: 'Renewal', enteredAt: '2026-10-02' });
      expect(a).to.include({ stage: 'At Risk', enteredAt: AS_OF, daysInStage: 0 });
      expect(a.transition).to.deep.equal({ accountId: '001000000000001AAA', from: 'Renewal', to: 'At Risk', at: AS_OF, rule: 'health red' });
    });

    it('leaving the lifecycle is a transition to no stage', () => {
      const a = assign({ churned: true, status: 'Churned' }, { stage: 'Renewal', enteredAt: '2026-10-02' });
      expect(a.transition).to.deep.equal({ accountId: '001000000000001AAA', from: 'Renewal', to: null, at: AS_OF, rule: 'outside the lifecycle: churned (status Churned)' });
    });

    it('a prospect seen for the first time, or again, records no transition', () => {
      const first = assign({ contractSigned: false });
      expect(first).to.include({ stage: null, enteredAt: AS_OF, transition: null });
      const again = assign({ contractSigned: false }, { stage: null, enteredAt: '2026-06-01' });
      expect(again).to.include({ stage: null, enteredAt: '2026-06-01', daysInStage: 177, transition: null });
    });

    it('a stage renamed in the rules since the last run is a change', () => {
      const a = assign(RED, { stage: 'Risk', enteredAt: '2026-10-02' });
      expect(a.transition).to.include({ from: 'Risk', to: 'At Risk' });
    });

    it('first sight in Implementation is dated from the contract signature (startedOn), so the first run sees who is stuck', () => {
      const a = assign({ ...NOT_ONBOARDED, contractSignedOn: addDays(AS_OF, -80) });
      expect(a).to.include({ stage: 'Implementation', enteredAt: '2026-09-06', daysInStage: 80 });
      expect(a.transition).to.include({ from: null, at: '2026-09-06' });
      expect(a.stuck).to.deep.equal({ expectedDays: 60, overByDays: 20, action: 'compliance-cta' });
    });

    it('a prospect on record without a stage, won since, is in Implementation from the signature, not before its last run', () => {
      const won = assign({ ...NOT_ONBOARDED, contractSignedOn: '2026-11-20' }, { stage: null, enteredAt: '2026-08-15' });
      expect(won).to.include({ stage: 'Implementation', enteredAt: '2026-11-20', daysInStage: 5 });
      expect(won.transition).to.include({ from: null, to: 'Implementation', at: '2026-11-20' });
      const seenSince = assign({ ...NOT_ONBOARDED, contractSignedOn: '2026-11-20' }, { stage: null, enteredAt: '2026-11-22' });
      expect(seenSince.enteredAt).to.equal('2026-11-22');
    });

    it('startedOn is not used when the account comes from another stage, nor when its date is unknown or after asOf', () => {
      expect(assign({ ...NOT_ONBOARDED, contractSignedOn: '2026-01-01' }, { stage: 'At Risk', enteredAt: '2026-10-02' }).enteredAt).to.equal(AS_OF);
      expect(assign({ ...NOT_ONBOARDED, contractSignedOn: null }).enteredAt).to.equal(AS_OF);
      expect(assign({ ...NOT_ONBOARDED, contractSignedOn: '2026-12-01' }).enteredAt).to.equal(AS_OF);
    });
  });

  describe('fallback', () => {
    it('with no fallback, an account no rule matches has no stage', () => {
      const a = assignStage(facts({ firstValueReached: false }), null, { ...rules, fallback: null }, AS_OF);
      expect([a.stage, a.rule, a.transition]).to.deep.equal([null, 'no stage rule matched', null]);
    });
  });

  describe('misuse', () => {
    it('facts derived for another day: LIFECYCLE_AS_OF_MISMATCH', () => {
      expect(() => assignStage(facts(), null, rules, '2026-11-26')).to.throw(SextantError).with.property('code', 'LIFECYCLE_AS_OF_MISMATCH');
    });
    it('a stage on record entered after asOf: STAGE_HISTORY_AHEAD', () => {
      expect(() => assign({}, { stage: 'Adoption', enteredAt: '2026-12-01' })).to.throw(SextantError).with.property('code', 'STAGE_HISTORY_AHEAD');
    });
  });
});
