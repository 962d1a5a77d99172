import type { FieldValue, SObjectRecord } from '../org/sobject-record.ts';
import type { QueryEnv } from './query-env.ts';
import type { BulkColumn } from './record-plan.ts';
import { valueKindOf } from './value-kind.ts';

type Cell = (record: SObjectRecord) => string;

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting, only where a value needs it (comma, quote, CR or LF). */
export const csvEscape = (text: string): string => (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * Bulk API 2.0 CSV writes datetimes in the Z form (`2024-01-01T00:00:00.000Z`) where REST
 * JSON writes `+0000`; nulls as empty fields; booleans as true/false.
 */
const cellFor = (column: BulkColumn, env: QueryEnv): Cell => {
  const get = column.path.bind(env);
  switch (valueKindOf(column.path.field)) {
    case 'datetime':
      return (r) => {
        const v = get(r);
        return typeof v === 'string' ? (v.endsWith('+0000') ? v.slice(0, -5) + 'Z' : v) : '';
      };
    case 'boolean':
      return (r) => {
        const v = get(r);
        return v === null ? '' : v ? 'true' : 'false';
      };
    case 'id':
    case 'date':
    case 'number':
      // Never contain a delimiter: skip the quoting test.
      return (r) => {
        const v = get(r);
        return v === null ? '' : String(v);
      };
    default:
      return (r) => {
        const v: FieldValue = get(r);
        return v === null ? '' : csvEscape(String(v));
      };
  }
};

export type BulkRowFormatter = {
  /** Raw values (unquoted), in column order. */
  row(record: SObjectRecord): string[];
  /** One CSV line without its line ending. */
  line(record: SObjectRecord): string;
};

export const bindBulkFormatter = (columns: readonly BulkColumn[], env: QueryEnv): BulkRowFormatter => {
  const raw = columns.map((c) => {
    const get = c.path.bind(env);
    const kind = valueKindOf(c.path.field);
    return (r: SObjectRecord): string => {
      const v = get(r);
      if (v === null) return '';
      if (kind === 'datetime' && typeof v === 'string' && v.endsWith('+0000')) return v.slice(0, -5) + 'Z';
      return String(v);
    };
  });
  const cells = columns.map((c) => cellFor(c, env));
  const n = cells.length;
  return {
    row: (record) => raw.map((cell) => cell(record)),
    line: (record) => {
      let out = n > 0 ? (cells[0] as Cell)(record) : '';
      for (let i = 1; i < n; i++) out += ',' + (cells[i] as Cell)(record);
      return out;
    },
  };
};

export const bulkHeaderLine = (columns: readonly BulkColumn[]): string => columns.map((c) => csvEscape(c.header)).join(',');
