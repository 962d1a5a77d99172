import type { MismatchClass, MismatchRow, UsageRef } from '../../reconcile/key-mismatch-report.ts';

/**
 * One report row as a data owner reads it: the flat columns of the CSV and of the HTML tables,
 * with what is wrong (detail) and what to do about it (suggested fix) in words.
 */
export type ProblemLine = {
  class: MismatchClass;
  accountKey: string;
  accountId: string;
  accountName: string;
  arr: number;
  usageEvents: number;
  lastActiveDay: string;
  detail: string;
  suggestedFix: string;
};

const q = (s: string): string => `'${s}'`;
const list = (items: readonly string[]): string => items.join('; ');
const latestDay = (usage: readonly UsageRef[]): string => usage.reduce((max, u) => (u.lastDay !== null && u.lastDay > max ? u.lastDay : max), '');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const OVERRIDE_FIX: Record<string, string> = {
  'unknown-account': 'Correct the account id: copy the 18-character Id from the account page in Salesforce.',
  'deleted-account': 'The account was deleted: point the override at the live account, or remove it.',
  'duplicate-override': 'Remove one of the overrides for this key (keys match ignoring case and spaces).',
  'blank-key': 'Fill in the account key, or delete the line.',
};

const MERGE_DETAIL: Record<string, (chain: string) => string> = {
  'merge-loop': (chain) => `MasterRecordId chain loops: ${chain}`,
  'survivor-missing': (chain) => `MasterRecordId chain ends at an account Sextant does not have: ${chain}`,
  'survivor-deleted': (chain) => `MasterRecordId chain ends at a deleted account: ${chain}`,
};

