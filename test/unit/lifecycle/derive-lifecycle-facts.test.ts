import { expect } from 'chai';
import type { CrmAccount, CrmOpportunity } from '../../../src/domain/crm-records.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { deriveLifecycleFacts, type LifecycleFacts, type LifecycleSignals } from '../../../src/lifecycle/lifecycle-facts.ts';
import { account, AS_OF, opportunity } from './lifecycle-fixtures.ts';

const SIGNALS: LifecycleSignals = { healthColour: 'green', escalationOpen: false, adoptionTargetMetSince: null, licenseUtilization: 0.4 };

type Case = {
  name: string;
  account?: Partial<CrmAccount>;
  opportunities?: Partial<CrmOpportunity>[];
  signals?: Partial<LifecycleSignals>;
  expect: Partial<LifecycleFacts>;
};

const PROSPECT = { status: 'Prospect', onboardingComplete: false, firstValueDate: null, contractStartDate: null, renewalDate: null };
const OPEN_EXPANSION = { type: 'Expansion', stageName: 'Proposal', isClosed: false, isWon: false, closeDate: '2027-01-15' };

const CASES: Case[] = [
  { name: 'status Active: contract signed, dated from the contract start', expect: { contractSigned: true, contractSignedOn: '2025-09-21', churned: false } },
  { name: 'status Onboarding: contract signed', account: { status: 'Onboarding' }, expect: { contractSigned: true } },
  { name: 'status compared trimmed and ignoring case', account: { status: ' active ' }, expect: { contractSigned: true } },
  { name: 'prospect: no contract', account: PROSPECT, expect: { contractSigned: false, contractSignedOn: null } },
  {
    name: 'prospect with a Closed Won new-business deal: signed on its close date',
    account: PROSPECT, opportunities: [{ closeDate: '2026-10-01' }], expect: { contractSigned: true, contractSignedOn: '2026-10-01' },
  },
  {
    name: 'the latest won new-business deal dates the signature',
    account: PROSPECT, opportunities: [{ id: 'a', closeDate: '2024-03-01' }, { id: 'b', closeDate: '2026-10-01' }], expect: { contractSignedOn: '2026-10-01' },
  },
  { name: 'a won deal closing after asOf is not signed yet', account: PROSPECT, opportunities: [{ closeDate: '2026-11-26' }], expect: { contractSigned: false } },
  { name: 'a won deal closing on asOf is signed', account: PROSPECT, opportunities: [{ closeDate: AS_OF }], expect: { contractSigned: true } },
  { name: 'a won expansion deal is not a new contract', account: PROSPECT, opportunities: [{ type: 'Expansion' }], expect: { contractSigned: false } },
  { name: 'a lost new-business deal is not a contract', account: PROSPECT, opportunities: [{ stageName: 'Closed Lost', isWon: false }], expect: { contractSigned: false } },
  { name: "another account's won deal does not count", account: PROSPECT, opportunities: [{ accountId: '001000000000002AAA' }], expect: { contractSigned: false } },
  { name: 'a deleted won deal does not count', account: PROSPECT, opportunities: [{ isDeleted: true }], expect: { contractSigned: false } },
  { name: 'status Churned', account: { status: 'Churned' }, expect: { churned: true, contractSigned: false } },
  { name: 'renewal in 120 days', account: { renewalDate: '2027-03-25' }, expect: { daysUntilRenewal: 120, renewalDate: '2027-03-25' } },
  { name: 'renewal date passed 5 days ago', account: { renewalDate: '2026-11-20' }, expect: { daysUntilRenewal: -5 } },
  { name: 'no renewal date', account: { renewalDate: null }, expect: { daysUntilRenewal: null } },
  { name: 'first value on asOf is reached', account: { firstValueDate: AS_OF }, expect: { firstValueReached: true, firstValueOn: AS_OF } },
  { name: 'first value planned for tomorrow is not reached', account: { firstValueDate: '2026-11-26' }, expect: { firstValueReached: false } },
  { name: 'no first value date: not reached', account: { firstValueDate: null }, expect: { firstValueReached: false } },
  { name: 'onboarding checkbox not mapped: unknown', account: { onboardingComplete: null }, expect: { onboardingComplete: null } },
  { name: 'adoption targets met since 60 days', signals: { adoptionTargetMetSince: '2026-09-26' }, expect: { adoptionTargetMetDays: 60, adoptionTargetMetSince: '2026-09-26' } },
  { name: 'adoption targets met since today: 0 days', signals: { adoptionTargetMetSince: AS_OF }, expect: { adoptionTargetMetDays: 0 } },
  { name: 'adoption targets not met', expect: { adoptionTargetMetDays: 0, adoptionTargetMetSince: null } },
  { name: 'adoption "met since" after asOf is not met', signals: { adoptionTargetMetSince: '2026-12-01' }, expect: { adoptionTargetMetDays: 0, adoptionTargetMetSince: null } },
  { name: 'open expansion opportunity', opportunities: [OPEN_EXPANSION], expect: { expansionOpportunityOpen: true } },
  { name: 'open upgrade opportunity counts as expansion', opportunities: [{ ...OPEN_EXPANSION, type: 'Existing Customer - Upgrade' }], expect: { expansionOpportunityOpen: true } },
  { name: 'closed expansion opportunity does not', opportunities: [{ ...OPEN_EXPANSION, isClosed: true, isWon: true }], expect: { expansionOpportunityOpen: false } },
  { name: 'open renewal opportunity is not expansion', opportunities: [{ ...OPEN_EXPANSION, type: 'Renewal' }], expect: { expansionOpportunityOpen: false } },
  { name: 'license utilization passes through, above 1 too (more users than seats)', signals: { licenseUtilization: 1.2 }, expect: { licenseUtilization: 1.2 } },
  { name: 'license utilization not a number: unknown', signals: { licenseUtilization: Number.NaN }, expect: { licenseUtilization: null } },
  { name: 'negative license utilization: unknown', signals: { licenseUtilization: -1 }, expect: { licenseUtilization: null } },
  { name: 'health and escalation pass through', signals: { healthColour: null, escalationOpen: true }, expect: { healthColour: null, escalationOpen: true } },
  { name: 'segment and status pass through', account: { segment: 'SMB', status: 'Onboarding' }, expect: { segment: 'SMB', status: 'Onboarding' } },
];

