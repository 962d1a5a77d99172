import type { HealthColour, MeasureColour, MeasureInput } from '../domain/health.ts';
import type { ManualMeasureValue } from './account-facts.ts';
import { matchBand } from './bands.ts';
import type { AccountSignals } from './derive-signals.ts';
import { POINTS, type Adjustment, type MeasureDefinition } from './health-rules.ts';
import { NEVER, OTHER_MEASURES_RED } from './signal-catalog.ts';

/**
 * One measure's verdict, without text (the backtest evaluates millions of these; text is
 * built only for snapshots). `value` is what the bands compared: percent for ratio-to-target.
 */
export type MeasureOutcome = {
  value: MeasureInput;
  colour: MeasureColour;
  /** The colour the bands (or status map) gave, before adjustments; null when NA. */
  baseColour: HealthColour | null;
  /** Stale manual values: the colour before expiry. */
  expiredColour: HealthColour | null;
  points: number | null;
  /** Notes of the adjustments that applied. */
  notes: string[];
  /** Why a measure is NA: 'no data', 'no band matches', 'no colour for "x"'. */
  naReason: string | null;
  manual: ManualMeasureValue | null;
};

/** Percent of target, to 2 decimals, so 0.7 × 100 compares as 70 and not 70.00000000000001. */
export const percentOf = (ratio: number, target: number | null): number => Math.round((ratio / (target ?? 1)) * 10_000) / 100;

const na = (value: MeasureInput, naReason: string, manual: ManualMeasureValue | null = null): MeasureOutcome =>
  ({ value, colour: 'na', baseColour: null, expiredColour: null, points: null, notes: [], naReason, manual });

const coloured = (value: MeasureInput, colour: HealthColour | null, manual: ManualMeasureValue | null = null): MeasureOutcome =>
  colour === null
    ? na(value, 'no band matches', manual)
    : { value, colour, baseColour: colour, expiredColour: null, points: POINTS[colour], notes: [], naReason: null, manual };

const manualOutcome = (def: MeasureDefinition, signals: AccountSignals): MeasureOutcome => {
  const entry = signals.manual[def.key];
  if (entry === undefined) return na(null, 'not set');
  const { value: set, stale } = entry;
  const colour = set.colour ?? (set.value !== null && def.bands !== null ? matchBand(def.bands, set.value) : null);
  const shown: MeasureInput = set.value ?? set.colour;
  if (colour === null) return na(shown, 'no band matches', set);
  if (!stale) return coloured(shown, colour, set);
  return {
    value: shown,
    colour: 'stale',
    baseColour: null,
    expiredColour: colour,
    points: def.whenStale === 'keep' ? POINTS[colour] : null,
    notes: [],
    naReason: null,
    manual: set,
  };
};

/** The colour from the measure's kind and thresholds, before any adjustment. */
export const baseOutcome = (def: MeasureDefinition, signals: AccountSignals): MeasureOutcome => {
  if (def.kind === 'manual') return manualOutcome(def, signals);
  const v = signals.values[def.source!] ?? null;
  if (v === null) return na(null, 'no data');
  switch (def.kind) {
    case 'days-since':
      if (v === NEVER) return def.never === 'na' ? na(v, 'none on record') : coloured(v, def.never);
      return typeof v === 'number' ? coloured(v, matchBand(def.bands!, v)) : na(v, 'not a number');
    case 'days-until':
    case 'numeric-threshold':
      return typeof v === 'number' ? coloured(v, matchBand(def.bands!, v)) : na(v, 'not a number');
    case 'ratio-to-target': {
      if (typeof v !== 'number') return na(v, 'not a number');
      const pct = percentOf(v, def.target);
      return coloured(pct, matchBand(def.bands!, pct));
    }
    case 'status': {
      const colour = def.values![String(v)];
      if (colour === undefined) return na(v, `no colour for "${String(v)}"`);
      return colour === 'na' ? na(v, `${String(v)} is not scored`) : coloured(v, colour);
    }
  }
};

const conditionsHold = (a: Adjustment, signals: AccountSignals, otherRed: boolean | undefined): boolean | undefined => {
  for (const [name, expected] of Object.entries(a.when)) {
    if (name === OTHER_MEASURES_RED) {
      if (otherRed === undefined) return undefined;
      if (otherRed !== expected) return false;
    } else if (signals.values[name] !== expected) {
      return false;
    }
  }
  return true;
};

/** True when an adjustment of the measure looks at the other measures' colours. */
export const dependsOnOthers = (def: MeasureDefinition): boolean => def.adjust.some((a) => Object.hasOwn(a.when, OTHER_MEASURES_RED));

/**
 * Applies the measure's adjustments in order to a coloured outcome. `otherRed` undefined:
 * adjustments that depend on it are skipped (first pass of evaluateScheme).
 */
export const applyAdjustments = (def: MeasureDefinition, base: MeasureOutcome, signals: AccountSignals, otherRed?: boolean): MeasureOutcome => {
  if (def.adjust.length === 0 || base.baseColour === null || base.colour === 'stale') return base;
  let colour: HealthColour = base.baseColour;
  const notes: string[] = [];
  for (const a of def.adjust) {
    if (a.from !== null && !a.from.includes(colour)) continue;
    if (conditionsHold(a, signals, otherRed) !== true) continue;
    if (a.to !== null) colour = a.to;
    notes.push(a.note);
  }
  return { ...base, colour, points: POINTS[colour], notes };
};
