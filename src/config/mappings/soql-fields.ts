import { SextantError } from '../../domain/sextant-error.ts';
import { SYSTEM_SOURCE_FIELDS } from './canonical-fields.ts';
import { isCompoundType, type ObjectDescribe } from './object-describe.ts';
import type { ObjectMapping } from './object-mapping.ts';

/**
 * The SELECT list the extract sends for a mapping: Id, IsDeleted and SystemModstamp first (the
 * cursor and delete tracking need them), then every mapped field once, in file order.
 * Fields are compared case-insensitively, as SOQL does; the first spelling wins.
 */

/** Standard compound fields, recognised even without a describe to hand. */
const STANDARD_COMPOUNDS = new Set(['billingaddress', 'shippingaddress', 'mailingaddress', 'otheraddress', 'address']);

const isCompound = (path: string, describe: ObjectDescribe | undefined): boolean => {
  if (path.includes('.')) return STANDARD_COMPOUNDS.has(path.slice(path.lastIndexOf('.') + 1).toLowerCase());
  const lower = path.toLowerCase();
  const field = describe?.fields.find((f) => f.name.toLowerCase() === lower);
  return field ? isCompoundType(field.type) : STANDARD_COMPOUNDS.has(lower);
};

/**
 * Throws MAPPING_COMPOUND_FIELD rather than leaving a compound field out: a silently dropped
 * column would be stored as null on every row. `sextant doctor` reports the same earlier.
 */
export const soqlFieldList = (mapping: ObjectMapping, describe?: ObjectDescribe): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (name: string): void => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(name);
  };
  Object.values(SYSTEM_SOURCE_FIELDS).forEach(add);
  for (const m of [...mapping.fields, ...mapping.extra]) {
    if (isCompound(m.from, describe)) {
      throw new SextantError('MAPPING_COMPOUND_FIELD', `${m.at.file}:${m.at.line}:${m.at.col} ${m.from} is a compound field, which Bulk API 2.0 cannot read`, {
        kind: 'config',
        path: `${m.at.file}:${m.at.line}:${m.at.col}`,
        hints: ['Map the component fields instead (BillingCity, BillingCountry …).'],
      });
    }
    add(m.from);
  }
  return out;
};
