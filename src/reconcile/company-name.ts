/**
 * Company names as two systems spell them ('Stem Corp' in the CRM, 'STEM Corporation Inc.' in
 * the product) reduced to comparable tokens, and a similarity score between them.
 *
 * Score: the Dice coefficient of the names' character-trigram sets (2·|A∩B| / (|A|+|B|)) on the
 * normalized form. Trigrams tolerate typos and token order ('Acme Systems' vs 'Acme System'
 * ≈ 0.9) where exact token overlap would not, and they are cheap to compare as sorted numbers.
 * The threshold lives in rules/reconcile.yaml (default 0.8). Measured: it keeps legal-form and
 * plural drift ('Stem Corp' vs 'STEM Corporation Inc.' 1.0, 'Blue Ocean Labs' vs 'Blue Ocean
 * Lab' 0.90, 'Acme Systems' vs 'Acme System' 0.87) and rejects a name versus the same name
 * plus a word ('Northwind' vs 'Northwind Systems' 0.69) — and, the price, single-word typos
 * ('Northwind' vs 'Nortwind' 0.71). It only ever makes proposals: a miss costs a data owner
 * a look, never a wrong link.
 */
export type CompanyName = {
  /** Tokens after folding and removing legal suffixes; never empty for a non-blank name. */
  tokens: string[];
  /** tokens joined by one space: equal keys mean "the same name". */
  key: string;
};

const ASCII = /^[\x00-\x7F]*$/;
const MARKS = /\p{M}+/gu;
const AMPERSAND = /&/g;
/** Dots join ('S.A.' → 'sa', 'Co.' → 'co'); apostrophes join ("O'Neil" → 'oneil'). */
const JOINERS = /[.'’`]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

export const normalizeCompanyName = (name: string | null | undefined, legalSuffixes: ReadonlySet<string>): CompanyName | null => {
  if (name === null || name === undefined) return null;
  // Accents are folded only where there are any: most names are ASCII.
  const plain = ASCII.test(name) ? name : name.normalize('NFKD').replace(MARKS, '');
  const folded = plain.toLowerCase().replace(AMPERSAND, ' and ').replace(JOINERS, '');
  const all = folded.split(SEPARATORS).filter((t) => t !== '');
  if (all.length === 0) return null;
  // Legal forms say nothing about which company it is; the first token is kept even when it
  // looks like one ('Co-op Bank', 'AS Roads'), and a leading 'the' is dropped.
  const start = all[0] === 'the' && all.length > 1 ? 1 : 0;
  const kept = all.filter((t, i) => i === start || (i > start && !legalSuffixes.has(t)));
  // 'Müller GmbH & Co. KG' leaves a dangling 'and' once the legal forms are gone.
  while (kept.length > 1 && kept[kept.length - 1] === 'and') kept.pop();
  return { tokens: kept, key: kept.join(' ') };
};

/** Sorted, distinct trigram codes of ' token token ' (padded so word edges count). */
export const trigramsOf = (key: string): Float64Array => {
  const s = ` ${key} `;
  const codes = new Set<number>();
  for (let i = 0; i + 2 < s.length; i++) {
    // Three UTF-16 units packed exactly into a double (≤ 2^48).
    codes.add(s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2));
  }
  return Float64Array.from(codes).sort();
};

/** Dice coefficient of two sorted trigram sets, 0..1. */
export const diceSimilarity = (a: Float64Array, b: Float64Array): number => {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
};

/** The best score two sets of these sizes could reach: skips comparisons that cannot pass. */
export const diceUpperBound = (sizeA: number, sizeB: number): number =>
  sizeA + sizeB === 0 ? 0 : (2 * Math.min(sizeA, sizeB)) / (sizeA + sizeB);

export const nameSimilarity = (a: CompanyName, b: CompanyName): number =>
  a.key === b.key ? 1 : diceSimilarity(trigramsOf(a.key), trigramsOf(b.key));
