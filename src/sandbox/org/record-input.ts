import type { FieldDef, ObjectDef, SchemaCatalog } from '../schema/object-schema.ts';
import { coerceFieldValue } from './field-coercion.ts';
import { recordError, RecordWriteError, type RecordError } from './record-error.ts';
import type { FieldValue, SObjectRecord } from './sobject-record.ts';

/**
 * The checks a write's body goes through before it touches a record, reported all at once as
 * Salesforce does: unknown fields, read-only fields for the operation, values of the wrong type
 * or length; then required fields left empty.
 */
export const coerceRecordInput = (catalog: SchemaCatalog, def: ObjectDef, input: Record<string, unknown>, mode: 'create' | 'update'): Map<string, FieldValue> => {
  const values = new Map<string, FieldValue>();
  const errors: RecordError[] = [];
  const readOnly: string[] = [];
  for (const [name, raw] of Object.entries(input)) {
    if (name === 'attributes' || (mode === 'update' && name.toLowerCase() === 'id')) continue;
    const field: FieldDef | undefined = catalog.field(def.name, name);
    if (!field) {
      errors.push(recordError('INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`, [name]));
      continue;
    }
    if (mode === 'create' ? !field.createable : !field.updateable) {
      readOnly.push(field.name);
      continue;
    }
    const coerced = coerceFieldValue(field, raw);
    if (coerced.ok) values.set(field.name, coerced.value);
    else errors.push(coerced.error);
  }
  if (readOnly.length > 0) {
    errors.push(recordError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly));
  }
  if (errors.length > 0) throw new RecordWriteError(errors);
  return values;
};

/**
 * REQUIRED_FIELD_MISSING for required fields the record leaves null: on create every required,
 * createable, non-defaulted field; on update only the fields the body sets (to null).
 */
export const requireFields = (def: ObjectDef, record: SObjectRecord, mode: 'create' | 'update', changed: ReadonlyMap<string, FieldValue>): void => {
  const missing = def.fields.filter((f) => !f.nillable && f.type !== 'boolean' && record[f.name] === null
    && (mode === 'create' ? f.createable && !f.defaultedOnCreate : changed.has(f.name)));
  if (missing.length > 0) {
    throw new RecordWriteError([recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`, missing.map((f) => f.name))]);
  }
};
