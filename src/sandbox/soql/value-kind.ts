import type { FieldDef } from '../schema/object-schema.ts';
import type { FieldValue } from '../org/sobject-record.ts';
import { to15, to18 } from '../../domain/salesforce-id.ts';

/**
 * How SOQL compares a field's values: text case-insensitively, ids in either the 15- or the
 * 18-character form, dates and datetimes as the store's sortable strings.
 */
export type ValueKind = 'text' | 'multi' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'compound';

export const valueKindOf = (field: FieldDef): ValueKind => {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'multipicklist':
      return 'multi';
    case 'currency':
    case 'double':
    case 'percent':
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'address':
      return 'compound';
    default:
      return 'text';
  }
};

/**
 * An id as a query may spell it: 15 case-sensitive characters, or 18 whose 3-character
 * suffix may be in any case (the 18-char form exists to survive case-insensitive tools).
 */
export const isIdLiteral = (value: string): boolean => /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(value);

/** Any casing of an 18-char id, or its 15-char form, to the canonical 18-char form. */
export const canonicalId = (id: string): string => (id.length === 18 ? to18(to15(id)) : to18(id));

/** Record values are stored canonical; only a 15-char value needs widening. */
export const storedIdKey = (value: string): string => (value.length === 15 ? to18(value) : value);

/** Comparison key of a non-null value: what `=`, `<`, IN and GROUP BY compare. */
export const comparisonKey = (kind: ValueKind): ((value: string | number | boolean) => string | number | boolean) => {
  switch (kind) {
    case 'text':
    case 'multi':
      return (v) => (typeof v === 'string' ? v.toLowerCase() : v);
    case 'id':
      return (v) => (typeof v === 'string' ? storedIdKey(v) : v);
    default:
      return (v) => v;
  }
};

/**
 * ORDER BY key: picklists sort in their defined value order (as Salesforce does), unknown
 * values after them alphabetically; booleans false before true; text case-insensitively.
 */
export const sortKey = (field: FieldDef): ((value: FieldValue) => string | number) => {
  if (field.type === 'picklist' && field.picklistValues.length > 0) {
    const order = new Map(field.picklistValues.map((p, i) => [p.value.toLowerCase(), String(i).padStart(6, '0')]));
    return (v) => {
      const lower = String(v).toLowerCase();
      return order.get(lower) ?? `~${lower}`;
    };
  }
  const kind = valueKindOf(field);
  if (kind === 'boolean') return (v) => (v === true ? 1 : 0);
  if (kind === 'number') return (v) => Number(v);
  if (kind === 'text' || kind === 'multi') return (v) => String(v).toLowerCase();
  return (v) => String(v);
};
