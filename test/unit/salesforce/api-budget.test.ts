import { expect } from 'chai';
import { ApiBudget } from '../../../src/salesforce/api-budget.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';

const reasonOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    expect((err as SextantError).code).to.equal('SF_API_BUDGET_EXHAUSTED');
    expect((err as SextantError).kind).to.equal('quota');
    return ((err as SextantError).data as { reason: string }).reason;
  }
};

describe('API budget governor', () => {
  it('caps a run at its share of what remained at the start', () => {
    const budget = new ApiBudget({ runShare: 0.25, orgFloor: 0.8 }, { max: 1000, remaining: 800 });
    expect(budget.state.runCap).to.equal(200);
    for (let i = 0; i < 200; i++) {
      budget.beforeCall();
      budget.recordCall();
    }
    expect(reasonOf(() => budget.beforeCall())).to.equal('run-cap');
  });

  it('stops when the org passes its floor, counting other integrations seen in Sforce-Limit-Info', () => {
    const budget = new ApiBudget({ runShare: 0.25, orgFloor: 0.8 }, { max: 1000, remaining: 900 });
    expect(reasonOf(() => budget.beforeCall())).to.equal(null);
    budget.observe({ used: 799, limit: 1000 });
    expect(reasonOf(() => budget.beforeCall())).to.equal(null);
    budget.recordCall();
    expect(reasonOf(() => budget.beforeCall())).to.equal('org-floor');
  });

  it('an org already past its floor defers at once', () => {
    const budget = new ApiBudget({ runShare: 0.25, orgFloor: 0.8 }, { max: 1000, remaining: 150 });
    expect(reasonOf(() => budget.beforeCall())).to.equal('org-floor');
  });
});

describe('API budget governor, seeded from the first response', () => {
  it('lets the first call through, then caps at the share of what remained', () => {
    const budget = new ApiBudget({ runShare: 0.25, orgFloor: 0.8 });
    expect(reasonOf(() => budget.beforeCall())).to.equal(null);
    budget.recordCall();
    budget.observe({ used: 601, limit: 1000 }); // 400 remained before our call
    expect(budget.state.runCap).to.equal(100);
    for (let i = 1; i < 100; i++) {
      budget.beforeCall();
      budget.recordCall();
    }
    expect(reasonOf(() => budget.beforeCall())).to.equal('run-cap');
  });
});
