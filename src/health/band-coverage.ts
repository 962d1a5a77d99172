import type { HealthColour } from '../domain/health.ts';
import { describeInterval, formatNumber } from './bands.ts';
import type { Bands, Interval } from './health-rules.ts';

/**
 * Checks a measure's bands the way a reviewer would: no value may match two colours, and no
 * value the signal can take may match none. DOMAIN.md's own last-login table (green < 7,
 * yellow 8–21) leaves exactly 7 days uncovered; this check is what catches such a gap.
 *
 * `integer`: the signal only takes whole numbers (days, counts), so `{ lte: 7 }` followed by
 * `{ gte: 8 }` leaves no gap. `min`/`max`: the values the signal can take (days since ≥ 0).
 */
export type BandDomain = { integer: boolean; min: number | null; max: number | null };

export type BandProblem = { colour: HealthColour | null; message: string };

type Span = { colour: HealthColour; lo: number; loInc: boolean; hi: number; hiInc: boolean };

const spanOf = (colour: HealthColour, iv: Interval): Span => ({
  colour,
  lo: iv.gte ?? iv.gt ?? -Infinity,
  loInc: iv.gte !== undefined,
  hi: iv.lte ?? iv.lt ?? Infinity,
  hiInc: iv.lte !== undefined,
});

/** Whole numbers strictly between the covered edge (c) and the next lower edge (l). */
const integerGap = (c: number, cInc: boolean, l: number, lInc: boolean): [number, number] | null => {
  if (c === Infinity || l === -Infinity) return null;
  const from = cInc ? Math.floor(c) + 1 : Math.ceil(c);
  const to = lInc ? Math.ceil(l) - 1 : Math.floor(l);
  return from <= to ? [from, to] : null;
};

const gapText = (c: number, cInc: boolean, l: number, lInc: boolean, domain: BandDomain, unit: string): string | null => {
  if (domain.integer) {
    const gap = integerGap(c, cInc, l, lInc);
    if (gap === null) return null;
    const iv: Interval = {};
    if (gap[0] !== -Infinity) iv.gte = gap[0];
    if (gap[1] !== Infinity) iv.lte = gap[1];
    return describeInterval(iv, unit);
  }
  if (!(c < l || (c === l && !cInc && !lInc))) return null;
  const iv: Interval = {};
  if (c !== -Infinity) iv[cInc ? 'gt' : 'gte'] = c;
  if (l !== Infinity) iv[lInc ? 'lt' : 'lte'] = l;
  return describeInterval(iv, unit);
};

export const bandProblems = (bands: Bands, domain: BandDomain, unit: string): BandProblem[] => {
  const spans = (Object.entries(bands) as [HealthColour, Interval][]).map(([colour, iv]) => spanOf(colour, iv));
  const problems: BandProblem[] = [];
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!;
      const b = spans[j]!;
      const [lo, loInc] = a.lo > b.lo ? [a.lo, a.loInc] : b.lo > a.lo ? [b.lo, b.loInc] : [a.lo, a.loInc && b.loInc];
      const [hi, hiInc] = a.hi < b.hi ? [a.hi, a.hiInc] : b.hi < a.hi ? [b.hi, b.hiInc] : [a.hi, a.hiInc && b.hiInc];
      if (lo < hi || (lo === hi && loInc && hiInc)) {
        const where = lo === hi ? formatNumber(lo) : describeInterval({ [loInc ? 'gte' : 'gt']: lo, [hiInc ? 'lte' : 'lt']: hi }, unit);
        problems.push({ colour: b.colour, message: `${a.colour} and ${b.colour} bands overlap: both match ${where}` });
      }
    }
  }
  if (problems.length > 0) return problems;

  spans.sort((a, b) => a.lo - b.lo || Number(b.loInc) - Number(a.loInc));
  // Covered so far: everything below c (c itself when cInc).
  let c = domain.min ?? -Infinity;
  let cInc = domain.min === null;
  const gaps: string[] = [];
  for (const s of spans) {
    const gap = gapText(c, cInc, s.lo, s.loInc, domain, unit);
    if (gap !== null) gaps.push(gap);
    if (s.hi > c || (s.hi === c && s.hiInc && !cInc)) {
      c = s.hi;
      cInc = s.hiInc;
    }
  }
  const top = domain.max ?? Infinity;
  const gap = gapText(c, cInc, top, domain.max === null, domain, unit);
  if (gap !== null) gaps.push(gap);
  for (const g of gaps) problems.push({ colour: null, message: `no band matches ${g}: every value needs exactly one colour` });
  return problems;
};
