import type { FieldDef, FieldType, PicklistValue } from './object-schema.ts';

/**
 * Terse constructors for describe-shaped fields, so object declarations read like a field list.
 * Defaults follow what describe reports for a plain standard field of that type.
 */
type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

const base = (name: string, type: FieldType, options: FieldOptions): FieldDef => ({
  name,
  label: options.label ?? name.replace(/__c$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'),
  type,
  length: 0,
  precision: 0,
  scale: 0,
  nillable: true,
  createable: true,
  updateable: true,
  filterable: type !== 'textarea' && type !== 'address',
  sortable: type !== 'textarea' && type !== 'multipicklist' && type !== 'address',
  groupable: !['textarea', 'multipicklist', 'address', 'double', 'currency', 'percent', 'datetime'].includes(type),
  externalId: false,
  unique: false,
  idLookup: false,
  custom: name.endsWith('__c'),
  calculated: false,
  defaultedOnCreate: false,
  referenceTo: [],
  relationshipName: null,
  childRelationshipName: null,
  picklistValues: [],
  restrictedPicklist: false,
  compoundFieldName: null,
  defaultValue: null,
  ...options,
});

export const idField = (): FieldDef =>
  base('Id', 'id', { label: 'Record ID', length: 18, nillable: false, createable: false, updateable: false, idLookup: true, defaultedOnCreate: true });

export const text = (name: string, length: number, options: FieldOptions = {}): FieldDef => base(name, 'string', { length, ...options });
export const textArea = (name: string, length: number, options: FieldOptions = {}): FieldDef => base(name, 'textarea', { length, ...options });
export const email = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'email', { length: 80, ...options });
export const url = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'url', { length: 255, ...options });
export const phone = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'phone', { length: 40, ...options });
export const bool = (name: string, options: FieldOptions = {}): FieldDef =>
  base(name, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: false, ...options });
export const currency = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'currency', { precision: 18, scale: 2, ...options });
export const double = (name: string, precision: number, scale: number, options: FieldOptions = {}): FieldDef =>
  base(name, 'double', { precision, scale, ...options });
export const percent = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'percent', { precision: 5, scale: 2, ...options });
export const int = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'int', { precision: 9, ...options });
export const date = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'date', options);
export const datetime = (name: string, options: FieldOptions = {}): FieldDef => base(name, 'datetime', options);

export const picklist = (name: string, values: readonly string[], options: FieldOptions = {}): FieldDef =>
  base(name, 'picklist', { length: 255, picklistValues: values.map(toPicklistValue), ...options });
export const multiPicklist = (name: string, values: readonly string[], options: FieldOptions = {}): FieldDef =>
  base(name, 'multipicklist', { length: 4099, picklistValues: values.map(toPicklistValue), ...options });

export const lookup = (name: string, referenceTo: readonly string[], relationshipName: string, options: FieldOptions = {}): FieldDef =>
  base(name, 'reference', { length: 18, referenceTo: [...referenceTo], relationshipName, ...options });

/** System audit fields every object has; the org maintains them, clients cannot write them. */
export const auditFields = (): FieldDef[] => [
  lookup('OwnerId', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true }),
  bool('IsDeleted', { createable: false, updateable: false }),
  datetime('CreatedDate', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
  lookup('CreatedById', ['User'], 'CreatedBy', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
  datetime('LastModifiedDate', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
  lookup('LastModifiedById', ['User'], 'LastModifiedBy', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
  datetime('SystemModstamp', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
];

/** A compound address: the components are real fields; the compound is select-only over REST. */
export const address = (prefix: string): FieldDef[] => {
  const compound = `${prefix}Address`;
  const part = (suffix: string, length: number): FieldDef => text(`${prefix}${suffix}`, length, { compoundFieldName: compound });
  return [
    part('Street', 255),
    part('City', 40),
    part('State', 80),
    part('PostalCode', 20),
    part('Country', 80),
    base(compound, 'address', { createable: false, updateable: false }),
  ];
};

const toPicklistValue = (value: string, index: number): PicklistValue => ({
  value,
  label: value,
  active: true,
  defaultValue: index === -1,
});
