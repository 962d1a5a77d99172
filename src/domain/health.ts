/** A measure's or a score's band. */
export type HealthColour = 'green' | 'yellow' | 'red';
export const HEALTH_COLOURS: readonly HealthColour[] = ['green', 'yellow', 'red'];

/**
 * A measure's state in a snapshot: a colour; `na` when it has no data (left out of the score,
 * and the snapshot says so); `stale` when it is a manual value past its expiry.
 */
export type MeasureColour = HealthColour | 'na' | 'stale';

/** How a measure turns its input into a colour (rules/health.yaml documents each). */
export type MeasureKind = 'days-since' | 'days-until' | 'ratio-to-target' | 'numeric-threshold' | 'status' | 'manual';

/** A measure's input as stored: days, percent, a count, a status word, a flag. */
export type MeasureInput = number | string | boolean | null;

/** One measure of one snapshot: everything needed to explain its part in the score. */
export type MeasureScore = {
  key: string;
  label: string;
  kind: MeasureKind;
  /** The signal it read ('daysSinceLastLogin'); 'manual' for a value a CSM set. */
  source: string;
  value: MeasureInput;
  /** 'days', '%', 'count', 'status', 'colour' or the unit the rules give. */
  unit: string;
  /** The value as it reads in a sentence: "34 days ago", "detractor (score 3)". */
  valueText: string;
  colour: MeasureColour;
  /** For a stale manual value: the colour it had before it expired. */
  expiredColour: HealthColour | null;
  /** 100 green, 50 yellow, 0 red; null when the measure is not in the score. */
  points: number | null;
  weight: number;
  /** This measure's share of the score (0 when not scored); the shares of a snapshot sum to 1. */
  normalizedWeight: number;
  category: string | null;
  /** The threshold that matched, in words: "red: 22 days or more". */
  band: string;
  /** What the rules' adjustments said ("no renewal plan"), or null. */
  note: string | null;
  owner: string;
};

/** A category's part in a category-weighted scheme (engagement 50 / support 30 / usage 20). */
export type CategoryScore = {
  name: string;
  weight: number;
  normalizedWeight: number;
  /** Weighted mean of its scored measures' points; null when none of them has data. */
  score: number | null;
};

export type TrendDirection = 'up' | 'down' | 'flat' | 'no-comparison';

/** Score against the snapshot N days earlier (not the previous run). */
export type HealthTrend = {
  direction: TrendDirection;
  windowDays: number;
  /** asOf of the snapshot compared with; null when there is none. */
  comparedWith: string | null;
  previousScore: number | null;
  delta: number | null;
};

/** Activity down at least the configured share against the account's own baseline. */
export type ChurnWarning = {
  active: boolean;
  /** Recent activity vs baseline in percent (-45 = 45% below); null without a baseline. */
  activityChangePct: number | null;
  thresholdPct: number;
};

export type EngagementAlert = {
  active: boolean;
  engagementPct: number | null;
  belowPct: number;
};

export type ScoreCap = { measure: string; at: number; uncappedScore: number };

export type HealthSnapshot = {
  accountId: string;
  accountName: string | null;
  /** ISO-8601 UTC instant the snapshot describes; usage of its UTC day counts as complete. */
  asOf: string;
  scheme: string;
  /** Why this scheme: "segment SMB", "stage Implementation", "default". */
  schemeReason: string;
  combine: 'measures' | 'categories';
  /** Empty unless the scheme combines by category. */
  categories: CategoryScore[];
  measures: MeasureScore[];
  /** 0–100, a whole number; null when no measure (or too little of the model) has data. */
  score: number | null;
  /** Share of the scheme's measure weight that had data, 0–1. */
  dataCoverage: number;
  colour: HealthColour | 'na';
  /** Set when a red measure capped the score (capScoreWhenRed): which, at what, and the score before. */
  cap: ScoreCap | null;
  /** Keys of the measures left out of the score (no data, or stale and excluded). */
  notScored: string[];
  /** "red because last login 34 days ago; NPS detractor (score 3)". */
  drivers: string;
  /** Keys of the measures named in `drivers`, worst first. */
  driverKeys: string[];
  trend: HealthTrend;
  churnWarning: ChurnWarning;
  engagementAlert: EngagementAlert;
};

/** A parent account's roll-up over its hierarchy. */
export type HierarchyRollup = {
  accountId: string;
  /** Accounts beneath it, at any depth. */
  descendants: number;
  /** Accounts whose score went into the roll-up (descendants, and itself when it has ARR). */
  scoredAccounts: number;
  includesOwnArr: boolean;
  /** 'arr' normally; 'equal' when none of the scored accounts has ARR. */
  weighting: 'arr' | 'equal';
  score: number | null;
  colour: HealthColour | 'na';
  /** ARR of the scored accounts that weighted the score. */
  arrScored: number;
  /** ARR of red accounts beneath it (itself excluded: its own colour is on its own snapshot). */
  arrAtRisk: number;
  redAccounts: number;
  /** ARR of yellow accounts beneath it: watched, not counted as at risk. */
  arrWatch: number;
};
