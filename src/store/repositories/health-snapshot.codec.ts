import { createHash } from 'node:crypto';
import type { HealthSnapshot, MeasureScore } from '../../domain/health.ts';
import { SextantError } from '../../domain/sextant-error.ts';

/**
 * A snapshot as stored: what the rules say of each measure (label, kind, source, unit, weight,
 * category, owner) is the same for every account one scheme scores, so it is stored once per
 * distinct set, keyed by its hash, and each snapshot keeps only its readings (value, words,
 * colour, points, share, band, note). A whole snapshot was ~2.5 KB of JSON, 80% of it repeated:
 * 100k accounts scored daily wrote 250 MB a day, and the writes were a third of a score run
 * (bench/score). The snapshot read back is the same object, field for field.
 */

/** The rules' part of a measure, in stored order. */
type MeasureDefinition = Pick<MeasureScore, 'key' | 'label' | 'kind' | 'source' | 'unit' | 'weight' | 'category' | 'owner'>;
/** One account's reading of a measure: [value, valueText, colour, points, normalizedWeight, band, note, expiredColour]. */
type MeasureReading = [MeasureScore['value'], string, MeasureScore['colour'], number | null, number, string, string | null, MeasureScore['expiredColour']];
type StoredSnapshot = Omit<HealthSnapshot, 'measures'> & { measures: MeasureReading[] };

export type EncodedSnapshot = { measureSet: string; definitions: string; snapshot: string };

/** Hash of a definitions text, remembered: a run scores 100k accounts with a handful of sets. */
const setIds = new Map<string, string>();
const measureSetId = (definitions: string): string => {
  let id = setIds.get(definitions);
  if (id === undefined) {
    id = createHash('sha256').update(definitions).digest('hex').slice(0, 24);
    if (setIds.size > 1_000) setIds.clear();
    setIds.set(definitions, id);
  }
  return id;
};

export const encodeSnapshot = (s: HealthSnapshot): EncodedSnapshot => {
  const definitions = JSON.stringify(s.measures.map((m): MeasureDefinition => ({
    key: m.key, label: m.label, kind: m.kind, source: m.source, unit: m.unit, weight: m.weight, category: m.category, owner: m.owner,
  })));
  const stored: StoredSnapshot = {
    ...s,
    measures: s.measures.map((m): MeasureReading => [m.value, m.valueText, m.colour, m.points, m.normalizedWeight, m.band, m.note, m.expiredColour]),
  };
  return { measureSet: measureSetId(definitions), definitions, snapshot: JSON.stringify(stored) };
};

/** The snapshot whole again, from its readings and its measure set's definitions (text). */
export const decodeSnapshot = (snapshot: string, definitions: string): HealthSnapshot => {
  const stored = JSON.parse(snapshot) as StoredSnapshot;
  const defs = JSON.parse(definitions) as MeasureDefinition[];
  if (defs.length !== stored.measures.length) {
    throw new SextantError('STORE_VALUE_INVALID', `the snapshot of ${stored.accountId} on ${stored.asOf} has ${stored.measures.length} measures, its measure set ${defs.length}`, { kind: 'data', path: 'measure_set' });
  }
  return {
    ...stored,
    measures: stored.measures.map(([value, valueText, colour, points, normalizedWeight, band, note, expiredColour], i): MeasureScore => {
      const d = defs[i]!;
      return {
        key: d.key, label: d.label, kind: d.kind, source: d.source, value, unit: d.unit, valueText, colour, expiredColour, points,
        weight: d.weight, normalizedWeight, category: d.category, band, note, owner: d.owner,
      };
    }),
  };
};
