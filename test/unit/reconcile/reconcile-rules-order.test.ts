import { expect } from 'chai';
import { DEFAULT_RECONCILE_RULES } from '../../../src/config/rules/reconcile-rules.schema.ts';
import type { CrmAccount } from '../../../src/domain/crm-records.ts';
import type { UsageAccount } from '../../../src/domain/usage.ts';
import type { OverrideEntry } from '../../../src/reconcile/override-book.ts';
import { account, id, id15, linkOf, reconcile, usage } from './support/reconcile-fixtures.ts';

type Case = {
  name: string;
  accounts: CrmAccount[];
  usage: UsageAccount;
  overrides?: OverrideEntry[];
  /** [rule, account number], or null for no link. */
  expected: [string, number] | null;
};

const CASES: Case[] = [
  // Rule 2: product key, case/space normalised.
  { name: 'product key, same spelling', accounts: [account(1, { productKey: 'PA-000123' })], usage: usage('PA-000123'), expected: ['product-key', 1] },
  { name: 'product key, lower case', accounts: [account(1, { productKey: 'PA-000123' })], usage: usage('pa-000123'), expected: ['product-key', 1] },
  { name: 'product key, leading space', accounts: [account(1, { productKey: 'PA-000123' })], usage: usage(' PA-000123'), expected: ['product-key', 1] },
  { name: 'product key, trailing spaces and mixed case', accounts: [account(1, { productKey: 'PA-000123' })], usage: usage('Pa-000123  '), expected: ['product-key', 1] },
  { name: 'product key, inner whitespace collapsed', accounts: [account(1, { productKey: 'ACME  EU' })], usage: usage('acme eu'), expected: ['product-key', 1] },
  { name: 'product key, NBSP and zero-width space from a web page', accounts: [account(1, { productKey: 'ACME' })], usage: usage('\u00a0AC\u200bME'), expected: ['product-key', 1] },
  { name: 'product key, different key', accounts: [account(1, { productKey: 'PA-000123' })], usage: usage('PA-000124'), expected: null },
  // Rule 3: Salesforce id, 15 and 18 forms.
  { name: '18-char id', accounts: [account(1)], usage: usage(id(1)), expected: ['salesforce-id', 1] },
  { name: '15-char id', accounts: [account(1)], usage: usage(id15(1)), expected: ['salesforce-id', 1] },
  { name: '18-char id lower-cased by the warehouse', accounts: [account(1)], usage: usage(id(1).toLowerCase()), expected: ['salesforce-id', 1] },
  { name: '18-char id with spaces', accounts: [account(1)], usage: usage(` ${id(1)} `), expected: ['salesforce-id', 1] },
  { name: '15-char id lower-cased (case-sensitive: another id)', accounts: [account(1)], usage: usage(id15(1).toLowerCase()), expected: null },
  { name: '18-char string with a wrong suffix', accounts: [account(1)], usage: usage(`${id15(1)}999`), expected: null },
  // Rule 4: website domain = usage domain.
  ...['https://www.Acme.com/x', 'WWW.ACME.COM', 'acme.com', 'http://acme.com:8080/about', 'acme.com.', 'https://acme.com?ref=1', ' www.acme.com/ '].map((website): Case => ({
    name: `website ${JSON.stringify(website)}`, accounts: [account(1, { website })], usage: usage('K1', { domain: 'acme.com' }), expected: ['domain', 1],
  })),
  { name: 'usage domain given as an email', accounts: [account(1, { website: 'acme.com' })], usage: usage('K1', { domain: 'jo@Acme.com' }), expected: ['domain', 1] },
  { name: 'subdomain is a different domain', accounts: [account(1, { website: 'shop.acme.com' })], usage: usage('K1', { domain: 'acme.com' }), expected: null },
  { name: 'free-mail domain never matches', accounts: [account(1, { website: 'gmail.com' })], usage: usage('K1', { domain: 'gmail.com' }), expected: null },
  { name: 'free-mail www form never matches', accounts: [account(1, { website: 'http://www.gmail.com' })], usage: usage('K1', { domain: 'GMAIL.COM' }), expected: null },
  { name: 'free-mail subdomain never matches', accounts: [account(1, { website: 'mail.yahoo.com' })], usage: usage('K1', { domain: 'mail.yahoo.com' }), expected: null },
  { name: 'deleted account website does not match', accounts: [account(1, { website: 'acme.com', isDeleted: true })], usage: usage('K1', { domain: 'acme.com' }), expected: null },
  // Rule 5: names only propose.
  { name: 'identical name is never linked', accounts: [account(1, { name: 'Stem Corp' })], usage: usage('K1', { name: 'STEM Corporation Inc.' }), expected: null },
  // Precedence: override > product key > id > domain.
  {
    name: 'override beats product key',
    accounts: [account(1, { productKey: 'K1' }), account(2)], usage: usage('K1'), overrides: [{ accountKey: 'k1', accountId: id(2) }], expected: ['override', 2],
  },
  {
    name: 'override by 15-char id',
    accounts: [account(1, { productKey: 'K1' }), account(2)], usage: usage('K1'), overrides: [{ accountKey: 'K1', accountId: id15(2) }], expected: ['override', 2],
  },
  {
    name: 'product key beats Salesforce id',
    accounts: [account(1, { productKey: id15(2) }), account(2)], usage: usage(id15(2)), expected: ['product-key', 1],
  },
  {
    name: 'Salesforce id beats domain',
    accounts: [account(1), account(2, { website: 'acme.com' })], usage: usage(id(1), { domain: 'acme.com' }), expected: ['salesforce-id', 1],
  },
  {
    name: 'product key beats domain',
    accounts: [account(1, { productKey: 'K1' }), account(2, { website: 'acme.com' })], usage: usage('K1', { domain: 'acme.com' }), expected: ['product-key', 1],
  },
  {
    name: 'a conflict stops matching: no fall-through to the domain rule',
    accounts: [account(1, { productKey: 'K1', website: 'acme.com' }), account(2, { productKey: 'k1' })], usage: usage('K1', { domain: 'acme.com' }), expected: null,
  },
  {
    name: 'an invalid override falls through to the automatic rules',
    accounts: [account(1, { productKey: 'K1' })], usage: usage('K1'), overrides: [{ accountKey: 'K1', accountId: id(99) }], expected: ['product-key', 1],
  },
];

