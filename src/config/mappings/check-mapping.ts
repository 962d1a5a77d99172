import { SYSTEM_SOURCE_FIELDS, type ValueType } from './canonical-fields.ts';
import { stripQuoted } from './mapping.schema.ts';
import { isCompoundType, type DescribeField, type ObjectDescribe, type RelatedDescribes } from './object-describe.ts';
import type { FieldMapping, ObjectMapping, SourceLocation } from './object-mapping.ts';
import { resolveFieldPath } from './resolve-field-path.ts';

/**
 * What `sextant doctor` runs for each mapping against the org's describe: every problem, each
 * with the file:line of the mapping entry, so an admin fixes them all in one pass. Pure: the
 * caller fetches describes (the source object, plus the parents that paths lead to).
 */
export type MappingProblemCode =
  | 'MAPPING_OBJECT_MISSING'
  | 'MAPPING_FIELD_MISSING'
  | 'MAPPING_TYPE_MISMATCH'
  | 'MAPPING_COMPOUND_FIELD'
  | 'MAPPING_WHERE_NOT_FILTERABLE';

export type MappingProblem = SourceLocation & {
  code: MappingProblemCode;
  /** The mapping entry: `fields.arr`, `extra.rating`, `source`, `where`. */
  path: string;
  message: string;
  /** Similar field names on the object, for "did you mean". */
  suggestions: string[];
};

/** Salesforce describe types each canonical value type can be read from without guessing. */
const COMPATIBLE: Readonly<Record<ValueType, readonly string[]>> = {
  // Text fields may hold ids (integration keys); each value is still checked per row.
  id: ['id', 'reference', 'string'],
  string: ['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'url', 'phone', 'id', 'reference', 'encryptedstring'],
  number: ['int', 'long', 'double', 'currency', 'percent'],
  boolean: ['boolean'],
  // A datetime is cut to its UTC date, as Salesforce reports dates.
  date: ['date', 'datetime'],
  datetime: ['datetime'],
};

const entryPath = (m: FieldMapping): string => `${m.isExtra ? 'extra' : 'fields'}.${m.target}`;

const fieldProblems = (mapping: ObjectMapping, describe: ObjectDescribe, related: RelatedDescribes, m: FieldMapping): MappingProblem[] => {
  const at = { ...m.at, path: entryPath(m) };
  const resolved = resolveFieldPath(describe, m.from, related);
  if (resolved.kind === 'unchecked') return [];
  if (resolved.kind === 'missing') {
    const mean = resolved.suggestions.length > 0 ? ` (did you mean ${resolved.suggestions.join(' or ')}?)` : '';
    return [{
      ...at, code: 'MAPPING_FIELD_MISSING', suggestions: resolved.suggestions,
      message: `${m.from}: ${resolved.message}, or the integration user cannot read it${mean}`,
    }];
  }
  const { field } = resolved;
  if (isCompoundType(field.type)) {
    const components = describe.fields.filter((f) => f.compoundFieldName === field.name).map((f) => f.name);
    return [{
      ...at, code: 'MAPPING_COMPOUND_FIELD', suggestions: components,
      message: `${m.from} is a compound ${field.type} field, which Bulk API 2.0 cannot read: map its components${components.length > 0 ? ` (${components.join(', ')})` : ''}`,
    }];
  }
  if (!COMPATIBLE[m.type].includes(field.type)) {
    const label = m.isExtra ? `extra.${m.target}` : `${mapping.object}.${m.target}`;
    return [{
      ...at, code: 'MAPPING_TYPE_MISMATCH', suggestions: [],
      message: `${m.from} is ${field.type} on ${resolved.objectName}; ${label} needs ${m.type} (from ${COMPATIBLE[m.type].join(', ')})`,
    }];
  }
  return [];
};

/** Identifiers in a SOQL condition: field names and paths, keywords, date literals. */
const IDENTIFIER = /(?<![A-Za-z0-9_.:-])[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;

/**
 * A cheap reading of `where`, not a SOQL parser: identifiers that name a field are checked for
 * filterable (Salesforce refuses long text areas in WHERE); an unknown `…__c` name is reported,
 * other unknown words are taken for keywords or literals.
 */
const whereProblems = (mapping: ObjectMapping, describe: ObjectDescribe, related: RelatedDescribes): MappingProblem[] => {
  // Identifiers inside a semi-join belong to another object: too much to untangle cheaply.
  if (mapping.where === null || mapping.at.where === null || /\(\s*select\b/i.test(mapping.where)) return [];
  const at = { ...mapping.at.where, path: 'where' };
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  for (const [token] of stripQuoted(mapping.where).matchAll(IDENTIFIER)) {
    if (seen.has(token.toLowerCase())) continue;
    seen.add(token.toLowerCase());
    const resolved = resolveFieldPath(describe, token, related);
    if (resolved.kind === 'field' && resolved.field.filterable === false) {
      problems.push({ ...at, code: 'MAPPING_WHERE_NOT_FILTERABLE', suggestions: [], message: `${token} (${resolved.field.type}) cannot be used in a SOQL filter` });
    } else if (resolved.kind === 'missing' && (token.includes('.') || /__c$/i.test(token))) {
      problems.push({ ...at, code: 'MAPPING_FIELD_MISSING', suggestions: resolved.suggestions, message: `${token}: ${resolved.message}` });
    }
  }
  return problems;
};

const systemFieldProblems = (mapping: ObjectMapping, describe: ObjectDescribe): MappingProblem[] =>
  Object.values(SYSTEM_SOURCE_FIELDS).flatMap((name): MappingProblem[] =>
    describe.fields.some((f: DescribeField) => f.name.toLowerCase() === name.toLowerCase()) ? [] : [{
      ...mapping.at.source, path: 'source', code: 'MAPPING_FIELD_MISSING', suggestions: [],
      message: `${mapping.source} has no ${name} field (Sextant's sync cursor and delete tracking need it)`,
    }]);

/**
 * `describe` is null when the org has no such object (describe answered NOT_FOUND).
 * `related` holds describes of parent objects; paths into objects not given are not checked.
 */
export const checkMappingAgainstDescribe = (
  mapping: ObjectMapping,
  describe: ObjectDescribe | null,
  related: RelatedDescribes = {},
): MappingProblem[] => {
  if (describe === null || describe.queryable === false) {
    return [{
      ...mapping.at.source, path: 'source', code: 'MAPPING_OBJECT_MISSING', suggestions: [],
      message: `${mapping.source} ${describe === null ? 'does not exist in this org' : 'is not queryable'}, or the integration user cannot read it`,
    }];
  }
  return [
    ...systemFieldProblems(mapping, describe),
    ...[...mapping.fields, ...mapping.extra].flatMap((m) => fieldProblems(mapping, describe, related, m)),
    ...whereProblems(mapping, describe, related),
  ];
};

/** `file:line:col path: message [CODE]`, as `sextant doctor` prints each problem. */
export const formatMappingProblem = (p: MappingProblem): string => `${p.file}:${p.line}:${p.col} ${p.path}: ${p.message} [${p.code}]`;
