/**
 * The named signals a measure can read (`source:` in rules/health.yaml), what kind of value
 * each is, and how it reads in a sentence. deriveSignals fills them; the rules validator uses
 * this table to reject a measure whose kind cannot read its source.
 */

/**
 * A signal's value. Null means "no data" (the measure is NA). NEVER is a days-since signal
 * whose event has not happened in the data we have (usage linked but no login on record):
 * unlike null, it is data, and rules say which colour it gets.
 */
export type SignalValue = number | string | boolean | null;
export const NEVER = 'never';

/** days: whole days; count: whole number ≥ 0; ratio: 1 = 100%; status: one of `values`. */
export type SignalType = 'days' | 'count' | 'number' | 'ratio' | 'status' | 'boolean';

export type SignalSpec = {
  type: SignalType;
  /** Status signals with a fixed vocabulary: rules must give each a colour. */
  values?: readonly string[];
  /** For ratios: what 100% is, in a sentence ("of target"). */
  ratioOf?: string;
  /** Days-since signals that can be NEVER. */
  canBeNever?: boolean;
};

export const NPS_STATUSES = ['promoter', 'passive', 'detractor', 'no-response'] as const;
export type NpsStatus = (typeof NPS_STATUSES)[number];

export const SIGNAL_CATALOG = {
  daysSinceLastLogin: { type: 'days', canBeNever: true },
  activeUsers7d: { type: 'count' },
  activeUsers30d: { type: 'count' },
  featuresUsed: { type: 'count' },
  featureAdoption: { type: 'ratio', ratioOf: 'of target' },
  licenses: { type: 'count' },
  licenseUtilization: { type: 'ratio', ratioOf: 'of seats' },
  daysUntilRenewal: { type: 'days' },
  hasRenewalPlan: { type: 'boolean' },
  daysSinceExecSponsorMeeting: { type: 'days', canBeNever: true },
  hasActiveSponsor: { type: 'boolean' },
  npsStatus: { type: 'status', values: NPS_STATUSES },
  npsScore: { type: 'count' },
  openSev12Tickets: { type: 'count' },
  escalationOpen: { type: 'boolean' },
  activityVsBaseline: { type: 'ratio', ratioOf: 'of baseline' },
  engagement: { type: 'ratio', ratioOf: 'of days active' },
  daysSinceGoLive: { type: 'days' },
  arr: { type: 'number' },
  segment: { type: 'status' },
  stage: { type: 'status' },
} as const satisfies Record<string, SignalSpec>;

export type SignalName = keyof typeof SIGNAL_CATALOG;

/** Account fields mapped as `extra` are signals too, as `extra.<name>`, of unknown type. */
export const EXTRA_PREFIX = 'extra.';

/**
 * A pseudo-signal for adjustment conditions: whether any other measure of the scheme is red
 * (DOMAIN.md's renewal "with risk"). The engine computes it from the other measures.
 */
export const OTHER_MEASURES_RED = 'otherMeasuresRed';

export const signalSpec = (name: string): SignalSpec | null => {
  if (Object.hasOwn(SIGNAL_CATALOG, name)) return SIGNAL_CATALOG[name as SignalName];
  if (name.startsWith(EXTRA_PREFIX) && name.length > EXTRA_PREFIX.length) return { type: 'number' };
  return null;
};

export const isExtraSignal = (name: string): boolean => name.startsWith(EXTRA_PREFIX);
export const SIGNAL_NAMES = Object.keys(SIGNAL_CATALOG) as SignalName[];
