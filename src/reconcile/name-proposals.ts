import type { ReconcileAccount } from './reconcile-account.ts';
import { diceSimilarity, diceUpperBound, normalizeCompanyName, trigramsOf, type CompanyName } from './company-name.ts';

export type NameCandidate = { account: ReconcileAccount; score: number };

export type NameProposer = {
  /** Best candidates first (at most 1 + alternatives), all at or above the threshold. */
  propose: (usageName: string | null) => NameCandidate[];
  /** Similarity computations so far: the test that proves blocking keeps this linear reads it. */
  comparisons: () => number;
};

export type NameProposerOptions = {
  threshold: number;
  legalSuffixes: readonly string[];
  maxAccountsPerToken: number;
  alternatives: number;
  /** Accounts that already have usage linked rank below equal-scoring ones that have none. */
  hasUsage: (account: ReconcileAccount) => boolean;
  isCustomer: (account: ReconcileAccount) => boolean;
};

/** Tokens used to pick candidates: the rarest two of the usage name's tokens. */
const BLOCKING_TOKENS = 2;

/**
 * Proposes CRM accounts for an unmatched usage name without comparing every pair: 100k
 * unmatched names × 100k accounts would be 10^10 comparisons. Candidates are (a) accounts whose
 * normalized name is identical (a Map lookup, no comparison), and (b) accounts sharing one of
 * the usage name's two rarest tokens, when that token is on at most `maxAccountsPerToken`
 * accounts. So each usage name costs at most 2 × maxAccountsPerToken comparisons: O(U·k), plus
 * O(A·tokens) to build the index. Names whose every token is common ('Global Solutions')
 * only get exact-name proposals.
 */
export const createNameProposer = (accounts: readonly ReconcileAccount[], options: NameProposerOptions): NameProposer => {
  const suffixes = new Set(options.legalSuffixes.map((s) => s.toLowerCase()));
  const trigrams: (Float64Array | undefined)[] = new Array(accounts.length);
  const names: (CompanyName | null)[] = [];
  const byKey = new Map<string, number[]>();
  const byToken = new Map<string, number[]>();
  let indexed = false;
  // Built on the first proposal: a run where every key matched never pays for it.
  const index = (): void => {
    indexed = true;
    accounts.forEach((account, i) => {
      const name = normalizeCompanyName(account.name, suffixes);
      names.push(name);
      if (name === null) return;
      const same = byKey.get(name.key);
      if (same) same.push(i);
      else byKey.set(name.key, [i]);
      name.tokens.forEach((token, at) => {
        if (name.tokens.indexOf(token) !== at) return;
        const list = byToken.get(token);
        // A list longer than the limit only says "too common": 'global' need not hold 100k entries.
        if (!list) byToken.set(token, [i]);
        else if (list.length <= options.maxAccountsPerToken) list.push(i);
      });
    });
  };

  // Among equal scores, the likelier owner of a stray usage key: one with no usage yet, a
  // customer rather than a prospect, the bigger ARR; then the id, so the choice is stable.
  const before = (a: ReconcileAccount, b: ReconcileAccount): number =>
    Number(options.hasUsage(a)) - Number(options.hasUsage(b))
    || Number(options.isCustomer(b)) - Number(options.isCustomer(a))
    || (b.arr ?? 0) - (a.arr ?? 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ranked = (x: NameCandidate, y: NameCandidate): number => y.score - x.score || before(x.account, y.account);

  // Sorted once per name: the same exact-name group can be hit by many usage keys.
  const exactCache = new Map<string, NameCandidate[]>();
  const keep = 1 + options.alternatives;
  const exactMatches = (key: string): NameCandidate[] => {
    let top = exactCache.get(key);
    if (!top) {
      top = (byKey.get(key) ?? []).map((i) => ({ account: accounts[i] as ReconcileAccount, score: 1 })).sort(ranked).slice(0, keep);
      exactCache.set(key, top);
    }
    return top;
  };

  let comparisons = 0;
  const propose = (usageName: string | null): NameCandidate[] => {
    const name = normalizeCompanyName(usageName, suffixes);
    if (name === null) return [];
    if (!indexed) index();
    const found = [...exactMatches(name.key)];
    const blocking = name.tokens
      .map((t) => ({ t, postings: byToken.get(t) }))
      .filter((b): b is { t: string; postings: number[] } => b.postings !== undefined && b.postings.length <= options.maxAccountsPerToken)
      .sort((a, b) => a.postings.length - b.postings.length)
      .slice(0, BLOCKING_TOKENS);
    if (blocking.length > 0) {
      const mine = trigramsOf(name.key);
      const seen = new Set<number>();
      for (const { postings } of blocking) {
        for (const i of postings) {
          const other = names[i] as CompanyName;
          if (seen.has(i) || other.key === name.key) continue;
          seen.add(i);
          const theirs = (trigrams[i] ??= trigramsOf(other.key));
          if (diceUpperBound(mine.length, theirs.length) < options.threshold) continue;
          comparisons++;
          const score = diceSimilarity(mine, theirs);
          if (score >= options.threshold) found.push({ account: accounts[i] as ReconcileAccount, score });
        }
      }
    }
    return found.sort(ranked).slice(0, keep);
  };
  return { propose, comparisons: () => comparisons };
};
