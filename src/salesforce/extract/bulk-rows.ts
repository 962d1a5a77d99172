import type { RawRow } from './extract-types.ts';

/**
 * REST returns parent fields as nested objects (`Owner: { attributes, ManagerId }`); Bulk CSV
 * names them by path (`Owner.ManagerId`). Flattening REST rows to paths gives the normalizer
 * one shape for both. A null parent yields null for each selected path under it.
 */
export const flattenRestRecord = (record: Record<string, unknown>, paths: readonly string[]): RawRow => {
  const row: RawRow = {};
  for (const path of paths) {
    let value: unknown = record;
    for (const part of path.split('.')) {
      if (value === null || value === undefined || typeof value !== 'object') {
        value = null;
        break;
      }
      // REST keys use the schema's casing; the mapping may not.
      const obj = value as Record<string, unknown>;
      value = part in obj ? obj[part] : obj[Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase()) ?? part];
    }
    row[path] = value === undefined || (typeof value === 'object' && value !== null) ? null : (value as string | number | boolean | null);
  }
  return row;
};

/** Bulk CSV rows: the header gives the paths; empty cells are null (Bulk cannot tell them apart). */
export const bulkRowsToRaw = (columns: readonly string[], rows: readonly string[][]): RawRow[] =>
  rows.map((cells) => {
    const row: RawRow = {};
    for (let i = 0; i < columns.length; i++) {
      const cell = cells[i] ?? '';
      row[columns[i]!] = cell === '' ? null : cell;
    }
    return row;
  });
