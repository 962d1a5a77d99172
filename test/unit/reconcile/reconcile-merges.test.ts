import { expect } from 'chai';
import { account, id, id15, linkOf, reconcile, usage } from './support/reconcile-fixtures.ts';

/** A merged-away account: Salesforce soft-deletes the loser and points MasterRecordId at the survivor. */
const loser = (n: number, master: number, fields = {}) => account(n, { isDeleted: true, masterRecordId: id(master), ...fields });

describe('reconcileKeys: merged accounts', () => {
  it("moves the loser's product key and its id to the survivor", () => {
    const result = reconcile(
      [account(1, { productKey: 'K1' }), loser(2, 1, { productKey: 'K2' })],
      [usage('K1'), usage('k2'), usage(id15(2))],
    );
    expect(linkOf(result, 'k2')).to.deep.equal(['product-key', id(1)]);
    expect(linkOf(result, id15(2))).to.deep.equal(['salesforce-id', id(1)]);
    expect(result.links.find((l) => l.accountKey === 'k2')?.evidence).to.contain(`via merged account ${id(2)}`);
    expect(result.report.summary.mergedAccounts).to.equal(1);
  });

  it('follows a chain of merges to the live survivor', () => {
    const result = reconcile(
      [loser(3, 2, { productKey: 'K3' }), loser(2, 1, { productKey: 'K2' }), account(1)],
      [usage('K3'), usage('K2')],
    );
    expect(linkOf(result, 'K3')).to.deep.equal(['product-key', id(1)]);
    expect(linkOf(result, 'K2')).to.deep.equal(['product-key', id(1)]);
    expect(result.report.classes['broken-merge'].count).to.equal(0);
  });

  it('reports the merged tenant as a duplicate key of the survivor, naming the merged account', () => {
    const result = reconcile([account(1, { productKey: 'K1' }), loser(2, 1, { productKey: 'K2' })], [usage('K1'), usage('K2')]);
    const [row] = result.report.classes['duplicate-keys'].rows;
    expect(row?.account.accountId).to.equal(id(1));
    expect(row?.sameKeyVariants).to.equal(false);
    expect(row?.keys.map((k) => k.mergedFromId)).to.deep.equal([null, id(2)]);
  });

  it('is not a conflict when a survivor and its loser hold the same key', () => {
    const result = reconcile([account(1, { productKey: 'K1' }), loser(2, 1, { productKey: 'k1' })], [usage('K1')]);
    expect(linkOf(result, 'K1')).to.deep.equal(['product-key', id(1)]);
    expect(result.links[0]?.evidence).to.not.contain('via merged');
    expect(result.report.classes['key-conflict'].count).to.equal(0);
  });

  const BROKEN = [
    { problem: 'merge-loop', accounts: [loser(1, 2, { productKey: 'K1' }), loser(2, 1)], chain: [id(1), id(2), id(1)] },
    { problem: 'survivor-missing', accounts: [loser(1, 9, { productKey: 'K1' })], chain: [id(1), id(9)] },
    { problem: 'survivor-deleted', accounts: [loser(1, 2, { productKey: 'K1' }), account(2, { isDeleted: true })], chain: [id(1), id(2)] },
  ];
  for (const b of BROKEN) {
    it(`reports a ${b.problem} and links nothing through it`, () => {
      const result = reconcile(b.accounts, [usage('K1')]);
      expect(linkOf(result, 'K1')).to.equal(null);
      const row = result.report.classes['broken-merge'].rows.find((r) => r.account.accountId === id(1));
      expect(row?.problem).to.equal(b.problem);
      expect(row?.chain).to.deep.equal(b.chain);
      expect(row?.arr).to.equal(1000);
      const unmatched = result.report.classes['unmatched-usage-key'].rows[0];
      expect(unmatched?.deletedAccountId).to.equal(id(1));
    });
  }

  it('does not move keys of a plainly deleted account, and says who held the key', () => {
    const result = reconcile([account(1, { isDeleted: true, productKey: 'K1' })], [usage('K1')]);
    expect(result.links).to.deep.equal([]);
    expect(result.report.classes['unmatched-usage-key'].rows[0]?.deletedAccountId).to.equal(id(1));
    expect(result.report.classes['broken-merge'].count).to.equal(0);
  });
});
