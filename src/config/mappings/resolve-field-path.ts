import { suggestSimilar } from './did-you-mean.ts';
import type { DescribeField, ObjectDescribe, RelatedDescribes } from './object-describe.ts';

/**
 * Follows `Field` or `Rel.Rel.Field` through describe metadata, as SOQL would: each step a
 * lookup's relationshipName (case-insensitive), the last one a field of the object reached.
 */
export type ResolvedPath =
  | { kind: 'field'; field: DescribeField; objectName: string }
  /** The path leaves the describes given (a parent object not passed in): nothing to say. */
  | { kind: 'unchecked' }
  | { kind: 'missing'; message: string; suggestions: string[] };

const byName = <T extends { name: string }>(items: readonly T[], name: string): T | undefined => {
  const lower = name.toLowerCase();
  return items.find((i) => i.name.toLowerCase() === lower);
};

/** Polymorphic lookups (Task.What) resolve to the Name object: only these fields are queryable. */
const POLYMORPHIC_FIELDS: readonly DescribeField[] = [
  { name: 'Id', type: 'id' },
  { name: 'Name', type: 'string' },
  { name: 'Type', type: 'string' },
];

export const relatedDescribe = (related: RelatedDescribes, name: string): ObjectDescribe | undefined =>
  related[name] ?? Object.entries(related).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

export const resolveFieldPath = (describe: ObjectDescribe, fieldPath: string, related: RelatedDescribes = {}): ResolvedPath => {
  const segments = fieldPath.split('.');
  const last = segments.pop() ?? '';
  let fields: readonly DescribeField[] = describe.fields;
  let objectName = describe.name;
  for (const relationship of segments) {
    const lookup = fields.find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
    if (!lookup) {
      const names = fields.flatMap((f) => (f.relationshipName ? [f.relationshipName] : []));
      return { kind: 'missing', message: `no relationship ${relationship} on ${objectName}`, suggestions: suggestSimilar(relationship, names) };
    }
    const targets = lookup.referenceTo ?? [];
    if (targets.length > 1) {
      fields = POLYMORPHIC_FIELDS;
      objectName = `${objectName}.${lookup.relationshipName ?? relationship} (polymorphic)`;
      continue;
    }
    const parent = targets[0] === undefined ? undefined : relatedDescribe(related, targets[0]);
    if (!parent) return { kind: 'unchecked' };
    fields = parent.fields;
    objectName = parent.name;
  }
  const field = byName(fields, last);
  if (field) return { kind: 'field', field, objectName };
  return { kind: 'missing', message: `no field ${last} on ${objectName}`, suggestions: suggestSimilar(last, fields.map((f) => f.name)) };
};
