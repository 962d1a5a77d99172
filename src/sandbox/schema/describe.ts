import type { FieldDef, FieldType, ObjectDef } from './object-schema.ts';

/** Renders ObjectDef/FieldDef as the JSON that describeGlobal and sobjects/X/describe return. */
const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', picklist: 'xsd:string',
  multipicklist: 'xsd:string', email: 'xsd:string', url: 'xsd:string', phone: 'xsd:string', boolean: 'xsd:boolean',
  currency: 'xsd:double', double: 'xsd:double', percent: 'xsd:double', int: 'xsd:int', date: 'xsd:date',
  datetime: 'xsd:dateTime', address: 'urn:address',
};

const objectUrls = (def: ObjectDef, version: string): Record<string, string> => {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
};

export const describeGlobalEntry = (def: ObjectDef, version: string): Record<string, unknown> => ({
  name: def.name,
  label: def.label,
  labelPlural: def.labelPlural,
  keyPrefix: def.keyPrefix,
  custom: def.custom,
  customSetting: false,
  queryable: def.queryable,
  retrieveable: def.queryable,
  searchable: true,
  createable: def.createable,
  updateable: def.updateable,
  deletable: def.deletable,
  undeletable: def.deletable,
  mergeable: def.name === 'Account' || def.name === 'Contact',
  replicateable: true,
  triggerable: true,
  layoutable: true,
  deprecatedAndHidden: false,
  urls: objectUrls(def, version),
});

export const describeField = (f: FieldDef): Record<string, unknown> => ({
  name: f.name,
  label: f.label,
  type: f.type,
  soapType: SOAP_TYPES[f.type],
  length: f.length,
  byteLength: f.length * 3,
  precision: f.precision,
  scale: f.scale,
  digits: f.type === 'int' ? f.precision : 0,
  nillable: f.nillable,
  createable: f.createable,
  updateable: f.updateable,
  filterable: f.filterable,
  sortable: f.sortable,
  groupable: f.groupable,
  aggregatable: f.filterable && f.type !== 'boolean',
  externalId: f.externalId,
  unique: f.unique,
  idLookup: f.idLookup,
  custom: f.custom,
  calculated: f.calculated,
  autoNumber: false,
  caseSensitive: false,
  defaultedOnCreate: f.defaultedOnCreate,
  defaultValue: f.defaultValue,
  nameField: f.name === 'Name',
  namePointing: f.referenceTo.length > 1,
  polymorphicForeignKey: f.referenceTo.length > 1,
  referenceTo: f.referenceTo,
  relationshipName: f.relationshipName,
  relationshipOrder: null,
  cascadeDelete: false,
  restrictedDelete: false,
  picklistValues: f.picklistValues.map((p) => ({ ...p, validFor: null })),
  restrictedPicklist: f.restrictedPicklist,
  dependentPicklist: false,
  controllerName: null,
  compoundFieldName: f.compoundFieldName,
  deprecatedAndHidden: false,
  htmlFormatted: false,
  inlineHelpText: null,
  permissionable: f.nillable && f.custom,
  writeRequiresMasterRead: false,
});

export const describeObject = (def: ObjectDef, version: string): Record<string, unknown> => ({
  ...describeGlobalEntry(def, version),
  fields: def.fields.map(describeField),
  childRelationships: def.childRelationships.map((r) => ({
    ...r, cascadeDelete: false, restrictedDelete: false, deprecatedAndHidden: false, junctionIdListNames: [], junctionReferenceTo: [],
  })),
  recordTypeInfos: [],
  supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
  urls: { ...objectUrls(def, version), compactLayouts: `/services/data/v${version}/sobjects/${def.name}/describe/compactLayouts` },
});
