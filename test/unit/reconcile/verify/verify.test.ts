import { expect } from 'chai';
import type { CrmAccount } from '../../../../src/domain/crm-records.ts';
import { compareAccount, type CompareInput } from '../../../../src/reconcile/verify/compare-account.ts';
import { pickVerifySample, type AccountActivity } from '../../../../src/reconcile/verify/verify-sample.ts';

const id = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;
const account = (n: number, overrides: Partial<CrmAccount> = {}): CrmAccount => ({
  id: id(n), isDeleted: false, systemModstamp: '2026-11-20T10:00:00.000Z', extra: {}, name: `Account ${n}`, parentId: null, masterRecordId: null,
  ownerId: '005000000000001AAA', csmId: null, arr: 1000 * n, contractStartDate: '2025-01-01', renewalDate: '2027-01-01', status: 'Active', segment: 'SMB',
  industry: null, website: null, productKey: `PA-${n}`, onboardingComplete: true, firstValueDate: null, ...overrides,
});
const asOf = new Date('2026-11-25T12:00:00Z');

describe('verify: the sample', () => {
  const accounts = Array.from({ length: 40 }, (_, i) => account(i + 1, i >= 36 ? { status: i === 36 ? 'Prospect' : 'Churned' } : {}));
  const activity = new Map<string, AccountActivity>(accounts.map((a, i) => [a.id, {
    keys: i % 10 === 9 ? 0 : 1,
    lastActiveDay: i % 3 === 0 ? '2026-11-24' : i % 3 === 1 ? '2026-11-01' : '2026-11-15',
  }]));
  const base = { accounts, activity, size: 20, seed: 7, asOf, isCustomer: (a: CrmAccount) => a.status === 'Active' || a.status === 'Onboarding' };

  it('without scores, picks by usage: recent use is healthy, none in 14 days or no key is at risk', () => {
    const { sample, basis } = pickVerifySample({ ...base, colours: null });
    expect(basis).to.equal('usage');
    expect(sample).to.have.length(20);
    for (const s of sample) {
      const a = activity.get(s.account.id)!;
      if (s.band === 'healthy') expect(a.keys === 1 && a.lastActiveDay === '2026-11-24').to.equal(true);
      else expect(a.keys === 0 || a.lastActiveDay === '2026-11-01').to.equal(true);
      expect(['Active', 'Onboarding']).to.include(s.account.status);
    }
    expect(new Set(sample.map((s) => s.account.id)).size).to.equal(20);
  });

  it('with scores, green is healthy and red/yellow at risk; the same seed gives the same sample', () => {
    const colours = new Map(accounts.map((a, i) => [a.id, i % 2 === 0 ? 'green' as const : i % 4 === 1 ? 'red' as const : 'yellow' as const]));
    const first = pickVerifySample({ ...base, colours });
    expect(first.basis).to.equal('health');
    expect(first.sample.filter((s) => s.band === 'healthy')).to.have.length(10);
    expect(first.sample.filter((s) => s.band === 'at-risk')).to.have.length(10);
    for (const s of first.sample) expect(colours.get(s.account.id) === 'green').to.equal(s.band === 'healthy');
    expect(pickVerifySample({ ...base, colours }).sample.map((s) => s.account.id)).to.deep.equal(first.sample.map((s) => s.account.id));
    expect(pickVerifySample({ ...base, colours, seed: 8 }).sample.map((s) => s.account.id)).not.to.deep.equal(first.sample.map((s) => s.account.id));
  });
});

describe('verify: comparing one account', () => {
  const sampled = { account: account(5), band: 'healthy' as const, why: 'used today' };
  const usage = { days: 7, events: 40, lastActiveDay: '2026-11-24' };
  const input = (overrides: Partial<CompareInput> = {}): CompareInput => ({
    sampled, live: account(5), storedUsage: usage, warehouseUsage: usage, lookalikes: [], requiredFields: ['ownerId', 'arr', 'renewalDate'], ...overrides,
  });
  const codes = (i: CompareInput): string[] => compareAccount(i).flags.map((f) => `${f.code}${f.field ? `:${f.field}` : ''}`);

  it('passes an account whose store copy equals the org and the warehouse', () => {
    const verdict = compareAccount(input());
    expect(verdict.ok).to.equal(true);
    expect(verdict.checks.every((c) => c.same)).to.equal(true);
  });

  it('catches a value changed in the org after the last sync, and says the row is stale', () => {
    const live = account(5, { arr: 7777, ownerId: '005000000000002AAA', systemModstamp: '2026-11-25T09:00:00.000Z' });
    expect(codes(input({ live }))).to.deep.equal(['FIELD_MISMATCH:ownerId', 'FIELD_MISMATCH:arr', 'STALE_ROW']);
  });

  it('flags empty fields a CSM relies on, accounts gone from the org, and lookalike duplicates', () => {
    expect(codes(input({ live: account(5, { renewalDate: null }), sampled: { ...sampled, account: account(5, { renewalDate: null }) } }))).to.deep.equal(['FIELD_NULL:renewalDate']);
    expect(codes(input({ live: null }))).to.deep.equal(['MISSING_IN_ORG']);
    expect(codes(input({ lookalikes: [{ id: id(9), name: 'Account 5 Inc', shared: 'website acme.com' }] }))).to.deep.equal(['DUPLICATE_ACCOUNT']);
  });

  it('compares usage with the warehouse: not linked, different counts, a stale last day', () => {
    expect(codes(input({ storedUsage: null }))).to.deep.equal(['USAGE_NOT_LINKED']);
    expect(codes(input({ warehouseUsage: { ...usage, events: 41, lastActiveDay: '2026-11-25' } }))).to.deep.equal(['USAGE_MISMATCH', 'USAGE_STALE']);
    expect(codes(input({ warehouseUsage: null }))).to.deep.equal([]);
  });

  it('treats ARR differing by rounding only as equal', () => {
    expect(codes(input({ live: account(5, { arr: 5000.001 }) }))).to.deep.equal([]);
  });
});
