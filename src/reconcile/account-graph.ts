import type { ReconcileAccount } from './reconcile-account.ts';
import { isFreeMailDomain, normalizeDomain } from './normalize-domain.ts';
import { normalizeKey, recordId18 } from './normalize-key.ts';

/** Why a merged-away account's keys could not move to a live survivor. */
export type MergeProblem = 'merge-loop' | 'survivor-missing' | 'survivor-deleted';
export type BrokenMerge = { loser: ReconcileAccount; masterRecordId: string; problem: MergeProblem; chain: string[] };

/** Who a key belongs to: the live account, and the merged-away account that held it, if any. */
export type KeyOwner = { account: ReconcileAccount; heldBy: ReconcileAccount };

/**
 * The CRM side, indexed once so each usage key costs a few Map lookups (100k × 100k must stay
 * linear). Keys of merged-away accounts (Salesforce sets IsDeleted and MasterRecordId on the
 * loser) are owned by the survivor at the end of the MasterRecordId chain.
 */
export type AccountGraph = {
  byId18: Map<string, ReconcileAccount>;
  live: ReconcileAccount[];
  /** Live survivor of each merged-away account whose chain resolves. */
  survivorOf: Map<string, ReconcileAccount>;
  brokenMerges: BrokenMerge[];
  /** Normalized product key → its distinct live owners (two or more = conflict). */
  productKeys: Map<string, KeyOwner[]>;
  /** Product keys of deleted accounts that reach no live account: hints for unmatched rows. */
  deadKeys: Map<string, ReconcileAccount>;
  /** Normalized website domain → live accounts (free-mail domains left out). */
  domains: Map<string, ReconcileAccount[]>;
};

/**
 * Stored account ids are the API's 18-char form (crm-records.ts), taken as they are: re-deriving
 * the suffix for every account of every run costs more than all the Map lookups together.
 */
export const accountId18 = (account: ReconcileAccount): string => (account.id.length === 18 ? account.id : (recordId18(account.id) ?? account.id));

const resolveSurvivors = (byId18: Map<string, ReconcileAccount>, accounts: readonly ReconcileAccount[]) => {
  const survivorOf = new Map<string, ReconcileAccount>();
  const brokenMerges: BrokenMerge[] = [];
  for (const loser of accounts) {
    if (!loser.isDeleted || loser.masterRecordId === null) continue;
    const chain: string[] = [accountId18(loser)];
    let next: string = recordId18(loser.masterRecordId) ?? loser.masterRecordId;
    let problem: MergeProblem | null = null;
    let survivor: ReconcileAccount | null = null;
    // Chains come from merging an already-merged duplicate again; real ones are 1–3 long.
    for (;;) {
      const looped = chain.includes(next);
      chain.push(next);
      if (looped) {
        problem = 'merge-loop';
        break;
      }
      const known = survivorOf.get(next);
      if (known) {
        survivor = known;
        break;
      }
      const account = byId18.get(next);
      if (!account) {
        problem = 'survivor-missing';
        break;
      }
      if (!account.isDeleted) {
        survivor = account;
        break;
      }
      if (account.masterRecordId === null) {
        problem = 'survivor-deleted';
        break;
      }
      next = recordId18(account.masterRecordId) ?? account.masterRecordId;
    }
    if (survivor) survivorOf.set(chain[0] as string, survivor);
    else brokenMerges.push({ loser, masterRecordId: loser.masterRecordId, problem: problem ?? 'survivor-missing', chain });
  }
  return { survivorOf, brokenMerges };
};

export const buildAccountGraph = (accounts: readonly ReconcileAccount[], freeMail: ReadonlySet<string>): AccountGraph => {
  const byId18 = new Map<string, ReconcileAccount>();
  for (const account of accounts) byId18.set(accountId18(account), account);
  const live = accounts.filter((a) => !a.isDeleted);
  const { survivorOf, brokenMerges } = resolveSurvivors(byId18, accounts);

  const productKeys = new Map<string, KeyOwner[]>();
  const deadKeys = new Map<string, ReconcileAccount>();
  for (const heldBy of accounts) {
    const key = normalizeKey(heldBy.productKey);
    if (key === null) continue;
    const owner = heldBy.isDeleted ? survivorOf.get(accountId18(heldBy)) : heldBy;
    if (!owner) {
      deadKeys.set(key, heldBy);
      continue;
    }
    const owners = productKeys.get(key);
    const same = owners?.find((o) => o.account === owner);
    if (!owners) productKeys.set(key, [{ account: owner, heldBy }]);
    else if (!same) owners.push({ account: owner, heldBy });
    // A survivor that also holds its loser's key is one owner, not a conflict; credit its own field.
    else if (owner === heldBy) same.heldBy = heldBy;
  }

  const domains = new Map<string, ReconcileAccount[]>();
  for (const account of live) {
    const domain = normalizeDomain(account.website);
    if (domain === null || isFreeMailDomain(domain, freeMail)) continue;
    const list = domains.get(domain);
    if (list) list.push(account);
    else domains.set(domain, [account]);
  }
  return { byId18, live, survivorOf, brokenMerges, productKeys, deadKeys, domains };
};

/** The live account an account id belongs to (itself, or its merge survivor), or null. */
export const liveOwnerOf = (graph: AccountGraph, account: ReconcileAccount): ReconcileAccount | null =>
  account.isDeleted ? (graph.survivorOf.get(accountId18(account)) ?? null) : account;
