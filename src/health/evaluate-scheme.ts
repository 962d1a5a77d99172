import type { CategoryScore, ScoreCap } from '../domain/health.ts';
import type { AccountSignals } from './derive-signals.ts';
import { applyAdjustments, baseOutcome, dependsOnOthers, type MeasureOutcome } from './evaluate-measure.ts';
import type { Scheme } from './health-rules.ts';

export type SchemeEvaluation = {
  /** Parallel to scheme.measures. */
  outcomes: MeasureOutcome[];
  /** Each measure's share of the score; 0 for measures not scored. */
  shares: number[];
  categories: CategoryScore[];
  /** Whole number 0–100 (rounded half up); null when too little of the model has data. */
  score: number | null;
  cap: ScoreCap | null;
  /** Share of the scheme's measure weight that has data, 0–1. */
  coverage: number;
};

const isScored = (o: MeasureOutcome, weight: number): boolean => o.points !== null && weight > 0;

/**
 * Evaluates every measure of a scheme and combines them. Adjustments that look at the other
 * measures ("red only with risk") see the others' colours from a first pass, so the result
 * does not depend on measure order.
 *
 * measures mode: score = Σ weight × points / Σ weight over measures with data.
 * categories mode: a category's score is the weighted mean of its measures with data; the
 * score is the category-weighted mean over categories with data. Weights renormalize over
 * what has data in both modes, and each measure's share reflects that. When the measures with
 * data carry less than `minScoredWeightPct` of the scheme's weight there is no score at all.
 */
export const evaluateScheme = (scheme: Scheme, signals: AccountSignals, minScoredWeightPct = 0): SchemeEvaluation => {
  const defs = scheme.measures;
  const bases = defs.map((def) => baseOutcome(def, signals));
  const first = defs.map((def, i) => applyAdjustments(def, bases[i]!, signals));
  const outcomes = defs.map((def, i) => {
    if (!dependsOnOthers(def)) return first[i]!;
    const otherRed = first.some((o, j) => j !== i && o.colour === 'red');
    return applyAdjustments(def, bases[i]!, signals, otherRed);
  });

  const shares = new Array<number>(defs.length).fill(0);
  const categories: CategoryScore[] = [];
  let score: number | null = null;
  if (scheme.combine === 'measures') {
    let total = 0;
    let sum = 0;
    for (let i = 0; i < defs.length; i++) {
      if (!isScored(outcomes[i]!, defs[i]!.weight)) continue;
      total += defs[i]!.weight;
      sum += defs[i]!.weight * outcomes[i]!.points!;
    }
    if (total > 0) {
      score = Math.round(sum / total);
      for (let i = 0; i < defs.length; i++) if (isScored(outcomes[i]!, defs[i]!.weight)) shares[i] = defs[i]!.weight / total;
    }
  } else {
    let catTotal = 0;
    let catSum = 0;
    const inCategory = new Map<string, { total: number; members: number[] }>();
    for (const [name, weight] of Object.entries(scheme.categories)) {
      let total = 0;
      let sum = 0;
      const members: number[] = [];
      defs.forEach((def, i) => {
        if (def.category !== name || !isScored(outcomes[i]!, def.weight)) return;
        total += def.weight;
        sum += def.weight * outcomes[i]!.points!;
        members.push(i);
      });
      const catScore = total > 0 ? sum / total : null;
      inCategory.set(name, { total, members });
      categories.push({ name, weight, normalizedWeight: 0, score: catScore === null ? null : Math.round(catScore * 100) / 100 });
      if (catScore !== null && weight > 0) {
        catTotal += weight;
        catSum += weight * catScore;
      }
    }
    if (catTotal > 0) {
      score = Math.round(catSum / catTotal);
      for (const c of categories) {
        if (c.score === null || c.weight === 0) continue;
        c.normalizedWeight = c.weight / catTotal;
        const { total, members } = inCategory.get(c.name)!;
        for (const i of members) shares[i] = c.normalizedWeight * (defs[i]!.weight / total);
      }
    }
  }
  let weightAll = 0;
  let weightScored = 0;
  for (let i = 0; i < defs.length; i++) {
    weightAll += defs[i]!.weight;
    if (isScored(outcomes[i]!, defs[i]!.weight)) weightScored += defs[i]!.weight;
  }
  const coverage = weightAll === 0 ? 0 : Math.round((weightScored / weightAll) * 10_000) / 10_000;
  if (coverage * 100 < minScoredWeightPct) {
    score = null;
    shares.fill(0);
    for (const c of categories) c.normalizedWeight = 0;
  }
  // A red measure with a cap holds the score down, whatever the others weigh (the lowest cap wins).
  let cap: ScoreCap | null = null;
  if (score !== null) {
    const uncappedScore = score;
    for (let i = 0; i < defs.length; i++) {
      const at = defs[i]!.capScoreWhenRed;
      if (at === null || outcomes[i]!.colour !== 'red' || at >= score) continue;
      cap = { measure: defs[i]!.key, at, uncappedScore };
      score = at;
    }
  }
  return { outcomes, shares, categories, score, cap, coverage };
};
