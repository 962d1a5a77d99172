/**
 * What the sandbox knows of an sObject: the subset of Salesforce describe metadata that
 * connectors read and that validation enforces. Standard objects are declared in
 * standard-objects.ts; custom objects and fields come from sfdx-project/ metadata.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'reference'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'percent'
  | 'int'
  | 'date'
  | 'datetime'
  | 'email'
  | 'url'
  | 'phone'
  | 'address';

export type PicklistValue = { value: string; label: string; active: boolean; defaultValue: boolean };

export type FieldDef = {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types; 0 for others (as describe reports). */
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  custom: boolean;
  calculated: boolean;
  defaultedOnCreate: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** The name parents use for this lookup's children (custom lookups: `Subscriptions__r`). */
  childRelationshipName: string | null;
  picklistValues: PicklistValue[];
  restrictedPicklist: boolean;
  /** For address components: the compound field they belong to (e.g. BillingAddress). */
  compoundFieldName: string | null;
  defaultValue: unknown;
};

export type ChildRelationship = {
  childSObject: string;
  field: string;
  relationshipName: string;
};

export type ObjectDef = {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Fields by exact API name, in describe order. */
  fields: FieldDef[];
  /** Filled in once every object is known (see buildCatalog). */
  childRelationships: ChildRelationship[];
};

/** Every object of one org, looked up case-insensitively as Salesforce does. */
export type SchemaCatalog = {
  objects: ObjectDef[];
  object(name: string): ObjectDef | undefined;
  objectByKeyPrefix(prefix: string): ObjectDef | undefined;
  field(objectName: string, fieldName: string): FieldDef | undefined;
  /** The parent relationship `Account` on Contact → the AccountId field. */
  parentRelationship(objectName: string, relationshipName: string): FieldDef | undefined;
  childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined;
};
