import type { CrmAccount } from '../../../../src/domain/crm-records.ts';
import { makeRecordId, to15 } from '../../../../src/domain/salesforce-id.ts';
import type { UsageAccount } from '../../../../src/domain/usage.ts';
import { DEFAULT_RECONCILE_RULES } from '../../../../src/config/rules/reconcile-rules.schema.ts';
import type { OverrideEntry } from '../../../../src/reconcile/override-book.ts';
import { reconcileKeys, type ReconcileResult } from '../../../../src/reconcile/reconcile-keys.ts';
import type { ReconcileRules } from '../../../../src/reconcile/reconcile-rules.ts';

export const AS_OF = '2026-05-01';

/** The n-th account's 18-char id. */
export const id = (n: number): string => makeRecordId('001', n);
export const id15 = (n: number): string => to15(id(n));

/** A live Active account with ARR n × 1000 and nothing to match on unless given. */
export const account = (n: number, fields: Partial<CrmAccount> = {}): CrmAccount => ({
  id: id(n), isDeleted: false, systemModstamp: '2026-04-01T00:00:00.000Z', extra: {},
  name: `Firm${n}`, parentId: null, masterRecordId: null, ownerId: null, csmId: null, arr: n * 1000,
  contractStartDate: null, renewalDate: null, status: 'Active', segment: 'SMB', industry: null,
  website: null, productKey: null, onboardingComplete: null, firstValueDate: null,
  ...fields,
});

export const usage = (accountKey: string, fields: Partial<UsageAccount> = {}): UsageAccount => ({
  accountKey, domain: null, name: null, events: 100, firstDay: '2026-02-01', lastDay: '2026-04-30', licenses: null,
  ...fields,
});

export const reconcile = (
  accounts: CrmAccount[],
  usageAccounts: UsageAccount[],
  overrides: OverrideEntry[] = [],
  rules: ReconcileRules = DEFAULT_RECONCILE_RULES,
): ReconcileResult => reconcileKeys({ accounts, usageAccounts, overrides, rules, asOf: AS_OF });

/** The link made for a usage key, as [rule, account id], or null. */
export const linkOf = (result: ReconcileResult, accountKey: string): [string, string] | null => {
  const link = result.links.find((l) => l.accountKey === accountKey);
  return link ? [link.rule, link.accountId] : null;
};
