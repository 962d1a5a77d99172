import { expect } from 'chai';
import type { ReconcileAccount } from '../../../src/reconcile/reconcile-account.ts';
import { DEFAULT_LEGAL_SUFFIXES } from '../../../src/config/rules/reconcile-rules.schema.ts';
import { createNameProposer, type NameProposerOptions } from '../../../src/reconcile/name-proposals.ts';
import { account, id } from './support/reconcile-fixtures.ts';

const options = (over: Partial<NameProposerOptions> = {}): NameProposerOptions => ({
  threshold: 0.8, legalSuffixes: DEFAULT_LEGAL_SUFFIXES, maxAccountsPerToken: 50, alternatives: 2,
  hasUsage: () => false, isCustomer: (a) => a.status !== 'Prospect', ...over,
});
const ids = (candidates: { account: ReconcileAccount }[]): string[] => candidates.map((c) => c.account.id);

describe('name proposals', () => {
  it('finds an identical normalized name without a similarity computation', () => {
    const proposer = createNameProposer([account(1, { name: 'Stem Corp' }), account(2, { name: 'Other Ltd' })], options());
    const found = proposer.propose('STEM Corporation Inc.');
    expect(ids(found)).to.deep.equal([id(1)]);
    expect(found[0]?.score).to.equal(1);
    expect(proposer.comparisons()).to.equal(0);
  });

  it('compares only accounts sharing a rare token, and none through a too-common token', () => {
    const accounts = [
      ...Array.from({ length: 120 }, (_, i) => account(100 + i, { name: `Global Solutions ${i}` })),
      account(1, { name: 'Quillfeather Global Solutions' }),
    ];
    const proposer = createNameProposer(accounts, options());
    expect(ids(proposer.propose('Quillfeather Global Solution'))).to.deep.equal([id(1)]);
    expect(proposer.comparisons()).to.equal(1);
    // Every token of this name is on more than 50 accounts: only an exact name could be proposed.
    expect(proposer.propose('Global Solutions Group')).to.deep.equal([]);
    expect(proposer.comparisons()).to.equal(1);
  });

  it('proposes nothing below the threshold', () => {
    const proposer = createNameProposer([account(1, { name: 'Northwind' })], options());
    expect(proposer.propose('Northwind Systems')).to.deep.equal([]);
    expect(createNameProposer([account(1, { name: 'Northwind' })], options({ threshold: 0.6 })).propose('Northwind Systems')).to.have.length(1);
  });

  it('ranks equal scores: no usage yet, then customers, then ARR, and lists alternatives', () => {
    const accounts = [
      account(1, { name: 'Nolan Co.', arr: 90_000 }), account(2, { name: 'Nolan Inc', status: 'Prospect', arr: 0 }),
      account(3, { name: 'Nolan LLC', arr: 5_000 }), account(4, { name: 'Nolan Corp', arr: 1_000 }),
    ];
    const proposer = createNameProposer(accounts, options({ hasUsage: (a) => a.id === id(1) }));
    expect(ids(proposer.propose('NOLAN Corporation'))).to.deep.equal([id(3), id(4), id(2)]);
    expect(ids(createNameProposer(accounts, options({ alternatives: 0 })).propose('Nolan'))).to.deep.equal([id(1)]);
  });

  it('proposes the same from an index kept to the expected names, and for a name it did not expect', () => {
    const accounts = [
      account(1, { name: 'Stem Corp' }), account(2, { name: 'Stem Corporation' }), account(3, { name: 'Blue Ocean Labs' }),
      account(4, { name: 'Blue Ocean Lab', arr: 10 }), account(5, { name: 'Acme Systems' }), account(6, { name: 'Nortwind' }),
      ...Array.from({ length: 60 }, (_, i) => account(100 + i, { name: `Global Solutions ${i}` })),
    ];
    const names = ['STEM Corp.', 'Blue Ocean Lab', 'Acme System', 'Global Solutions 7', 'Northwind', null, '  '];
    const full = createNameProposer(accounts, options());
    const expected = names.map((n) => ids(full.propose(n)));
    expect(expected.flat()).to.include.members([id(1), id(2), id(3), id(4), id(5)]);

    const kept = createNameProposer(accounts, options({ expectedNames: names.slice(0, 3) }));
    expect(names.map((n) => ids(kept.propose(n)))).to.deep.equal(expected);
    // Asked first about a name it did not expect, it indexes everything at once.
    const surprised = createNameProposer(accounts, options({ expectedNames: ['Stem Corp'] }));
    const order = [2, 0, 1, 3, 4, 5, 6];
    expect(order.map((i) => ids(surprised.propose(names[i] ?? null)))).to.deep.equal(order.map((i) => expected[i]));
  });

  it('ignores blank names on either side', () => {
    const proposer = createNameProposer([account(1, { name: '' })], options());
    expect(proposer.propose(null)).to.deep.equal([]);
    expect(proposer.propose('  ')).to.deep.equal([]);
  });
});
