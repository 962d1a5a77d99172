import type { CrmObjectName, CrmRecordOf, QuarantinedRecord } from '../../domain/crm-records.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import { CANONICAL_FIELDS, SYSTEM_SOURCE_FIELDS } from './canonical-fields.ts';
import type { FieldMapping, ObjectMapping } from './object-mapping.ts';
import { toId18 } from '../../domain/salesforce-id.ts';
import { TRANSFORMS } from './transforms.ts';
import { CONVERTERS, INVALID, type CanonicalValue, type RawValue } from './value-conversion.ts';

/**
 * Turns one extracted row into a canonical record, or says why it cannot (the row then goes to
 * quarantine with its raw values; the run goes on). The mapping is compiled once into one
 * closure per field, because a full sync runs this a million times. Two row forms:
 * - keyed rows (`{ ARR__c: 1200, 'Owner.ManagerId': '005…' }`): REST records after
 *   flattenRestRecord, or any object keyed by the selected SOQL field paths;
 * - Bulk CSV pages (`columns` + `string[]` rows): read by column index, no object per row.
 */
export type RawRow = Readonly<Record<string, RawValue | undefined>>;
export type NormalizeContext = { runId: string; asOf: string };
export type NormalizeResult<R> = { ok: true; record: R } | { ok: false; quarantine: QuarantinedRecord };
export type RowNormalizer<R> = (raw: RawRow, context: NormalizeContext) => NormalizeResult<R>;
export type ColumnRowNormalizer<R> = (values: readonly RawValue[], context: NormalizeContext) => NormalizeResult<R>;

export type RejectionCode = 'RECORD_REQUIRED_MISSING' | 'RECORD_TYPE_INVALID' | 'RECORD_TRANSFORM_FAILED';
type Rejection = { code: RejectionCode; path: string; reason: string };
type Target = Record<string, CanonicalValue>;
type Reader<I> = (input: I) => RawValue;
type Step<I> = (input: I, record: Target, extra: Target) => Rejection | undefined;

const notSelected = (mapping: ObjectMapping, from: string): SextantError =>
  new SextantError('MAPPING_FIELD_NOT_SELECTED', `${mapping.source}.${from} (${mapping.file}) is not in the extracted rows`, {
    kind: 'fatal',
    path: `${mapping.file}:${mapping.at.source.line}`,
    hints: ['Select the columns soqlFieldList(mapping) returns.'],
  });

/**
 * Reads a keyed row by the mapped name, falling back to a case-insensitive match (SOQL is
 * case-insensitive; REST answers in the schema's casing) and remembering the key found.
 */
const keyReader = (mapping: ObjectMapping, from: string): Reader<RawRow> => {
  let key = from;
  const lower = from.toLowerCase();
  const isParentPath = from.includes('.');
  return (raw) => {
    const value = raw[key];
    if (value !== undefined) return value;
    for (const k in raw) {
      if (k.toLowerCase() === lower && raw[k] !== undefined) {
        key = k;
        return raw[k] as RawValue;
      }
    }
    // REST leaves out a parent's fields when the lookup is empty: that parent value is null.
    if (isParentPath) return null;
    throw notSelected(mapping, from);
  };
};

const columnReader = (mapping: ObjectMapping, columns: readonly string[], from: string): Reader<readonly RawValue[]> => {
  const lower = from.toLowerCase();
  const index = columns.findIndex((c) => c.toLowerCase() === lower);
  if (index < 0) throw notSelected(mapping, from);
  return (values) => values[index] ?? null;
};

const describeValue = (value: RawValue): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

const stepFor = <I>(mapping: ObjectMapping, m: FieldMapping, read: Reader<I>): Step<I> => {
  const convert = CONVERTERS[m.type];
  const transforms = m.transforms.map((name) => ({ name, apply: TRANSFORMS[name] }));
  const { target, required, whenNull, type, isExtra } = m;
  const path = `${mapping.source}.${m.from} → ${mapping.object}.${isExtra ? 'extra.' : ''}${target}`;
  return (input, record, extra) => {
    const rawValue = read(input);
    let value = convert(rawValue);
    if (value === INVALID) return { code: 'RECORD_TYPE_INVALID', path, reason: `${describeValue(rawValue)} is not a valid ${type}` };
    for (let i = 0; i < transforms.length && value !== null; i++) {
      const t = transforms[i] as (typeof transforms)[number];
      const out: string | null | undefined = t.apply(value as string);
      if (out === undefined) return { code: 'RECORD_TRANSFORM_FAILED', path, reason: `${t.name} cannot transform ${describeValue(rawValue)}` };
      value = out;
    }
    if (value === null) {
      if (required) return { code: 'RECORD_REQUIRED_MISSING', path, reason: `${m.from} is empty; ${mapping.object}.${target} is required` };
      value = whenNull;
    }
    (isExtra ? extra : record)[target] = value;
    return undefined;
  };
};