export const toProblemLine = (row: MismatchRow): ProblemLine => {
  const base = { class: row.class, arr: row.arr, usageEvents: row.events };
  switch (row.class) {
    case 'key-conflict':
      return {
        ...base, accountKey: row.usage.length > 0 ? list(row.usage.map((u) => u.accountKey)) : row.key,
        accountId: list(row.accounts.map((a) => a.accountId)), accountName: list(row.accounts.map((a) => a.accountName)),
        lastActiveDay: latestDay(row.usage),
        detail: `Product key ${q(row.accounts[0]?.productKey ?? row.key)} is on ${plural(row.accounts.length, 'live account')}; ${plural(row.usage.length, 'usage key')} with it linked to none of them.`,
        suggestedFix: 'Keep the key on the account that owns the product tenant and clear it on the others (or add an override for the usage key).',
      };
    case 'customer-without-usage': {
      const { account } = row;
      const detail = row.idleKeys.length > 0
        ? `Linked ${plural(row.idleKeys.length, 'key')} ${list(row.idleKeys.map(q))} had no events in the usage window.`
        : `No usage key linked (product key ${row.productKey === null ? 'empty' : q(row.productKey)}, website ${row.website ?? 'empty'}).`;
      const suggestedFix = row.proposedKeys.length > 0
        ? `${row.proposedKeys.length === 1 ? 'Usage key' : 'Usage keys'} ${list(row.proposedKeys.map(q))} ${row.proposedKeys.length === 1 ? 'has a similar name' : 'have similar names'}: if one is this customer, set it as the product key or add an override.`
        : row.productKey === null
          ? 'Enter the customer\'s product account key on the account (ask the product team for the tenant key).'
          : `Check that key ${q(row.productKey)} is the one the product uses for this customer.`;
      return { ...base, accountKey: row.productKey ?? '', accountId: account.accountId, accountName: account.accountName, lastActiveDay: '', detail, suggestedFix };
    }
    case 'unmatched-usage-key': {
      const { usage } = row;
      const parts = [`Usage name ${usage.name === null ? 'unknown' : q(usage.name)}, domain ${usage.domain ?? 'unknown'}`];
      if (row.freeMail) parts.push('free-mail domain: it cannot identify a company');
      if (row.deletedAccountId !== null) parts.push(`held by deleted account ${row.deletedAccountId}`);
      const suggestedFix = row.proposal !== null
        ? `Possibly ${row.proposal.accountName} ${row.proposal.accountId} (similar name, see Name proposals): set this key on it or add an override.`
        : row.deletedAccountId !== null
          ? 'The account holding this key was deleted: put the key on the live account, or ignore it with an override.'
          : row.freeMail
            ? 'Identify the customer from its users; link it with an override, or ignore it if it is not a customer (personal or trial use).'
            : 'Enter this key on the right account\'s product key, or add an override (action ignore for test and internal tenants).';
      return { ...base, accountKey: usage.accountKey, accountId: '', accountName: '', lastActiveDay: usage.lastDay ?? '', detail: `${parts.join('; ')}.`, suggestedFix };
    }
    case 'ambiguous-domain':
      return {
        ...base, accountKey: list(row.usage.map((u) => u.accountKey)), accountId: list(row.accounts.map((a) => a.accountId)),
        accountName: list(row.accounts.map((a) => a.accountName)), lastActiveDay: latestDay(row.usage),
        detail: `Domain ${row.domain} is the website of ${plural(row.accounts.length, 'account')}.`,
        suggestedFix: 'Enter the usage key as the product key of the right account, or add an override.',
      };
    case 'duplicate-keys': {
      const merged = row.keys.filter((k) => k.mergedFromId !== null);
      const how = (k: (typeof row.keys)[number]): string =>
        `${q(k.accountKey)} by ${k.rule.replace('-', ' ')}${k.mergedFromId === null ? '' : ` of merged account ${k.mergedFromId}`}, ${k.events} events`;
      return {
        ...base, accountKey: list(row.keys.map((k) => k.accountKey)), accountId: row.account.accountId, accountName: row.account.accountName,
        lastActiveDay: latestDay(row.keys),
        detail: `${plural(row.keys.length, 'usage key')} linked: ${list(row.keys.map(how))}.`,
        suggestedFix: row.sameKeyVariants
          ? 'The product spells one key several ways: fix the spelling in the product (usage is summed meanwhile).'
          : merged.length > 0
            ? 'The account was merged in Salesforce but the product still has a tenant for the merged-away duplicate: merge the tenants in the product (usage is summed meanwhile).'
            : 'The product has several tenants for this customer: merge them, or confirm with an override (usage is summed meanwhile).',
      };
    }
    case 'name-proposal': {
      const others = row.alternatives.map((a) => `${a.accountName} ${a.accountId} (${a.score})`);
      return {
        ...base, accountKey: row.usage.accountKey, accountId: row.account.accountId, accountName: row.account.accountName,
        lastActiveDay: row.usage.lastDay ?? '',
        detail: `Usage name ${q(row.usage.name ?? '')} resembles ${q(row.account.accountName)} (score ${row.score})${others.length > 0 ? `; also ${list(others)}` : ''}.`,
        suggestedFix: 'If right, enter the key as the account\'s product key or add an override. Not applied automatically.',
      };
    }
    case 'broken-merge':
      return {
        ...base, accountKey: row.productKey ?? '', accountId: row.account.accountId, accountName: row.account.accountName, lastActiveDay: '',
        detail: `${(MERGE_DETAIL[row.problem] ?? MERGE_DETAIL['survivor-missing']!)(row.chain.join(' → '))}.`,
        suggestedFix: 'Check the merge in Salesforce; until the chain reaches a live account, this account\'s keys link nowhere.',
      };
    case 'invalid-override':
      return {
        ...base, accountKey: row.accountKey, accountId: row.accountId, accountName: row.survivor?.accountName ?? '', lastActiveDay: '',
        detail: `Override ${row.source === null ? '' : `at ${row.source} `}not applied: ${row.problem.replace(/-/g, ' ')}${row.note === null ? '' : ` (note: ${row.note})`}.`,
        suggestedFix: row.survivor !== null ? `Point the override at the surviving account ${row.survivor.accountId}.` : (OVERRIDE_FIX[row.problem] ?? ''),
      };
  }
};
