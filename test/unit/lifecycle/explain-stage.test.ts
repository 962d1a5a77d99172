import { expect } from 'chai';
import type { StageAssignment } from '../../../src/domain/lifecycle.ts';
import { explainStage } from '../../../src/lifecycle/explain-stage.ts';

const base: StageAssignment = {
  accountId: '001000000000001AAA',
  asOf: '2026-11-25',
  stage: 'Renewal',
  rule: 'renewal date within 120 days (renews 2027-01-30)',
  enteredAt: '2026-10-02',
  daysInStage: 54,
  transition: null,
  stuck: null,
};

describe('explainStage', () => {
  const cases: { name: string; assignment: Partial<StageAssignment>; line: string }[] = [
    { name: 'stage, since, days, rule', assignment: {}, line: 'Renewal since 2026-10-02 (54 days): renewal date within 120 days (renews 2027-01-30)' },
    { name: 'one day', assignment: { daysInStage: 1, enteredAt: '2026-11-24' }, line: 'Renewal since 2026-11-24 (1 day): renewal date within 120 days (renews 2027-01-30)' },
    {
      name: 'stuck, with the action',
      assignment: { stage: 'Implementation', rule: 'contract signed on 2026-08-01, onboarding not complete', enteredAt: '2026-08-01', daysInStage: 116, stuck: { expectedDays: 60, overByDays: 56, action: 'compliance-cta' } },
      line: 'Implementation since 2026-08-01 (116 days): contract signed on 2026-08-01, onboarding not complete; stuck: 56 days over the expected 60 days (compliance-cta)',
    },
    {
      name: 'stuck, report only',
      assignment: { stuck: { expectedDays: 30, overByDays: 1, action: null } },
      line: 'Renewal since 2026-10-02 (54 days): renewal date within 120 days (renews 2027-01-30); stuck: 1 day over the expected 30 days',
    },
    {
      name: 'no stage',
      assignment: { stage: null, rule: 'outside the lifecycle: churned (status Churned)', enteredAt: '2026-11-25', daysInStage: 0 },
      line: 'No lifecycle stage since 2026-11-25 (0 days): outside the lifecycle: churned (status Churned)',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(explainStage({ ...base, ...c.assignment })).to.equal(c.line));
  }
});
