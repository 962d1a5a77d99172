import type { MismatchClass } from '../../reconcile/key-mismatch-report.ts';

/** How each class is introduced to a data owner: a title and what it means for them. */
export const CLASS_LABELS: Readonly<Record<MismatchClass, { title: string; meaning: string }>> = {
  'key-conflict': {
    title: 'Key conflicts',
    meaning: 'One product key is on several live accounts. Sextant links it to none of them rather than guess, so their usage is missing from health scores.',
  },
  'customer-without-usage': {
    title: 'Customers without usage',
    meaning: 'Customers (by status or ARR) with no product usage under any linked key. Either they really do not use the product, or their key is missing or wrong.',
  },
  'unmatched-usage-key': {
    title: 'Unmatched usage keys',
    meaning: 'Product tenants with activity that no account claims. Largest usage first: these are often customers whose key was never entered.',
  },
  'ambiguous-domain': {
    title: 'Ambiguous domains',
    meaning: 'A usage domain equals the website of several accounts, so the domain cannot tell which account the usage belongs to.',
  },
  'duplicate-keys': {
    title: 'Duplicate keys',
    meaning: 'Several usage keys are linked to one account. Usage is summed, but the product holds the customer in more than one tenant or spelling.',
  },
  'name-proposal': {
    title: 'Name proposals',
    meaning: 'Unmatched keys whose company name resembles an account. Never applied automatically: confirm one by adding an override.',
  },
  'broken-merge': {
    title: 'Broken merges',
    meaning: 'Merged-away accounts whose MasterRecordId chain leads to no live account, so their keys link nowhere.',
  },
  'invalid-override': {
    title: 'Invalid overrides',
    meaning: 'Lines of the overrides file that were not applied: the account is unknown or deleted, or the key is listed twice.',
  },
};
