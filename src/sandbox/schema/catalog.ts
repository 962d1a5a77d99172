import type { ChildRelationship, FieldDef, ObjectDef, SchemaCatalog } from './object-schema.ts';

/** Irregular plurals Salesforce uses for standard child relationship names. */
const CHILD_RELATIONSHIP_NAMES: Record<string, string> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'Contract.AccountId': 'Contracts',
  'Case.AccountId': 'Cases',
  'Task.WhatId': 'Tasks',
  'Event.WhatId': 'Events',
  'Account.ParentId': 'ChildAccounts',
  'User.ManagerId': 'ManagedUsers',
};

const childRelationshipName = (child: ObjectDef, field: FieldDef): string | null => {
  if (field.childRelationshipName !== null) return field.childRelationshipName;
  return CHILD_RELATIONSHIP_NAMES[`${child.name}.${field.name}`] ?? null;
};

/**
 * Joins object definitions into a catalog: case-insensitive lookups (SOQL is case-insensitive)
 * and the child relationships describe lists for each parent.
 */
export const buildCatalog = (objects: readonly ObjectDef[]): SchemaCatalog => {
  const byName = new Map<string, ObjectDef>();
  const byPrefix = new Map<string, ObjectDef>();
  const fieldIndex = new Map<string, Map<string, FieldDef>>();
  const parentIndex = new Map<string, Map<string, FieldDef>>();
  const childIndex = new Map<string, Map<string, ChildRelationship>>();

  for (const object of objects) {
    const copy: ObjectDef = { ...object, childRelationships: [] };
    byName.set(object.name.toLowerCase(), copy);
    byPrefix.set(object.keyPrefix, copy);
    const fields = new Map<string, FieldDef>();
    const parents = new Map<string, FieldDef>();
    for (const field of object.fields) {
      fields.set(field.name.toLowerCase(), field);
      if (field.relationshipName) parents.set(field.relationshipName.toLowerCase(), field);
    }
    fieldIndex.set(object.name.toLowerCase(), fields);
    parentIndex.set(object.name.toLowerCase(), parents);
    childIndex.set(object.name.toLowerCase(), new Map());
  }

  for (const child of byName.values()) {
    for (const field of child.fields) {
      if (field.type !== 'reference') continue;
      const relationshipName = childRelationshipName(child, field);
      if (relationshipName === null) continue;
      for (const parentName of field.referenceTo) {
        const parent = byName.get(parentName.toLowerCase());
        if (!parent) continue;
        const rel: ChildRelationship = { childSObject: child.name, field: field.name, relationshipName };
        parent.childRelationships.push(rel);
        childIndex.get(parent.name.toLowerCase())?.set(relationshipName.toLowerCase(), rel);
      }
    }
  }

  return {
    objects: [...byName.values()],
    object: (name) => byName.get(name.toLowerCase()),
    objectByKeyPrefix: (prefix) => byPrefix.get(prefix),
    field: (objectName, fieldName) => fieldIndex.get(objectName.toLowerCase())?.get(fieldName.toLowerCase()),
    parentRelationship: (objectName, rel) => parentIndex.get(objectName.toLowerCase())?.get(rel.toLowerCase()),
    childRelationship: (objectName, rel) => childIndex.get(objectName.toLowerCase())?.get(rel.toLowerCase()),
  };
};
