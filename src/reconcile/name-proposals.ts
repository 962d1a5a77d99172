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
  /**
   * The usage names `propose` will be asked about, when known. The index then keeps only the
   * names and tokens these contain: for 100k accounts and the ~2.6k names bench/usage leaves
   * unlinked, 6 MB held instead of 34 MB (which the collector copied). A name outside them still
   * gets its proposals, from a full index built then.
   */
  expectedNames?: Iterable<string | null>;
};

/** The normalized names and tokens an index keeps (null: all of them). */
type IndexScope = { keys: Set<string>; tokens: Set<string> } | null;

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
  /** Normalized names of the accounts in some token's postings: the only ones ever compared. */
  const keys: (string | undefined)[] = new Array(accounts.length);
  let byKey = new Map<string, number[]>();
  let byToken = new Map<string, number[]>();
  let scope: IndexScope | undefined;
  const inScope = (within: IndexScope, name: CompanyName): boolean =>
    within === null || (within.keys.has(name.key) && name.tokens.every((t) => within.tokens.has(t)));

  const expected = (): IndexScope => {
    if (options.expectedNames === undefined) return null;
    const within = { keys: new Set<string>(), tokens: new Set<string>() };
    for (const usageName of options.expectedNames) {
      const name = normalizeCompanyName(usageName, suffixes);
      if (name === null) continue;
      within.keys.add(name.key);
      for (const token of name.tokens) within.tokens.add(token);
    }
    return within;
  };

  // Built on the first proposal: a run where every key matched never pays for it.
  const index = (within: IndexScope): void => {
    scope = within;
    byKey = new Map();
    byToken = new Map();
    accounts.forEach((account, i) => {
      const name = normalizeCompanyName(account.name, suffixes);
      if (name === null) return;
      if (within === null || within.keys.has(name.key)) {
        const same = byKey.get(name.key);
        if (same) same.push(i);
        else byKey.set(name.key, [i]);
      }
      name.tokens.forEach((token, at) => {
        if (name.tokens.indexOf(token) !== at || (within !== null && !within.tokens.has(token))) return;
        keys[i] = name.key;
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
    if (scope === undefined) {
      const within = expected();
      index(inScope(within, name) ? within : null);
    } else if (!inScope(scope, name)) index(null);
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
          const other = keys[i] as string;
          if (seen.has(i) || other === name.key) continue;
          seen.add(i);
          const theirs = (trigrams[i] ??= trigramsOf(other));
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