describe('deriveLifecycleFacts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const opportunities = (c.opportunities ?? []).map((o) => opportunity(o));
      const derived = deriveLifecycleFacts(account(c.account), opportunities, { ...SIGNALS, ...c.signals }, AS_OF);
      expect(derived).to.include(c.expect);
      expect(derived).to.include({ accountId: '001000000000001AAA', asOf: AS_OF });
    });
  }

  it("uses the org's own picklist values when given", () => {
    const vocabulary = { contractSignedStatuses: ['Live'], churnedStatuses: ['Lost'], newBusinessOpportunityTypes: ['New Logo'], expansionOpportunityTypes: ['Upsell'] };
    const live = deriveLifecycleFacts(account({ status: 'Live' }), [opportunity({ ...OPEN_EXPANSION, type: 'Upsell' })], SIGNALS, AS_OF, vocabulary);
    expect(live).to.include({ contractSigned: true, expansionOpportunityOpen: true, churned: false });
    const active = deriveLifecycleFacts(account({ status: 'Active' }), [], SIGNALS, AS_OF, vocabulary);
    expect(active.contractSigned).to.equal(false);
    const lost = deriveLifecycleFacts(account({ status: 'lost' }), [], SIGNALS, AS_OF, vocabulary);
    expect(lost.churned).to.equal(true);
  });

  const invalid: { name: string; run: () => unknown }[] = [
    { name: 'asOf that is an instant', run: () => deriveLifecycleFacts(account(), [], SIGNALS, '2026-11-25T10:00:00Z') },
    { name: 'asOf that is not a real day', run: () => deriveLifecycleFacts(account(), [], SIGNALS, '2026-02-30') },
    { name: 'renewal date that is not a day', run: () => deriveLifecycleFacts(account({ renewalDate: '30/01/2027' }), [], SIGNALS, AS_OF) },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name} with DAY_INVALID`, () => {
      expect(c.run).to.throw(SextantError).with.property('code', 'DAY_INVALID');
    });
  }
});
