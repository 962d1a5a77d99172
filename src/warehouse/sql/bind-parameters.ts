import type { SqlDialect } from './sql-dialect.ts';

/**
 * Usage SQL (ours and the user's) names its two parameters `:from` and `:to`, the inclusive UTC
 * days of the range. Each warehouse wants its own marker, so the text is rewritten once, here,
 * skipping string literals, quoted identifiers, comments and dollar-quoted bodies: a ':to' inside
 * 'a:to' or "col:to" is text, not a parameter. A name glued to what precedes it is not one either
 * (`payload:from` is a Snowflake path, `x::to` a cast).
 */
export type ParameterName = 'from' | 'to';

export type BoundSql = {
  text: string;
  /**
   * What each placeholder binds, in order: per distinct name for `$n` (numbered by first use)
   * and `@name`, per occurrence for `?`.
   */
  parameters: readonly ParameterName[];
};

const PARAMETER = /^:(from|to)(?![A-Za-z0-9_$])/;
const GLUED = /[A-Za-z0-9_$:.\]"`]/;

/** Index just past the literal or quoted identifier opening at `start`. */
const endOfQuoted = (sql: string, start: number, quote: string, backslashEscapes: boolean): number => {
  for (let i = start + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i++;
    } else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++; // a doubled quote is an escaped quote
    }
  }
  return sql.length;
};

const endOf = (sql: string, from: number, terminator: string): number => {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
};

/** Length of the verbatim run (literal, identifier, comment) starting at `i`, or 0. */
const skippable = (sql: string, i: number, dialect: Pick<SqlDialect, 'backslashEscapes'>): number => {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'") return endOfQuoted(sql, i, "'", dialect.backslashEscapes) - i;
  if (c === '"') return endOfQuoted(sql, i, '"', false) - i;
  if (c === '`') return endOfQuoted(sql, i, '`', true) - i;
  if (c === '-' && next === '-') return endOf(sql, i + 2, '\n') - i;
  if (c === '/' && next === '*') return endOf(sql, i + 2, '*/') - i;
  if (c === '$' && next === '$') return endOf(sql, i + 2, '$$') - i;
  return 0;
};

export const bindParameters = (sql: string, dialect: Pick<SqlDialect, 'placeholders' | 'backslashEscapes'>): BoundSql => {
  const distinct: ParameterName[] = [];
  const occurrences: ParameterName[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const verbatim = skippable(sql, i, dialect);
    if (verbatim > 0) {
      text += sql.slice(i, i + verbatim);
      i += verbatim;
      continue;
    }
    const match = sql[i] === ':' && !GLUED.test(sql[i - 1] ?? ' ') ? PARAMETER.exec(sql.slice(i, i + 6)) : null;
    if (match === null) {
      text += sql[i];
      i++;
      continue;
    }
    const name = match[1] as ParameterName;
    if (!distinct.includes(name)) distinct.push(name);
    occurrences.push(name);
    if (dialect.placeholders === 'numbered') text += `$${distinct.indexOf(name) + 1}`;
    else if (dialect.placeholders === 'question') text += '?';
    else text += `@${name}`;
    i += match[0].length;
  }
  return { text, parameters: dialect.placeholders === 'question' ? occurrences : distinct };
};
