import { expect } from 'chai';
import { DEFAULT_RECONCILE_RULES } from '../../../src/config/rules/reconcile-rules.schema.ts';
import { account, id, linkOf, reconcile, usage } from './support/reconcile-fixtures.ts';

describe('reconcileKeys: the key-mismatch report', () => {
  it('reports a key on two live accounts as a conflict with their summed ARR, and links neither', () => {
    const result = reconcile([account(3, { productKey: 'K1' }), account(5, { productKey: ' k1 ' })], [usage('K1', { events: 40 })]);
    expect(result.links).to.deep.equal([]);
    const section = result.report.classes['key-conflict'];
    expect(section.count).to.equal(1);
    expect(section.arr).to.equal(8000);
    expect(section.rows[0]).to.include({ key: 'k1', arr: 8000, events: 40 });
    expect(section.rows[0]?.accounts.map((a) => a.accountId)).to.have.members([id(3), id(5)]);
    expect(result.report.classes['unmatched-usage-key'].count).to.equal(0);
    // The conflicted accounts are reported once, under the conflict.
    expect(result.report.classes['customer-without-usage'].count).to.equal(0);
  });

  it('reports conflicts in the CRM even when no usage key carries them', () => {
    const result = reconcile([account(1, { productKey: 'K1' }), account(2, { productKey: 'K1' })], []);
    expect(result.report.classes['key-conflict'].rows[0]?.usage).to.deep.equal([]);
  });

  it('counts an account once in a class ARR when two rows name it', () => {
    // Account 1 holds K1 and, through its merged loser, K2; both keys are also on other accounts.
    const result = reconcile([
      account(1, { productKey: 'K1' }), account(2, { isDeleted: true, masterRecordId: id(1), productKey: 'K2' }),
      account(3, { productKey: 'K1' }), account(4, { productKey: 'K2' }),
    ], []);
    const section = result.report.classes['key-conflict'];
    expect(section.count).to.equal(2);
    expect(section.rows.map((r) => r.arr)).to.deep.equal([5000, 4000]);
    expect(section.arr).to.equal(1000 + 3000 + 4000);
  });

  it('links case/space variants of one key but reports them as duplicate keys', () => {
    const result = reconcile([account(1, { productKey: 'ACME' })], [usage('ACME', { events: 10 }), usage(' acme', { events: 5 })]);
    expect(linkOf(result, 'ACME')).to.deep.equal(['product-key', id(1)]);
    expect(linkOf(result, ' acme')).to.deep.equal(['product-key', id(1)]);
    const [row] = result.report.classes['duplicate-keys'].rows;
    expect(row).to.include({ sameKeyVariants: true, arr: 1000, events: 15 });
    expect(row?.keys.map((k) => k.accountKey)).to.deep.equal(['ACME', ' acme']);
  });

  it('reports a second tenant found by domain as a duplicate of a different key', () => {
    const result = reconcile([account(1, { productKey: 'K1', website: 'acme.com' })], [usage('K1'), usage('K9', { domain: 'acme.com' })]);
    expect(linkOf(result, 'K9')).to.deep.equal(['domain', id(1)]);
    expect(result.report.classes['duplicate-keys'].rows[0]?.sameKeyVariants).to.equal(false);
  });

  it('reports a domain on several live accounts as ambiguous and links none of them', () => {
    const result = reconcile(
      [account(1, { website: 'https://acme.com' }), account(2, { website: 'www.acme.com' }), account(3, { website: 'other.com' })],
      [usage('K1', { domain: 'acme.com', events: 7 }), usage('K2', { domain: 'ACME.com', events: 3 })],
    );
    expect(result.links).to.deep.equal([]);
    const section = result.report.classes['ambiguous-domain'];
    expect(section.count).to.equal(1);
    expect(section.rows[0]).to.include({ domain: 'acme.com', arr: 3000, events: 10 });
    expect(section.rows[0]?.usage.map((u) => u.accountKey)).to.deep.equal(['K1', 'K2']);
    expect(result.report.classes['unmatched-usage-key'].count).to.equal(0);
  });

  it('lists unmatched usage keys by volume, flags free-mail ones, and gives them no ARR', () => {
    const result = reconcile([account(1, { website: 'gmail.com' })], [
      usage('A', { events: 5, domain: 'a.io' }), usage('B', { events: 50, domain: 'gmail.com', name: 'Jo Smith' }), usage('C', { events: 20 }),
    ]);
    const section = result.report.classes['unmatched-usage-key'];
    expect(section.rows.map((r) => r.usage.accountKey)).to.deep.equal(['B', 'C', 'A']);
    expect(section.rows.map((r) => r.freeMail)).to.deep.equal([true, false, false]);
    expect(section.arr).to.equal(0);
    expect(section.events).to.equal(75);
  });

  it('does not list dormant unmatched keys below the minimum volume, but counts them', () => {
    const result = reconcile([], [usage('A', { events: 0 }), usage('B', { events: 1 })]);
    expect(result.report.classes['unmatched-usage-key'].rows.map((r) => r.usage.accountKey)).to.deep.equal(['B']);
    expect(result.report.summary.unlistedDormantKeys).to.equal(1);
    const rules = { ...DEFAULT_RECONCILE_RULES, report: { minUnmatchedEvents: 0 } };
    expect(reconcile([], [usage('A', { events: 0 })], [], rules).report.classes['unmatched-usage-key'].count).to.equal(1);
  });

  it('proposes similar names without linking, and cross-references both sides', () => {
    const result = reconcile(
      [account(1, { name: 'Stem Corp' }), account(2, { name: 'Stemwell Partners' })],
      [usage('K7', { name: 'STEM Corporation Inc.', events: 12 })],
    );
    expect(result.links).to.deep.equal([]);
    const [proposal] = result.report.classes['name-proposal'].rows;
    expect(proposal).to.include({ score: 1, arr: 1000, events: 12 });
    expect(proposal?.account.accountId).to.equal(id(1));
    expect(result.report.classes['unmatched-usage-key'].rows[0]?.proposal?.accountId).to.equal(id(1));
    const customer = result.report.classes['customer-without-usage'].rows.find((r) => r.account.accountId === id(1));
    expect(customer?.proposedKeys).to.deep.equal(['K7']);
    expect(result.report.summary.linkedKeys).to.equal(0);
  });

  it('prefers, among equal names, the account that has no usage yet', () => {
    const result = reconcile(
      [account(9, { name: 'Nolan Co.', productKey: 'K9' }), account(1, { name: 'Nolan Corp' })],
      [usage('K9'), usage('K7', { name: 'NOLAN Corporation Inc.' })],
    );
    const [proposal] = result.report.classes['name-proposal'].rows;
    expect(proposal?.account.accountId).to.equal(id(1));
    expect(proposal?.alternatives.map((a) => a.accountId)).to.deep.equal([id(9)]);
  });

  it('finds customers without usage by status or ARR, as the rules say', () => {
    const accounts = [
      account(1, { status: 'Active' }), account(2, { status: 'onboarding', arr: 0 }), account(3, { status: 'Prospect', arr: 0 }),
      account(4, { status: 'Prospect' }), account(5, { status: 'Churned' }), account(6, { status: 'Active', productKey: 'K6' }),
      account(7, { status: 'Active', productKey: 'K7' }),
    ];
    const result = reconcile(accounts, [usage('K6', { events: 9 }), usage('K7', { events: 0 })]);
    const section = result.report.classes['customer-without-usage'];
    // Worst first: ARR desc.
    expect(section.rows.map((r) => r.account.accountId)).to.deep.equal([id(7), id(4), id(1), id(2)]);
    expect(section.rows[0]?.idleKeys).to.deep.equal(['K7']);
    expect(section.arr).to.equal(7000 + 4000 + 1000);
    expect(result.report.summary).to.include({ customers: 5, customersWithUsage: 1 });

    const strict = { ...DEFAULT_RECONCILE_RULES, customers: { statuses: ['Active'], withArr: false, exceptStatuses: [] } };
    const narrow = reconcile(accounts, [usage('K6', { events: 9 })], [], strict).report.classes['customer-without-usage'];
    expect(narrow.rows.map((r) => r.account.accountId)).to.deep.equal([id(7), id(1)]);
  });

  it('reports overrides to unknown or deleted accounts and duplicate overrides, and applies none of them', () => {
    const accounts = [account(1, { productKey: 'K1' }), account(2, { isDeleted: true, masterRecordId: id(1) }), account(3, { isDeleted: true })];
    const result = reconcile(accounts, [usage('K1', { events: 4 }), usage('K2'), usage('K3')], [
      { accountKey: 'K1', accountId: id(404), source: 'o.csv:2' },
      { accountKey: 'K2', accountId: id(2), source: 'o.csv:3' },
      { accountKey: 'K3', accountId: id(3), source: 'o.csv:4' },
      { accountKey: 'K3', ignore: true, source: 'o.csv:5' },
      { accountKey: ' k3', ignore: true, source: 'o.csv:6' },
    ]);
    expect(linkOf(result, 'K1')).to.deep.equal(['product-key', id(1)]);
    expect(linkOf(result, 'K2')).to.equal(null);
    const rows = result.report.classes['invalid-override'].rows;
    const bySource = new Map(rows.map((r) => [r.source, r]));
    expect(bySource.get('o.csv:2')).to.include({ problem: 'unknown-account', events: 4 });
    expect(bySource.get('o.csv:3')?.problem).to.equal('deleted-account');
    expect(bySource.get('o.csv:3')?.survivor?.accountId).to.equal(id(1));
    expect(bySource.get('o.csv:4')).to.include({ problem: 'deleted-account', survivor: null });
    expect(bySource.get('o.csv:6')?.problem).to.equal('duplicate-override');
    // The K3 ignore (line 5) is the first valid decision for K3 and applies.
    expect(result.report.summary.ignoredKeys).to.equal(1);
    expect(result.report.classes['invalid-override'].arr).to.equal(1000);
  });

  it('sorts every class worst first: ARR desc, then usage volume desc', () => {
    const result = reconcile(
      [account(1, { productKey: 'A' }), account(2, { productKey: 'A' }), account(3, { productKey: 'B' }), account(4, { productKey: 'B' }),
        account(5, { productKey: 'C' }), account(6, { productKey: 'C' })],
      [usage('A', { events: 1 }), usage('B', { events: 1 }), usage('C', { events: 9 })],
    );
    expect(result.report.classes['key-conflict'].rows.map((r) => [r.key, r.arr])).to.deep.equal([['c', 11000], ['b', 7000], ['a', 3000]]);
    const sameArr = reconcile([account(1, { productKey: 'A' }), account(2, { productKey: 'A' }), account(3, { productKey: 'B' }), account(0, { productKey: 'B', arr: 3000 })],
      [usage('A', { events: 1 }), usage('B', { events: 9 })]);
    expect(sameArr.report.classes['key-conflict'].rows.map((r) => r.key)).to.deep.equal(['b', 'a']);
  });

  it('summarises matches per rule and the match rates', () => {
    const result = reconcile(
      [account(1, { productKey: 'K1' }), account(2), account(3, { website: 'c.com' })],
      [usage('K1', { events: 60 }), usage(id(2), { events: 20 }), usage('K3', { domain: 'c.com', events: 10 }), usage('X', { events: 10 })],
    );
    const { summary } = result.report;
    expect(summary.matchedBy).to.deep.equal({ override: 0, 'product-key': 1, 'salesforce-id': 1, domain: 1 });
    expect(summary).to.include({ accounts: 3, usageKeys: 4, linkedKeys: 3, unlinkedKeys: 1, matchRate: 0.75, eventMatchRate: 0.9 });
    expect(result.report.asOf).to.equal('2026-05-01');
  });
});