describe('reconcileKeys: matching rules and their order', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = reconcile(c.accounts, [c.usage], c.overrides ?? []);
      const expected = c.expected === null ? null : [c.expected[0], id(c.expected[1])];
      expect(linkOf(result, c.usage.accountKey)).to.deep.equal(expected);
    });
  }

  it('records confidence and evidence on every link', () => {
    const result = reconcile(
      [account(1, { productKey: 'K1' }), account(2), account(3, { website: 'https://www.acme.com/' }), account(4)],
      [usage('k1'), usage(id15(2)), usage('K3', { domain: 'acme.com' }), usage('K4')],
      [{ accountKey: 'K4', accountId: id(4), note: 'signed as Firm Four', source: 'overrides.yaml:3' }],
    );
    const byKey = new Map(result.links.map((l) => [l.accountKey, l]));
    expect(byKey.get('k1')).to.include({ rule: 'product-key', confidence: 1 });
    expect(byKey.get('k1')?.evidence).to.contain("'K1'").and.contain("'k1'");
    expect(byKey.get(id15(2))).to.include({ rule: 'salesforce-id', confidence: 1 });
    expect(byKey.get('K3')).to.include({ rule: 'domain', confidence: 0.8 });
    expect(byKey.get('K3')?.evidence).to.contain('acme.com');
    expect(byKey.get('K4')).to.include({ rule: 'override', confidence: 1 });
    expect(byKey.get('K4')?.evidence).to.contain('overrides.yaml:3').and.contain('Firm Four');
  });

  it('takes the domain confidence from the rules', () => {
    const rules = { ...DEFAULT_RECONCILE_RULES, domainMatch: { ...DEFAULT_RECONCILE_RULES.domainMatch, confidence: 0.6 } };
    const result = reconcile([account(1, { website: 'acme.com' })], [usage('K1', { domain: 'acme.com' })], [], rules);
    expect(result.links[0]?.confidence).to.equal(0.6);
  });

  it('ignores a key an override marks as ignore, and does not report it', () => {
    const result = reconcile([account(1, { productKey: 'K1' })], [usage('TEST-1'), usage('K1')], [{ accountKey: ' test-1 ', ignore: true }]);
    expect(linkOf(result, 'TEST-1')).to.equal(null);
    expect(result.report.summary.ignoredKeys).to.equal(1);
    expect(result.report.classes['unmatched-usage-key'].count).to.equal(0);
    expect(result.report.summary.matchRate).to.equal(1);
  });
});
