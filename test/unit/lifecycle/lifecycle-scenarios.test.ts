import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { CrmAccount, CrmOpportunity } from '../../../src/domain/crm-records.ts';
import type { StageAssignment, StageOnRecord, StageTransition } from '../../../src/domain/lifecycle.ts';
import { assignStage } from '../../../src/lifecycle/assign-stage.ts';
import { explainStage } from '../../../src/lifecycle/explain-stage.ts';
import { addDays } from '../../../src/lifecycle/iso-day.ts';
import { deriveLifecycleFacts, type LifecycleSignals } from '../../../src/lifecycle/lifecycle-facts.ts';
import { stageDistribution, stuckAccounts, timeInStage } from '../../../src/lifecycle/stage-history.ts';
import { account, opportunity, shippedRules } from './lifecycle-fixtures.ts';

/**
 * DOMAIN.md's stage scenarios, from CRM records through facts to stages, run after run, each
 * run feeding the next the stage on record as the store would. The lines a CSM would read are
 * a golden file: SEXTANT_UPDATE_GOLDEN=1 rewrites it, and the diff is reviewed like code.
 */
const rules = shippedRules();
const GOLDEN = fileURLToPath(new URL('./golden/lifecycle-timeline.golden.txt', import.meta.url));
const GREEN: LifecycleSignals = { healthColour: 'green', escalationOpen: false, adoptionTargetMetSince: null, licenseUtilization: 0.4 };

type Run = { asOf: string; account?: Partial<CrmAccount>; opportunities?: Partial<CrmOpportunity>[]; signals?: Partial<LifecycleSignals> };

/** Runs the days in order for one account; returns each day's assignment and the stored transitions. */
const timeline = (base: Partial<CrmAccount>, runs: Run[]) => {
  let onRecord: StageOnRecord | null = null;
  const transitions: StageTransition[] = [];
  const assignments = runs.map((run): StageAssignment => {
    const f = deriveLifecycleFacts(account({ ...base, ...run.account }), (run.opportunities ?? []).map((o) => opportunity(o)), { ...GREEN, ...run.signals }, run.asOf);
    const a = assignStage(f, onRecord, rules, run.asOf);
    if (a.transition) transitions.push(a.transition);
    onRecord = { stage: a.stage, enteredAt: a.enteredAt };
    return a;
  });
  return { assignments, transitions };
};

const RENEWS = '2027-03-25';
const renewalWindow = timeline({ renewalDate: RENEWS }, [
  { asOf: addDays(RENEWS, -150) },
  { asOf: addDays(RENEWS, -121) },
  { asOf: addDays(RENEWS, -120) },
  { asOf: addDays(RENEWS, -60) },
]);

const SIGNED = '2026-09-01';
const PROSPECT = { id: '001000000000002AAA', status: 'Prospect', onboardingComplete: false, firstValueDate: null, contractStartDate: null, renewalDate: null };
const openDeal = { accountId: PROSPECT.id, stageName: 'Negotiation', isClosed: false, isWon: false, closeDate: SIGNED };
const wonDeal = { ...openDeal, stageName: 'Closed Won', isClosed: true, isWon: true };
const closedWon = timeline(PROSPECT, [
  { asOf: '2026-08-15', opportunities: [openDeal] },
  { asOf: '2026-09-02', opportunities: [wonDeal] },
  { asOf: addDays(SIGNED, 60), opportunities: [wonDeal] },
  { asOf: addDays(SIGNED, 61), opportunities: [wonDeal] },
  { asOf: addDays(SIGNED, 75), account: { status: 'Onboarding', onboardingComplete: true, firstValueDate: addDays(SIGNED, 70) }, opportunities: [wonDeal] },
]);

const healthRed = timeline({ id: '001000000000003AAA' }, [
  { asOf: '2026-11-01' },
  { asOf: '2026-11-08', signals: { healthColour: 'red' } },
  { asOf: '2026-11-15', signals: { healthColour: 'red', escalationOpen: true } },
  { asOf: '2026-11-22', signals: { healthColour: 'yellow' } },
  { asOf: '2026-12-20', account: { status: 'Churned' } },
]);

