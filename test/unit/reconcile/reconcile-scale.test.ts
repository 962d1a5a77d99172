import { expect } from 'chai';
import type { CrmAccount } from '../../../src/domain/crm-records.ts';
import type { UsageAccount } from '../../../src/domain/usage.ts';
import { DEFAULT_RECONCILE_RULES } from '../../../src/config/rules/reconcile-rules.schema.ts';
import type { ReconcileResult } from '../../../src/reconcile/reconcile-keys.ts';
import { account, id15, reconcile, usage } from './support/reconcile-fixtures.ts';

const SYLLABLES = ['ka', 'bo', 'du', 'mi', 're', 'zo', 'ta', 'ne', 'lu', 'vi', 'sa', 'po', 'gri', 'fen', 'tor', 'wel', 'quo', 'ham', 'jus', 'xer'];
/** Words on thousands of accounts: too common to pick candidates by. */
const COMMON = ['Global', 'Systems', 'Solutions', 'Group', 'Labs'];
/** A distinct made-up word per i below 160,000: the rare token blocking picks candidates by. */
const stem = (i: number): string => {
  const s = (k: number): string => SYLLABLES[Math.floor(i / 20 ** k) % 20] as string;
  return `${s(0)}${s(1)}${s(2)}${s(3)}`.replace(/^./, (c) => c.toUpperCase());
};

/**
 * n accounts and n usage keys: 70% by product key, 10% by id, 10% by domain, 10% unmatched
 * with names that resemble some account (half the same name, half another common word), so
 * name proposals run for n/10 keys.
 */
const synthetic = (n: number): { accounts: CrmAccount[]; usageAccounts: UsageAccount[]; unmatched: number } => {
  const accounts: CrmAccount[] = [];
  const usageAccounts: UsageAccount[] = [];
  let unmatched = 0;
  for (let i = 1; i <= n; i++) {
    const name = `${stem(i)} ${COMMON[i % COMMON.length]} Inc.`;
    const kind = i % 10;
    accounts.push(account(i, { name, productKey: kind < 7 ? `PA-${i}` : null, website: `https://www.site${i}.com/` }));
    if (kind < 7) usageAccounts.push(usage(` pa-${i}`, { events: i }));
    else if (kind === 7) usageAccounts.push(usage(id15(i), { events: i }));
    else if (kind === 8) usageAccounts.push(usage(`D-${i}`, { domain: `site${i}.com`, events: i }));
    else {
      unmatched++;
      const other = i % 20 === 9 ? `${stem(i).toUpperCase()} ${COMMON[i % COMMON.length]} Corporation` : `${stem(i)} ${COMMON[(i + 1) % COMMON.length]}`;
      usageAccounts.push(usage(`U-${i}`, { name: other, events: i }));
    }
  }
  return { accounts, usageAccounts, unmatched };
};

describe('reconcileKeys at scale', function () {
  this.timeout(60_000);
  const runs = new Map<number, { result: ReconcileResult; unmatched: number }>();
  const run = (n: number) => {
    let r = runs.get(n);
    if (!r) {
      const { accounts, usageAccounts, unmatched } = synthetic(n);
      r = { result: reconcile(accounts, usageAccounts), unmatched };
      runs.set(n, r);
    }
    return r;
  };

  it('links 20k keys by the right rules', () => {
    const { result, unmatched } = run(20_000);
    expect(result.report.summary.matchedBy).to.deep.equal({ override: 0, 'product-key': 14_000, 'salesforce-id': 2_000, domain: 2_000 });
    expect(result.report.summary.unlinkedKeys).to.equal(unmatched);
    expect(result.report.classes['name-proposal'].count).to.be.at.least(unmatched / 2);
  });

  it('bounds name comparisons per unmatched key by the blocking limit (no all-pairs)', () => {
    const { result, unmatched } = run(20_000);
    const perKey = 2 * DEFAULT_RECONCILE_RULES.nameProposals.maxAccountsPerToken;
    expect(result.stats.nameComparisons).to.be.above(0).and.at.most(unmatched * perKey);
    // All pairs would be unmatched × accounts = 4·10^7; blocking keeps it to a handful per key.
    expect(result.stats.nameComparisons).to.be.below(unmatched * 10);
  });

  it('grows linearly: twice the accounts and keys, about twice the comparisons', () => {
    const small = run(10_000).result.stats.nameComparisons;
    const large = run(20_000).result.stats.nameComparisons;
    expect(large / small).to.be.within(1.5, 2.5);
  });
});
