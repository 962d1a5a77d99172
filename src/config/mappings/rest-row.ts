import type { RawValue } from './value-conversion.ts';

/**
 * REST query records nest parent fields (`Owner: { attributes, ManagerId }`) where Bulk CSV
 * has one `Owner.ManagerId` column. Flattening REST records to the CSV's keys lets one
 * normalizer serve both. `attributes` is dropped; an empty lookup (`Owner: null`) leaves its
 * paths out, which the normalizer reads as null.
 */
export const flattenRestRecord = (record: Readonly<Record<string, unknown>>): Record<string, RawValue> => {
  // Collected then built in one go: an object grown key by key past ~20 keys drops to V8's
  // slow dictionary mode, which halves the normalizer's speed.
  const out: [string, RawValue][] = [];
  const walk = (node: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const key in node) {
      if (key === 'attributes') continue;
      const value = node[key];
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, `${prefix}${key}.`);
      else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push([`${prefix}${key}`, value]);
    }
  };
  walk(record, '');
  return Object.fromEntries(out);
};
