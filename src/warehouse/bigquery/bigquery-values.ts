import type { RawUsageRow } from '../../pipeline/usage-source.port.ts';
import type { BigQueryField, BigQueryRow } from './bigquery-replies.ts';

/**
 * BigQuery's REST rows carry every scalar as a string: INT64 as decimal text, TIMESTAMP as epoch
 * seconds in float notation ("1.7672256E9", "1.767225600123456E9"), DATE as 'YYYY-MM-DD'.
 * Timestamps are read digit by digit, not through a float: 1767225600.123 as a double times 1000
 * lands on …122.99 and would lose a millisecond.
 */
export const epochSecondsText = (text: string): Date | string => {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) return text;
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  const digits = `${whole}${frac}`;
  const point = whole.length + Number(exp);
  if (point < 0 || point > 20) return text;
  const padded = digits.padEnd(point + 3, '0');
  const ms = Number(padded.slice(0, point + 3) || '0');
  return new Date(sign === '-' ? -ms : ms);
};

const integer = (text: string): number | bigint | string => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : /^-?\d+$/.test(text) ? BigInt(text) : text;
};

export const bigQueryValue = (value: unknown, field: BigQueryField): unknown => {
  if (value === null || value === undefined || typeof value !== 'string') return value ?? null;
  switch (field.type.toUpperCase()) {
    case 'INTEGER':
    case 'INT64':
      return integer(value);
    case 'FLOAT':
    case 'FLOAT64':
      return Number(value);
    case 'BOOLEAN':
    case 'BOOL':
      return value === 'true';
    case 'TIMESTAMP':
      return epochSecondsText(value);
    default:
      // STRING, DATE ('YYYY-MM-DD'), NUMERIC (exact decimal text) and DATETIME stay text.
      return value;
  }
};

/** Rows keyed by (lower-case) field name, values typed by the schema. */
export const bigQueryRows = (fields: readonly BigQueryField[], rows: readonly BigQueryRow[]): RawUsageRow[] => {
  const names = fields.map((f) => f.name.toLowerCase());
  return rows.map((row) => {
    const out: RawUsageRow = {};
    for (let i = 0; i < fields.length; i++) out[names[i]!] = bigQueryValue(row.f[i]?.v ?? null, fields[i]!);
    return out;
  });
};
