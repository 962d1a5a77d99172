import type { HealthColour, MeasureKind } from '../domain/health.ts';

/**
 * The health model as the engine uses it: rules/health.yaml after validation, with every
 * scheme's `extends` resolved into complete measure definitions (see resolve-schemes.ts).
 */

/**
 * A range of values with each edge stated: `{ gte: 8, lte: 21 }` is 8 to 21 inclusive,
 * `{ gt: 21 }` is above 21. A missing side is unbounded.
 */
export type Interval = { gt?: number; gte?: number; lt?: number; lte?: number };

export type Bands = Partial<Record<HealthColour, Interval>>;

/** A status value's colour; `na` leaves the measure out of the score. */
export type StatusColour = HealthColour | 'na';

/** A scalar an adjustment condition compares a signal with. */
export type ConditionValue = string | number | boolean;

/**
 * Changes a measure's colour when conditions hold (all of them): "a renewal opportunity
 * lifts yellow to green". Without `to` it only adds its note ("no renewal plan").
 */
export type Adjustment = {
  /** Colours it applies to; null = any colour. */
  from: HealthColour[] | null;
  to: HealthColour | null;
  /** Signal name (or otherMeasuresRed) → the value it must have. */
  when: Record<string, ConditionValue>;
  note: string;
};

export type MeasureDefinition = {
  key: string;
  label: string;
  kind: MeasureKind;
  /** The signal read; null for manual measures (a CSM sets their value). */
  source: string | null;
  weight: number;
  owner: string;
  category: string | null;
  /** Numeric kinds, and manual measures whose values are numbers. */
  bands: Bands | null;
  /** Status kind: value → colour. */
  values: Record<string, StatusColour> | null;
  /** Days-since kind: colour when the event is not on record (NEVER). */
  never: StatusColour;
  /** Ratio-to-target: the signal is divided by this (the signal is already a ratio when null). */
  target: number | null;
  /** Numeric-threshold: how the number reads ('tickets'); null for none. */
  unit: string | null;
  /** Status kind: a second signal quoted in the text, e.g. NPS score → "(score 3)". */
  detail: { signal: string; label: string } | null;
  adjust: Adjustment[];
  /** Manual kind: an expired value is shown as stale and left out (`exclude`) or still scored (`keep`). */
  whenStale: 'exclude' | 'keep';
  /** When this measure is red the score is at most this (a red no weighting may outvote); null for none. */
  capScoreWhenRed: number | null;
};

export type CombineMode = 'measures' | 'categories';

export type Scheme = {
  name: string;
  description: string | null;
  combine: CombineMode;
  /** Category → weight; used when combine is 'categories'. */
  categories: Record<string, number>;
  /** Enabled measures, in file order. */
  measures: MeasureDefinition[];
};

/** First match wins; every condition given must hold. An entry without `when` always matches. */
export type SchemeSelector = {
  scheme: string;
  when: { segment: string[] | null; stage: string[] | null; daysSinceGoLive: Interval | null } | null;
};

export type SignalSettings = {
  /** Feature names as the warehouse rollup's `feature_<name>` columns spell them. */
  coreFeatures: string[];
  adoption: { windowDays: number; targetFeatures: number };
  activity: { metric: 'events' | 'logins' | 'activeUsers'; recentDays: number; baselineDays: number; minBaselineDays: number };
  engagement: { windowDays: number };
  /** Opportunity types that count as a renewal plan when open (compared case-insensitively). */
  renewalOpportunityTypes: string[];
  /** An NPS response older than this counts as no response. */
  npsMaxAgeDays: number;
};

export type HealthRules = {
  version: 1;
  signals: SignalSettings;
  /**
   * bands: over the whole-number score 0–100. minScoredWeightPct: below this share of the
   * scheme's weight with data there is no score (one NPS answer alone must not colour an account).
   */
  overall: { bands: Bands; minScoredWeightPct: number };
  trend: { windowDays: number; flatWithin: number };
  alerts: { churnWarning: { activityDropPct: number }; engagementAlert: { belowPct: number } };
  schemes: Record<string, Scheme>;
  selection: SchemeSelector[];
};

export const POINTS: Record<HealthColour, number> = { green: 100, yellow: 50, red: 0 };
