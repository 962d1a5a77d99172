import type { FieldDef, ObjectDef } from '../schema/object-schema.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import { keyPrefixOf } from '../../domain/salesforce-id.ts';
import type { Bindable, CompileContext, Getter } from './query-env.ts';
import { noSuchColumn, unknownRelationship } from './soql-error.ts';

/** One parent hop of a path: `Account` on Contact is the AccountId lookup. */
export type Hop = {
  /** Schema-cased relationship name, the JSON key of the nested parent (`Account`). */
  relationshipName: string;
  /** The lookup field holding the parent's id (`AccountId`). */
  referenceField: string;
  targets: ObjectDef[];
  /** What/Who-style lookups to several objects: resolved per row by the id's key prefix. */
  polymorphic: boolean;
};

/** A resolved `Account.Owner.Name`: the hops to walk and the field read at the end. */
export type FieldPath = {
  /** Schema-cased, as Salesforce echoes it in Bulk CSV headers. */
  path: string;
  hops: Hop[];
  field: FieldDef;
  /** `What.Type`: the sObject type of a polymorphic parent, not a stored field. */
  isTypePseudoField: boolean;
  bind: Bindable<Getter>;
};

/** A describe-shaped field for values that are not stored fields: `What.Type`, aggregates. */
export const pseudoField = (name: string, type: FieldDef['type']): FieldDef => ({
  name, label: name, type, length: 0, precision: 0, scale: 0, nillable: true,
  createable: false, updateable: false, filterable: true, sortable: true, groupable: true,
  externalId: false, unique: false, idLookup: false, custom: false, calculated: true, defaultedOnCreate: false,
  referenceTo: [], relationshipName: null, childRelationshipName: null, picklistValues: [],
  restrictedPicklist: false, compoundFieldName: null, defaultValue: null,
});

/** The Name object of polymorphic lookups exposes `Type`, the parent's sObject type. */
const TYPE_FIELD = pseudoField('Type', 'string');

/**
 * SOQL lets a path start with the FROM alias (`a.Name`) or with the object's own name
 * (`Account.Name` FROM Account) unless that name is also a relationship on the object.
 */
const stripPrefix = (ctx: CompileContext, object: ObjectDef, parts: string[], alias: string | undefined): string[] => {
  if (parts.length < 2) return parts;
  const first = (parts[0] ?? '').toLowerCase();
  if (alias !== undefined && first === alias.toLowerCase()) return parts.slice(1);
  if (first === object.name.toLowerCase() && !ctx.catalog.parentRelationship(object.name, first)) return parts.slice(1);
  return parts;
};

const findOn = <T>(objects: ObjectDef[], lookup: (object: ObjectDef) => T | undefined): T | undefined => {
  for (const object of objects) {
    const found = lookup(object);
    if (found !== undefined) return found;
  }
  return undefined;
};

export const resolveFieldPath = (ctx: CompileContext, object: ObjectDef, raw: string, alias?: string): FieldPath => {
  const parts = stripPrefix(ctx, object, raw.split('.'), alias);
  const hops: Hop[] = [];
  let candidates = [object];
  for (const relationship of parts.slice(0, -1)) {
    const reference = findOn(candidates, (o) => ctx.catalog.parentRelationship(o.name, relationship));
    const targets = (reference?.referenceTo ?? []).flatMap((name) => ctx.catalog.object(name) ?? []);
    if (!reference || targets.length === 0) throw unknownRelationship(ctx.soql, relationship);
    hops.push({
      relationshipName: reference.relationshipName ?? relationship,
      referenceField: reference.name,
      targets,
      polymorphic: reference.referenceTo.length > 1,
    });
    candidates = targets;
  }
  const fieldName = parts[parts.length - 1] ?? '';
  const lastHop = hops[hops.length - 1];
  // Through a polymorphic lookup, `Type` is the Name object's sObject type, even when the
  // parent has a stored field of that name (Account.Type is a picklist; What.Type is 'Account').
  const isTypePseudoField = lastHop?.polymorphic === true && fieldName.toLowerCase() === 'type';
  const field = isTypePseudoField ? TYPE_FIELD : findOn(candidates, (o) => ctx.catalog.field(o.name, fieldName));
  if (!field) throw noSuchColumn(ctx.soql, fieldName, candidates[0]?.name ?? object.name);
  const path = [...hops.map((h) => h.relationshipName), field.name].join('.');
  return { path, hops, field, isTypePseudoField, bind: bindPath(hops, field.name, isTypePseudoField) };
};

/** The sObject type of a record, from its id's key prefix (ids are global across objects). */
export const objectNameOfRecord = (ctx: { catalog: CompileContext['catalog'] }, record: SObjectRecord): string | null => {
  const id = record['Id'];
  return typeof id === 'string' ? (ctx.catalog.objectByKeyPrefix(keyPrefixOf(id))?.name ?? null) : null;
};

const bindPath = (hops: Hop[], key: string, isType: boolean): Bindable<Getter> => (env) => {
  if (hops.length === 0) return (row) => row[key] ?? null;
  const refKeys = hops.map((h) => h.referenceField);
  const source = env.source;
  const walk = (row: SObjectRecord): SObjectRecord | undefined => {
    let current: SObjectRecord | undefined = row;
    for (const refKey of refKeys) {
      const id: unknown = current[refKey];
      if (typeof id !== 'string') return undefined;
      current = source.byId(id);
      if (!current) return undefined;
    }
    return current;
  };
  if (isType) return (row) => {
    const parent = walk(row);
    return parent ? objectNameOfRecord(source, parent) : null;
  };
  return (row) => walk(row)?.[key] ?? null;
};
