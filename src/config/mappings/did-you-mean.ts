/**
 * "Did you mean …" for names an admin mistyped: case-insensitive edit distance (a swap of two
 * neighbours counts as one edit) with a bound that grows with the name, ignoring the __c
 * suffix and underscores, because the common slips are `ARR_c`, `RenewalDate__c`, `form:`.
 * Only the closest candidates are offered.
 */
const editDistance = (a: string, b: string): number => {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
};

const stem = (name: string): string => name.toLowerCase().replace(/_+c$/, '').replace(/_/g, '');

/** One name containing the other (`Renewal` in `Renewal_Date__c`) ranks just behind one edit. */
const score = (wanted: string, candidate: string): number => {
  const distance = editDistance(wanted, candidate);
  const contains = Math.min(wanted.length, candidate.length) >= 4 && (wanted.includes(candidate) || candidate.includes(wanted));
  return contains ? Math.min(distance, 1.5) : distance;
};

export const suggestSimilar = (wanted: string, candidates: readonly string[], limit = 3): string[] => {
  const target = stem(wanted);
  const bound = Math.max(2, Math.floor(target.length / 3));
  const scored = candidates.map((name) => ({ name, score: score(target, stem(name)) })).filter((c) => c.score <= bound);
  const best = Math.min(...scored.map((c) => c.score));
  return scored.filter((c) => c.score === best).map((c) => c.name).sort().slice(0, limit);
};

export const didYouMean = (wanted: string, candidates: readonly string[]): string => {
  const similar = suggestSimilar(wanted, candidates);
  return similar.length === 0 ? '' : ` (did you mean ${similar.join(' or ')}?)`;
};
