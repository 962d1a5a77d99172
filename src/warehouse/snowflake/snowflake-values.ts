import type { RawUsageRow } from '../../pipeline/usage-source.port.ts';
import type { SnowflakeColumn } from './snowflake-replies.ts';

/**
 * In the SQL API's jsonv2 format every cell is a string (or null), typed by rowType:
 * fixed → decimal text ("12", "1.50"), real → float text, boolean → "true"/"false",
 * date → days since the epoch ("20458"), time and timestamp_ntz/ltz → epoch seconds with a
 * fraction ("1767225600.000000000"), timestamp_tz → the same then a space and the offset in
 * minutes plus 1440 (the instant is the epoch seconds either way). Column names come back
 * lower-cased (see raw-rows: unquoted aliases arrive upper-cased).
 */
const DAY_MS = 86_400_000;

/** Epoch seconds text to a Date, to the millisecond, without float rounding of the fraction. */
const epochSeconds = (text: string): Date | string => {
  const m = /^(-?\d+)(?:\.(\d+))?/.exec(text);
  if (m === null) return text;
  const fraction = Number((m[2] ?? '').slice(0, 3).padEnd(3, '0'));
  return new Date(Number(m[1]) * 1000 + (m[1]!.startsWith('-') ? -fraction : fraction));
};

const fixed = (text: string, scale: number | null | undefined): number | bigint | string => {
  if ((scale ?? 0) > 0) return Number(text);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : /^-?\d+$/.test(text) ? BigInt(text) : text;
};

export const snowflakeValue = (text: string | null, column: SnowflakeColumn): unknown => {
  if (text === null) return null;
  switch (column.type.toLowerCase()) {
    case 'fixed':
    case 'number':
      return fixed(text, column.scale);
    case 'real':
    case 'float':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'date':
      return /^-?\d+$/.test(text) ? new Date(Number(text) * DAY_MS).toISOString().slice(0, 10) : text;
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return epochSeconds(text);
    default:
      return text;
  }
};

/** Turns jsonv2 rows into rows keyed by (lower-case) column name. */
export const snowflakeRows = (columns: readonly SnowflakeColumn[], cells: readonly (readonly (string | null)[])[]): RawUsageRow[] => {
  const names = columns.map((c) => c.name.toLowerCase());
  return cells.map((row) => {
    const out: RawUsageRow = {};
    for (let i = 0; i < columns.length; i++) out[names[i]!] = snowflakeValue(row[i] ?? null, columns[i]!);
    return out;
  });
};
