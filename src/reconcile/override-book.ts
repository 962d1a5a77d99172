import type { ReconcileAccount } from './reconcile-account.ts';
import type { KeyOverride } from '../domain/identity.ts';
import { accountId18, type AccountGraph } from './account-graph.ts';
import type { InvalidOverrideRow } from './key-mismatch-report.ts';
import { accountRef, arrOf } from './mismatch-sections.ts';
import { normalizeKey, recordId18 } from './normalize-key.ts';

/** An override as read from a file: `source` says where ('overrides.csv:12') for the report. */
export type OverrideEntry = KeyOverride & { source?: string };

export type OverrideDecision =
  | { kind: 'link'; account: ReconcileAccount; entry: OverrideEntry }
  | { kind: 'ignore'; entry: OverrideEntry };

/**
 * The data owner's decisions, checked against the CRM before any is applied: an override that
 * names an unknown or deleted account is reported and not applied (the key then goes through
 * the automatic rules), so a stale file never links usage to a dead record.
 */
export type OverrideBook = {
  lookup: (normalizedKey: string | null) => OverrideDecision | undefined;
  invalid: InvalidOverrideRow[];
};

export const buildOverrideBook = (entries: readonly OverrideEntry[], graph: AccountGraph): OverrideBook => {
  const folded = new Map<string, OverrideDecision>();
  const invalid: OverrideBook['invalid'] = [];
  const reject = (entry: OverrideEntry, problem: InvalidOverrideRow['problem'], survivor: ReconcileAccount | null = null): void => {
    invalid.push({
      class: 'invalid-override', accountKey: entry.accountKey, accountId: 'accountId' in entry ? entry.accountId : '',
      problem, survivor: survivor ? accountRef(survivor) : null, arr: survivor ? arrOf(survivor) : 0, events: 0, note: entry.note ?? null, source: entry.source ?? null,
    });
  };

  for (const entry of entries) {
    const key = normalizeKey(entry.accountKey);
    if (key === null) {
      reject(entry, 'blank-key');
      continue;
    }
    // Two decisions for one key: the first written wins, the later one is reported.
    if (folded.has(key)) {
      reject(entry, 'duplicate-override');
      continue;
    }
    let decision: OverrideDecision;
    if ('ignore' in entry) decision = { kind: 'ignore', entry };
    else {
      const id = recordId18(entry.accountId);
      const account = id === null ? undefined : graph.byId18.get(id);
      if (!account) {
        reject(entry, 'unknown-account');
        continue;
      }
      if (account.isDeleted) {
        const survivor = graph.survivorOf.get(accountId18(account));
        reject(entry, 'deleted-account', survivor ?? null);
        continue;
      }
      decision = { kind: 'link', account, entry };
    }
    folded.set(key, decision);
  }

  return {
    // Matched like product keys (case/space-normalized): a data owner copies keys from Excel.
    lookup: (normalized) => (normalized === null ? undefined : folded.get(normalized)),
    invalid,
  };
};
