import type { HealthColour, MeasureKind } from '../domain/health.ts';
import { bandProblems, type BandDomain } from './band-coverage.ts';
import type { Adjustment, Bands, ConditionValue, MeasureDefinition, StatusColour } from './health-rules.ts';
import { isExtraSignal, OTHER_MEASURES_RED, SIGNAL_NAMES, signalSpec, type SignalSpec } from './signal-catalog.ts';

/** A measure as a scheme writes it: every field optional, since `extends` fills the rest. */
export type MeasureDraft = {
  enabled?: boolean;
  label?: string;
  kind?: MeasureKind;
  source?: string;
  weight?: number;
  owner?: string;
  category?: string | null;
  bands?: Bands;
  values?: Record<string, StatusColour>;
  never?: StatusColour;
  target?: number;
  unit?: string;
  detail?: { signal: string; label: string };
  adjust?: AdjustmentDraft[];
  whenStale?: 'exclude' | 'keep';
  capScoreWhenRed?: number;
};

export type AdjustmentDraft = { from?: HealthColour | HealthColour[]; to?: HealthColour; when: Record<string, ConditionValue>; note: string };

/** A problem with one field of a measure (`field` null: the measure as a whole). */
export type FieldProblem = { field: string | null; sub?: (string | number)[]; message: string };

const KIND_SOURCES: Record<Exclude<MeasureKind, 'manual'>, readonly SignalSpec['type'][]> = {
  'days-since': ['days'],
  'days-until': ['days'],
  'ratio-to-target': ['ratio', 'count', 'number'],
  'numeric-threshold': ['days', 'count', 'number', 'ratio'],
  status: ['status', 'boolean'],
};

/** Fields that only some kinds read: a field a kind ignores is a mistake worth reporting. */
const ONLY_FOR: Partial<Record<keyof MeasureDraft, readonly MeasureKind[]>> = {
  bands: ['days-since', 'days-until', 'ratio-to-target', 'numeric-threshold', 'manual'],
  values: ['status'],
  never: ['days-since'],
  target: ['ratio-to-target'],
  unit: ['numeric-threshold', 'manual'],
  detail: ['status'],
  whenStale: ['manual'],
  adjust: ['days-since', 'days-until', 'ratio-to-target', 'numeric-threshold', 'status'],
};

const domainOf = (kind: MeasureKind, source: string | null, spec: SignalSpec | null): BandDomain => {
  const extra = source !== null && isExtraSignal(source);
  switch (kind) {
    case 'days-since':
      return { integer: true, min: 0, max: null };
    case 'days-until':
      return { integer: true, min: null, max: null };
    case 'ratio-to-target':
      return { integer: false, min: extra ? null : 0, max: null };
    case 'numeric-threshold':
      if (extra || spec === null) return { integer: false, min: null, max: null };
      return { integer: spec.type === 'count' || spec.type === 'days', min: spec.type === 'count' ? 0 : null, max: null };
    default:
      return { integer: false, min: null, max: null };
  }
};

/** Each edge given once; the schema reports a range with both gt and gte. */
export const bandsWellFormed = (bands: Bands): boolean =>
  Object.values(bands).every((iv) => !(iv.gt !== undefined && iv.gte !== undefined) && !(iv.lt !== undefined && iv.lte !== undefined));

const unknownSignal = (name: string): string => `unknown signal "${name}"; signals: ${SIGNAL_NAMES.join(', ')}, or extra.<field>`;

const checkAdjustments = (adjust: AdjustmentDraft[], problems: FieldProblem[]): Adjustment[] =>
  adjust.map((a, i) => {
    for (const [name, expected] of Object.entries(a.when)) {
      const spec = name === OTHER_MEASURES_RED ? { type: 'boolean' as const } : signalSpec(name);
      if (spec === null) problems.push({ field: 'adjust', sub: [i, 'when', name], message: unknownSignal(name) });
      else if (spec.type === 'boolean' && typeof expected !== 'boolean') problems.push({ field: 'adjust', sub: [i, 'when', name], message: `${name} is true or false` });
    }
    const from = a.from === undefined ? null : Array.isArray(a.from) ? a.from : [a.from];
    return { from, to: a.to ?? null, when: a.when, note: a.note };
  });

