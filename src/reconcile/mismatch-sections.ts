import type { ReconcileAccount } from './reconcile-account.ts';
import type { UsageAccount } from '../domain/usage.ts';
import { accountId18 } from './account-graph.ts';
import type { AccountRef, MismatchClass, MismatchRow, MismatchSection, RowOf, UsageRef } from './key-mismatch-report.ts';

export const arrOf = (account: ReconcileAccount): number => Math.max(0, account.arr ?? 0);

export const accountRef = (account: ReconcileAccount): AccountRef => ({
  accountId: accountId18(account), accountName: account.name, arr: arrOf(account), status: account.status, segment: account.segment,
});

export const usageRef = (usage: UsageAccount): UsageRef => ({
  accountKey: usage.accountKey, domain: usage.domain, name: usage.name, events: usage.events, lastDay: usage.lastDay,
});

export const totalEvents = (usage: readonly UsageRef[]): number => usage.reduce((sum, u) => sum + u.events, 0);

/** The accounts a row is about, for "ARR affected": an account named twice counts once. */
export const accountsOfRow = (row: MismatchRow): AccountRef[] => {
  switch (row.class) {
    case 'key-conflict':
    case 'ambiguous-domain':
      return row.accounts;
    case 'customer-without-usage':
    case 'duplicate-keys':
    case 'name-proposal':
    case 'broken-merge':
      return [row.account];
    case 'invalid-override':
      return row.survivor ? [row.survivor] : [];
    case 'unmatched-usage-key':
      return [];
  }
};

/** A stable last tie-break, so equal rows keep one order run after run. */
const tieKey = (row: MismatchRow): string => {
  switch (row.class) {
    case 'key-conflict':
      return row.key;
    case 'ambiguous-domain':
      return row.domain;
    case 'unmatched-usage-key':
    case 'name-proposal':
      return row.usage.accountKey;
    case 'invalid-override':
      return `${row.accountKey}\u0000${row.source ?? ''}`;
    default:
      return row.account.accountId;
  }
};

/** Worst first: the ARR a fix unblocks, then how much usage is misplaced. */
export const worstFirst = (a: MismatchRow, b: MismatchRow): number => {
  if (a.arr !== b.arr) return b.arr - a.arr;
  if (a.events !== b.events) return b.events - a.events;
  const x = tieKey(a);
  const y = tieKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const sectionOf = <C extends MismatchClass>(rows: RowOf<C>[]): MismatchSection<C> => {
  const distinct = new Map<string, number>();
  for (const row of rows) for (const a of accountsOfRow(row)) distinct.set(a.accountId, a.arr);
  let arr = 0;
  for (const value of distinct.values()) arr += value;
  return {
    count: rows.length,
    arr,
    events: rows.reduce((sum, r) => sum + r.events, 0),
    rows: [...rows].sort(worstFirst),
  };
};
