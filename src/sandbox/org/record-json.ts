import type { FieldDef, ObjectDef } from '../schema/object-schema.ts';
import type { FieldValue, SObjectRecord } from './sobject-record.ts';

/** A record as REST returns it: `attributes` first, then fields in describe order. */
export const recordAttributes = (objectName: string, id: string, version: string): { type: string; url: string } => ({
  type: objectName,
  url: `/services/data/v${version}/sobjects/${objectName}/${id}`,
});

const COMPOUND_PARTS: Record<string, string> = { Street: 'street', City: 'city', State: 'state', PostalCode: 'postalCode', Country: 'country' };

/** Compound address fields are returned as an object assembled from their component fields. */
const compoundValue = (def: ObjectDef, field: FieldDef, record: SObjectRecord): Record<string, FieldValue> | null => {
  const prefix = field.name.replace(/Address$/, '');
  const value: Record<string, FieldValue> = {};
  let any = false;
  for (const [suffix, key] of Object.entries(COMPOUND_PARTS)) {
    const v = record[`${prefix}${suffix}`] ?? null;
    value[key] = v;
    if (v !== null) any = true;
  }
  return any && def.fields.length > 0 ? { ...value, geocodeAccuracy: null, latitude: null, longitude: null } : null;
};

export const renderRecord = (def: ObjectDef, record: SObjectRecord, version: string, only?: readonly FieldDef[]): Record<string, unknown> => {
  const out: Record<string, unknown> = { attributes: recordAttributes(def.name, record.Id as string, version) };
  for (const field of only ?? def.fields) {
    out[field.name] = field.type === 'address' ? compoundValue(def, field, record) : (record[field.name] ?? null);
  }
  return out;
};