const checkValues = (source: string, spec: SignalSpec | null, values: Record<string, StatusColour>, problems: FieldProblem[]): void => {
  const vocabulary = spec?.type === 'boolean' ? ['true', 'false'] : (spec?.values ?? null);
  if (vocabulary === null) return;
  for (const v of vocabulary) if (!Object.hasOwn(values, v)) problems.push({ field: 'values', message: `${source} can be "${v}": give it a colour (or na)` });
  for (const v of Object.keys(values)) if (!vocabulary.includes(v)) problems.push({ field: 'values', sub: [v], message: `${source} is never "${v}"; it is one of ${vocabulary.join(', ')}` });
};

/** Checks a measure after `extends` merged it; returns its definition when it has no problem. */
export const validateMeasure = (key: string, m: MeasureDraft): { definition: MeasureDefinition | null; problems: FieldProblem[] } => {
  const problems: FieldProblem[] = [];
  for (const field of ['label', 'kind', 'weight', 'owner'] as const) {
    if (m[field] === undefined) problems.push({ field: null, message: `measure ${key} needs ${field}` });
  }
  const kind = m.kind;
  if (kind === undefined) return { definition: null, problems };
  for (const [field, kinds] of Object.entries(ONLY_FOR) as [keyof MeasureDraft, readonly MeasureKind[]][]) {
    if (m[field] !== undefined && !kinds.includes(kind)) problems.push({ field, message: `${field} does not apply to ${kind} measures` });
  }
  const source = m.source ?? null;
  let spec: SignalSpec | null = null;
  if (kind === 'manual') {
    if (source !== null) problems.push({ field: 'source', message: 'manual measures take their value from CSMs: remove source' });
  } else if (source === null) {
    problems.push({ field: null, message: `measure ${key} needs source (the signal it reads)` });
  } else {
    spec = signalSpec(source);
    if (spec === null) problems.push({ field: 'source', message: unknownSignal(source) });
    else if (!isExtraSignal(source) && !KIND_SOURCES[kind].includes(spec.type)) {
      problems.push({ field: 'source', message: `${kind} cannot read ${source} (a ${spec.type} signal)` });
    } else if (kind === 'ratio-to-target' && spec.type !== 'ratio' && !isExtraSignal(source) && m.target === undefined) {
      problems.push({ field: 'source', message: `${source} is not a ratio: give a target to divide it by` });
    }
  }
  const needsBands = kind === 'days-since' || kind === 'days-until' || kind === 'ratio-to-target' || kind === 'numeric-threshold';
  if (needsBands && m.bands === undefined) problems.push({ field: null, message: `measure ${key} needs bands (green/yellow/red ranges)` });
  // A range with both gt and gte is already reported by the schema; coverage of it would only confuse.
  if (m.bands !== undefined && Object.keys(m.bands).length > 0 && bandsWellFormed(m.bands)) {
    const unit = kind === 'ratio-to-target' ? '%' : kind === 'days-since' || kind === 'days-until' ? 'days' : '';
    for (const p of bandProblems(m.bands, domainOf(kind, source, spec), unit)) {
      problems.push({ field: 'bands', sub: p.colour === null ? [] : [p.colour], message: p.message });
    }
  }
  if (kind === 'status') {
    if (m.values === undefined) problems.push({ field: null, message: `measure ${key} needs values (each status → a colour)` });
    else if (source !== null) checkValues(source, spec, m.values, problems);
  }
  if (m.detail !== undefined && signalSpec(m.detail.signal) === null) problems.push({ field: 'detail', sub: ['signal'], message: unknownSignal(m.detail.signal) });
  if (kind === 'days-since' && m.never !== undefined && spec !== null && spec.canBeNever !== true && !isExtraSignal(source ?? '')) {
    problems.push({ field: 'never', message: `${source} always has a value: never does not apply` });
  }
  const adjust = checkAdjustments(m.adjust ?? [], problems);
  if (problems.length > 0) return { definition: null, problems };
  return {
    definition: {
      key,
      label: m.label!,
      kind,
      source,
      weight: m.weight!,
      owner: m.owner!,
      category: m.category ?? null,
      bands: m.bands ?? null,
      values: m.values ?? null,
      never: m.never ?? 'red',
      target: m.target ?? null,
      unit: m.unit ?? null,
      detail: m.detail ?? null,
      adjust,
      whenStale: m.whenStale ?? 'exclude',
      capScoreWhenRed: m.capScoreWhenRed ?? null,
    },
    problems,
  };
};