describe('lifecycle scenarios (DOMAIN.md)', () => {
  it('renewal entering the 120-day window → Renewal, on the day it enters', () => {
    expect(renewalWindow.assignments.map((a) => a.stage)).to.deep.equal(['Adoption', 'Adoption', 'Renewal', 'Renewal']);
    expect(renewalWindow.transitions.at(-1)).to.deep.equal({
      accountId: '001000000000001AAA', from: 'Adoption', to: 'Renewal', at: '2026-11-25', rule: 'renewal date within 120 days (renews 2027-03-25)',
    });
    expect(explainStage(renewalWindow.assignments[3]!)).to.equal('Renewal since 2026-11-25 (60 days): renewal date within 120 days (renews 2027-03-25)');
  });

  it('a Closed Won account not onboarded → Implementation from the signature, stuck after 60 days, Adoption once onboarded', () => {
    expect(closedWon.assignments.map((a) => [a.stage, a.enteredAt, a.stuck?.action ?? null])).to.deep.equal([
      [null, '2026-08-15', null],
      ['Implementation', SIGNED, null],
      ['Implementation', SIGNED, null],
      ['Implementation', SIGNED, 'compliance-cta'],
      ['Adoption', addDays(SIGNED, 75), null],
    ]);
    expect(closedWon.transitions.map((t) => [t.from, t.to, t.at])).to.deep.equal([[null, 'Implementation', SIGNED], ['Implementation', 'Adoption', '2026-11-15']]);
    expect(stuckAccounts(closedWon.assignments).map((s) => [s.accountId, s.overByDays])).to.deep.equal([['001000000000002AAA', 1]]);
  });

  it('health red → At Risk, held while an escalation is open, left when it clears; churn ends the lifecycle', () => {
    expect(healthRed.assignments.map((a) => [a.stage, a.rule])).to.deep.equal([
      ['Adoption', 'onboarding complete, first value reached on 2025-11-10, adoption targets not met, no expansion signal'],
      ['At Risk', 'health red'],
      ['At Risk', 'health red'],
      ['Adoption', 'onboarding complete, first value reached on 2025-11-10, adoption targets not met, no expansion signal'],
      [null, 'outside the lifecycle: churned (status Churned)'],
    ]);
    expect(healthRed.assignments[2]?.enteredAt).to.equal('2026-11-08');
    expect(timeInStage(healthRed.transitions, '2026-12-20')).to.deep.equal({
      stages: [{ stage: 'Adoption', totalDays: 35, visits: 2 }, { stage: 'At Risk', totalDays: 14, visits: 1 }],
      current: { stage: null, since: '2026-12-20', days: 0 },
    });
  });

  it('distribution of the last run over the three accounts', () => {
    const last = [renewalWindow, closedWon, healthRed].map((t) => t.assignments.at(-1)!);
    expect(stageDistribution(last, rules.stages.map((s) => s.name)).stages.filter((s) => s.accounts > 0).map((s) => [s.stage, s.accounts]))
      .to.deep.equal([['Renewal', 1], ['Adoption', 1]]);
  });

  it('every line a CSM reads matches the golden file', () => {
    const lines = Object.entries({ renewalWindow, closedWon, healthRed }).flatMap(([name, t]) => [
      `# ${name}`,
      ...t.assignments.map((a) => `${a.asOf}  ${explainStage(a)}`),
      ...t.transitions.map((x) => `  transition ${x.at}: ${x.from ?? '(none)'} -> ${x.to ?? '(none)'} because ${x.rule}`),
    ]);
    const text = `${lines.join('\n')}\n`;
    if (process.env.SEXTANT_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with SEXTANT_UPDATE_GOLDEN=1 and review it`).to.equal(true);
    expect(text).to.equal(readFileSync(GOLDEN, 'utf8'));
  });
});
