import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import { malformedQuery } from './soql-error.ts';

/**
 * A WHERE literal, decoded from the parser's raw text. Datetimes are normalised to the org
 * store's encoding (UTC, `YYYY-MM-DDTHH:mm:ss.SSS+0000`) so filters compare plain strings.
 */
export type Literal =
  | { kind: 'null' }
  /** `raw` keeps the escapes, which LIKE needs to tell `\%` from `%`. */
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'dateLiteral'; name: string; n: number | null };

const ESCAPES: Record<string, string> = {
  n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f',
  '"': '"', "'": "'", '\\': '\\', _: '_', '%': '%',
};

export const unescapeSoqlString = (soql: string, raw: string): string =>
  raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (whole, code: string) => {
    if (code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
    const ch = ESCAPES[code];
    if (ch === undefined) throw malformedQuery(soql, `Invalid string literal '${raw}'. Illegal character sequence '${whole}' in string literal.`);
    return ch;
  });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?(Z|[+-]\d{2}:?\d{2})$/;

const validDate = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** `2024-01-01T00:00:00+05:30` → `2023-12-31T18:30:00.000+0000`. */
export const normalizeDatetime = (text: string): string | null => {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === '-' ? -1 : 1);
  }
  const epoch = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
  return formatDatetime(epoch);
};

export const formatDatetime = (epochMs: number): string => new Date(epochMs).toISOString().replace('Z', '+0000');

export const formatDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

const parseDate = (text: string): string | null => {
  const m = DATE.exec(text);
  return m && validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
};

export const parseLiteral = (soql: string, raw: string, type: LiteralType | undefined): Literal => {
  switch (type) {
    case 'NULL':
      return { kind: 'null' };
    case 'STRING': {
      const inner = raw.slice(1, -1);
      return { kind: 'string', value: unescapeSoqlString(soql, inner), raw: inner };
    }
    case 'INTEGER':
    case 'DECIMAL':
      return { kind: 'number', value: Number(raw) };
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      // Multi-currency orgs accept `USD100`; the sandbox org has one currency, so drop the code.
      return { kind: 'number', value: Number(raw.replace(/^[A-Za-z]{3}/, '')) };
    case 'BOOLEAN':
      return { kind: 'boolean', value: raw.toUpperCase() === 'TRUE' };
    case 'DATE': {
      const value = parseDate(raw);
      if (value === null) throw malformedQuery(soql, `value of filter criterion for field is not a valid date: ${raw}`, raw);
      return { kind: 'date', value };
    }
    case 'DATETIME': {
      const value = normalizeDatetime(raw);
      if (value === null) throw malformedQuery(soql, `value of filter criterion is not a valid dateTime: ${raw}`, raw);
      return { kind: 'datetime', value };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      const [name = '', n] = raw.toUpperCase().split(':');
      return { kind: 'dateLiteral', name, n: n === undefined ? null : Number(n) };
    }
    default:
      throw malformedQuery(soql, `unexpected token: '${raw}'`, raw);
  }
};
