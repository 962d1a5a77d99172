import type { FieldDef, ObjectDef } from '../schema/object-schema.ts';
import type { FieldPath, Hop } from './field-path.ts';
import type { RecordPlan } from './record-plan.ts';
import type { CompileContext } from './query-env.ts';
import { malformedQuery } from './soql-error.ts';

/**
 * The REST shape of a select list as a tree: parent relationships nest their fields under the
 * relationship name (`Account: { attributes, Name }`), in the order the query first names them.
 */
export type SelectNode =
  | { kind: 'field'; key: string; field: FieldDef; isTypePseudoField: boolean; toLabel: boolean }
  /** A compound address: a JSON object made of its component fields. */
  | { kind: 'compound'; key: string; components: Array<[jsonKey: string, fieldName: string | null]> }
  | { kind: 'parent'; key: string; hop: Hop; children: SelectNode[] }
  | { kind: 'children'; key: string; lookupField: string; plan: RecordPlan }
  /** TYPEOF What WHEN Account THEN … : the node list to use per actual parent type. */
  | { kind: 'typeof'; key: string; hop: Hop; byType: Map<string, SelectNode[]> };

/** BillingAddress → { city, country, geocodeAccuracy, latitude, longitude, postalCode, state, street }. */
export const compoundComponents = (object: ObjectDef, compound: FieldDef): Array<[string, string | null]> => {
  const prefix = compound.name.replace(/Address$/, '');
  const parts: Array<[string, string | null]> = object.fields
    .filter((f) => f.compoundFieldName === compound.name)
    .map((f) => {
      const suffix = f.name.slice(prefix.length);
      return [suffix.charAt(0).toLowerCase() + suffix.slice(1), f.name];
    });
  for (const extra of ['geocodeAccuracy', 'latitude', 'longitude']) parts.push([extra, null]);
  return parts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

const leafFor = (object: ObjectDef, path: FieldPath, toLabel: boolean): SelectNode =>
  path.field.type === 'address'
    ? { kind: 'compound', key: path.field.name, components: compoundComponents(object, path.field) }
    : { kind: 'field', key: path.field.name, field: path.field, isTypePseudoField: path.isTypePseudoField, toLabel };

const sameKey = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Adds a resolved path to the tree. `onDuplicate` decides between Salesforce's "duplicate
 * field selected" error (explicit fields) and silently skipping (FIELDS() expansions).
 */
export const insertPath = (
  ctx: CompileContext,
  nodes: SelectNode[],
  path: FieldPath,
  /** The object that owns the path's final field (for compound address components). */
  owner: ObjectDef,
  options: { toLabel?: boolean; onDuplicate: 'error' | 'skip' },
): void => {
  let level = nodes;
  path.hops.forEach((hop) => {
    let parent = level.find((n) => n.kind === 'parent' && sameKey(n.key, hop.relationshipName));
    if (!parent) {
      parent = { kind: 'parent', key: hop.relationshipName, hop, children: [] };
      level.push(parent);
    }
    if (parent.kind === 'parent') level = parent.children;
  });
  const leaf = leafFor(owner, path, options.toLabel ?? false);
  if (level.some((n) => (n.kind === 'field' || n.kind === 'compound') && sameKey(n.key, leaf.key))) {
    if (options.onDuplicate === 'skip') return;
    throw malformedQuery(ctx.soql, `duplicate field selected: ${leaf.key}`, leaf.key);
  }
  level.push(leaf);
};
