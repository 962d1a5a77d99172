import type { CrmObjectName } from '../../domain/crm-records.ts';
import { CANONICAL_FIELDS, SYSTEM_TARGETS, type ValueType } from './canonical-fields.ts';
import { didYouMean } from './did-you-mean.ts';
import { CrmObjectNameSchema, FieldEntrySchema, type FieldEntry } from './mapping.schema.ts';
import { TRANSFORM_APPLIES_TO } from './transforms.ts';
import type { Anchor, PathSegment } from './yaml-locations.ts';

/**
 * The checks that need the canonical catalog: unknown or missing canonical fields, duplicate
 * targets, types and transforms that do not fit a field. They read the raw parsed YAML and
 * check whatever parts are well formed, so a file with a structural error still gets every
 * other problem reported in the same run.
 */
export type RuleIssue = { path: PathSegment[]; message: string; anchor: Anchor };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const EXTRA_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `raw` is the entry as written: a single `transform: x` has no index to point at. */
const transformIssues = (entry: FieldEntry, raw: unknown, type: ValueType, base: PathSegment[], label: string): RuleIssue[] => {
  const many = isPlainObject(raw) && Array.isArray(raw['transform']);
  return (entry.transform ?? []).flatMap((name, i): RuleIssue[] => TRANSFORM_APPLIES_TO[name].includes(type) ? [] : [{
    path: many ? [...base, 'transform', i] : [...base, 'transform'],
    message: `transform ${name} applies to ${TRANSFORM_APPLIES_TO[name].join('/')} values; ${label} is ${type}`,
    anchor: 'value',
  }]);
};

const canonicalIssues = (object: CrmObjectName, fields: Record<string, unknown>): RuleIssue[] => {
  const catalog = CANONICAL_FIELDS[object];
  const issues: RuleIssue[] = [];
  for (const [target, raw] of Object.entries(fields)) {
    const path: PathSegment[] = ['fields', target];
    if (SYSTEM_TARGETS.includes(target)) {
      const message = target === 'extra'
        ? 'extra is not a canonical field: list additional fields under a top-level extra: key'
        : `${target} is always read from ${target === 'id' ? 'Id' : target === 'isDeleted' ? 'IsDeleted' : 'SystemModstamp'}; remove this entry`;
      issues.push({ path, anchor: 'key', message });
      continue;
    }
    const canonical = catalog[target];
    if (!canonical) {
      issues.push({ path, anchor: 'key', message: `unknown canonical field for ${object}${didYouMean(target, Object.keys(catalog))}; carry other fields under extra:` });
      continue;
    }
    const parsed = FieldEntrySchema.safeParse(raw);
    if (!parsed.success) continue; // the schema reports it
    const entry = parsed.data;
    const label = `${object}.${target}`;
    if (entry.type !== undefined && entry.type !== canonical.type) {
      issues.push({ path: [...path, 'type'], anchor: 'value', message: `${label} is a ${canonical.type} field; remove type or set it to ${canonical.type}` });
    }
    if (entry.required === false && canonical.mustMap) {
      issues.push({ path: [...path, 'required'], anchor: 'value', message: `${label} is always required` });
    }
    issues.push(...transformIssues(entry, raw, canonical.type, path, label));
  }
  for (const [target, canonical] of Object.entries(catalog)) {
    if (canonical.mustMap && !(target in fields)) {
      issues.push({ path: ['fields'], anchor: 'key', message: `missing required canonical field ${object}.${target} (e.g. ${target}: ${canonical.typicalSource ?? '…'})` });
    }
  }
  return issues;
};

const extraIssues = (object: CrmObjectName, extra: Record<string, unknown>, fields: Record<string, unknown>): RuleIssue[] => {
  const issues: RuleIssue[] = [];
  for (const [name, raw] of Object.entries(extra)) {
    const path: PathSegment[] = ['extra', name];
    if (name in CANONICAL_FIELDS[object] || SYSTEM_TARGETS.includes(name)) {
      const where = name in fields ? 'is already mapped under fields:' : 'is a canonical field: map it under fields:';
      issues.push({ path, anchor: 'key', message: `duplicate target: ${object}.${name} ${where}` });
      continue;
    }
    if (!EXTRA_NAME.test(name)) {
      issues.push({ path, anchor: 'key', message: 'extra names are identifiers (letters, digits, _), used as keys of record.extra' });
      continue;
    }
    const parsed = FieldEntrySchema.safeParse(raw);
    if (parsed.success) issues.push(...transformIssues(parsed.data, raw, parsed.data.type ?? 'string', path, `extra.${name}`));
  }
  return issues;
};

export const mappingRuleIssues = (raw: unknown): RuleIssue[] => {
  if (!isPlainObject(raw)) return [];
  const object = CrmObjectNameSchema.safeParse(raw['object']);
  if (!object.success) return [];
  const fields = isPlainObject(raw['fields']) ? raw['fields'] : null;
  const extra = isPlainObject(raw['extra']) ? raw['extra'] : null;
  return [
    ...(fields ? canonicalIssues(object.data, fields) : []),
    ...(extra ? extraIssues(object.data, extra, fields ?? {}) : []),
  ];
};