/** Id, IsDeleted and SystemModstamp first: every record needs them, whatever the mapping. */
const entriesOf = (mapping: ObjectMapping): FieldMapping[] => {
  const system = (target: string, from: string, type: FieldMapping['type'], whenNull: null | false): FieldMapping =>
    ({ target, isExtra: false, from, type, required: whenNull === null, transforms: [], whenNull, at: mapping.at.source });
  return [
    system('id', SYSTEM_SOURCE_FIELDS.id, 'id', null),
    system('isDeleted', SYSTEM_SOURCE_FIELDS.isDeleted, 'boolean', false),
    system('systemModstamp', SYSTEM_SOURCE_FIELDS.systemModstamp, 'datetime', null),
    ...mapping.fields,
    ...mapping.extra,
  ];
};

const sourceIdOf = (raw: Readonly<Record<string, unknown>>): string | null => {
  const key = Object.keys(raw).find((k) => k.toLowerCase() === 'id');
  const id = key === undefined ? undefined : raw[key];
  if (typeof id !== 'string' || id === '') return null;
  return toId18(id) ?? id;
};

const buildNormalizer = <I, R>(
  mapping: ObjectMapping, steps: readonly Step<I>[], rawOf: (input: I) => Record<string, unknown>,
): ((input: I, context: NormalizeContext) => NormalizeResult<R>) => {
  // Unmapped canonical fields hold their null value; every record gets the same key order.
  const blank: Target = { id: null, isDeleted: false, systemModstamp: null };
  for (const [name, field] of Object.entries(CANONICAL_FIELDS[mapping.object])) blank[name] = field.whenNull;
  const n = steps.length;
  return (input, context) => {
    const record: Target = { ...blank };
    const extra: Target = {};
    for (let i = 0; i < n; i++) {
      const rejection = (steps[i] as Step<I>)(input, record, extra);
      if (rejection !== undefined) {
        const raw = rawOf(input);
        const quarantine: QuarantinedRecord = {
          runId: context.runId, object: mapping.object, sourceId: sourceIdOf(raw), ...rejection, raw, quarantinedAt: context.asOf,
        };
        return { ok: false, quarantine };
      }
    }
    (record as Record<string, unknown>)['extra'] = extra;
    return { ok: true, record: record as unknown as R };
  };
};

export const compileNormalizer = <O extends CrmObjectName>(mapping: ObjectMapping & { object: O }): RowNormalizer<CrmRecordOf[O]> =>
  buildNormalizer<RawRow, CrmRecordOf[O]>(
    mapping,
    entriesOf(mapping).map((m) => stepFor(mapping, m, keyReader(mapping, m.from))),
    (raw) => ({ ...raw }),
  );

/**
 * For Bulk 2.0 result pages: columns resolved to indexes once per page header, so a row is
 * read straight from the parsed CSV array. Throws MAPPING_FIELD_NOT_SELECTED if a mapped
 * field has no column.
 */
export const compileColumnNormalizer = <O extends CrmObjectName>(
  mapping: ObjectMapping & { object: O }, columns: readonly string[],
): ColumnRowNormalizer<CrmRecordOf[O]> =>
  buildNormalizer<readonly RawValue[], CrmRecordOf[O]>(
    mapping,
    entriesOf(mapping).map((m) => stepFor(mapping, m, columnReader(mapping, columns, m.from))),
    (values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null])),
  );

const compiled = new WeakMap<ObjectMapping, RowNormalizer<unknown>>();

/** One-call form; compiles the mapping on first use and reuses it for the same mapping object. */
export const normalizeRow = <O extends CrmObjectName>(
  mapping: ObjectMapping & { object: O }, raw: RawRow, context: NormalizeContext,
): NormalizeResult<CrmRecordOf[O]> => {
  let normalizer = compiled.get(mapping);
  if (!normalizer) {
    normalizer = compileNormalizer(mapping) as RowNormalizer<unknown>;
    compiled.set(mapping, normalizer);
  }
  return normalizer(raw, context) as NormalizeResult<CrmRecordOf[O]>;
};
