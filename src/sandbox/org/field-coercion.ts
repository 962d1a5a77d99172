import type { FieldDef } from '../schema/object-schema.ts';
import { isRecordId, to18 } from '../../domain/salesforce-id.ts';
import type { FieldValue } from './sobject-record.ts';
import { recordError, type RecordError } from './record-error.ts';

/**
 * Turns a value from a JSON body or a Bulk CSV cell into the stored encoding (see
 * sobject-record.ts), or says why Salesforce would refuse it. CSV cells arrive as strings, so
 * every type accepts its string form too.
 */
export type Coerced = { ok: true; value: FieldValue } | { ok: false; error: RecordError };

const fail = (field: FieldDef, statusCode: string, message: string): Coerced => ({ ok: false, error: recordError(statusCode, message, [field.name]) });
const ok = (value: FieldValue): Coerced => ({ ok: true, value });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Salesforce's datetime wire form: always UTC, milliseconds, `+0000`. */
export const formatDateTime = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;

export const formatDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const parseDateTime = (raw: string): Date | null => {
  // Accept what clients send: `Z`, `+0000`, `+00:00`, with or without milliseconds.
  const normalised = raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(normalised)) return null;
  const d = new Date(normalised);
  return Number.isNaN(d.getTime()) ? null : d;
};

const numeric = (field: FieldDef, raw: unknown): Coerced => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`);
  if (field.type === 'int' && !Number.isInteger(n)) return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`);
  const integerDigits = field.precision - field.scale;
  if (field.precision > 0 && Math.abs(Math.trunc(n)) >= 10 ** integerDigits) {
    return fail(field, 'NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${n}`);
  }
  const factor = 10 ** field.scale;
  return ok(field.type === 'int' ? n : Math.round(n * factor) / factor);
};

export const coerceFieldValue = (field: FieldDef, raw: unknown): Coerced => {
  if (raw === null || raw === undefined || raw === '') return ok(field.type === 'boolean' ? false : null);
  switch (field.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const s = String(raw).toLowerCase();
      if (s === 'true' || s === '1') return ok(true);
      if (s === 'false' || s === '0') return ok(false);
      return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`);
    }
    case 'int': case 'double': case 'currency': case 'percent':
      return numeric(field, raw);
    case 'date': {
      const s = String(raw).slice(0, 10);
      const m = DATE.exec(s);
      if (!m || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`);
      return ok(s);
    }
    case 'datetime': {
      const d = typeof raw === 'string' ? parseDateTime(raw) : null;
      if (!d) return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`);
      return ok(formatDateTime(d));
    }
    case 'reference': case 'id': {
      const s = String(raw);
      if (!isRecordId(s)) return fail(field, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${s}`);
      return ok(to18(s));
    }
    case 'picklist': {
      const s = String(raw);
      if (field.restrictedPicklist && !field.picklistValues.some((p) => p.value === s)) {
        return fail(field, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${s}`);
      }
      return lengthChecked(field, s);
    }
    case 'multipicklist': {
      const values = String(raw).split(';').map((v) => v.trim()).filter(Boolean);
      if (field.restrictedPicklist) {
        const bad = values.find((v) => !field.picklistValues.some((p) => p.value === v));
        if (bad !== undefined) return fail(field, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${bad}`);
      }
      return ok(values.join(';'));
    }
    case 'address':
      return fail(field, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`);
    default:
      if (typeof raw === 'object') return fail(field, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type} from ${Array.isArray(raw) ? 'START_ARRAY' : 'START_OBJECT'} value`);
      return lengthChecked(field, String(raw));
  }
};

const lengthChecked = (field: FieldDef, s: string): Coerced => {
  if (field.length > 0 && s.length > field.length) {
    return fail(field, 'STRING_TOO_LONG', `${field.label}: data value too large: ${s.length > 40 ? `${s.slice(0, 37)}...` : s} (max length=${field.length})`);
  }
  return ok(s);
};
