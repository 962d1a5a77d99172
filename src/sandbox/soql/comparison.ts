import type { FieldDef } from '../schema/object-schema.ts';
import type { FieldValue } from '../org/sobject-record.ts';
import type { Bindable, CompileContext, Getter, Predicate, QueryEnv } from './query-env.ts';
import type { Literal } from './literals.ts';
import { formatDate, formatDatetime } from './literals.ts';
import { dateLiteralRange, isSupportedDateLiteral } from './date-literals.ts';
import { canonicalId, comparisonKey, isIdLiteral, storedIdKey, valueKindOf } from './value-kind.ts';
import type { ValueKind } from './value-kind.ts';
import { invalidField, invalidFilterOperator, malformedQuery } from './soql-error.ts';
import { likeToRegExp } from './like-pattern.ts';

/** The left side of a condition: a field path in WHERE, a grouped field or aggregate in HAVING. */
export type Operand<R> = { field: FieldDef; name: string; bind: Bindable<Getter<R>> };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

/** A literal checked against the field's kind and reduced to what values are compared with. */
type CheckedLiteral = { kind: 'null' } | { kind: 'value'; value: string | number | boolean } | { kind: 'range'; name: string; n: number | null };

const TYPE_NAMES: Partial<Record<ValueKind, string>> = {
  text: 'string', multi: 'string', id: 'id', number: 'double', boolean: 'boolean', date: 'date', datetime: 'dateTime',
};

const typeMismatch = (ctx: CompileContext, name: string, kind: ValueKind): Error => {
  const quoted = kind === 'text' || kind === 'multi' || kind === 'id';
  return invalidField(
    ctx.soql,
    `value of filter criterion for field '${name}' must be of type ${TYPE_NAMES[kind] ?? kind} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
    name,
  );
};

const checkLiteral = (ctx: CompileContext, name: string, kind: ValueKind, literal: Literal): CheckedLiteral => {
  if (literal.kind === 'null') return { kind: 'null' };
  const ok = (value: string | number | boolean): CheckedLiteral => ({ kind: 'value', value });
  switch (kind) {
    case 'text':
    case 'multi':
      // Salesforce stores blank text as null, so `= ''` finds the blanks.
      if (literal.kind === 'string') return literal.value === '' ? { kind: 'null' } : ok(literal.value);
      break;
    case 'id':
      if (literal.kind === 'string') {
        if (literal.value === '') return { kind: 'null' };
        if (!isIdLiteral(literal.value)) throw invalidFilterOperator(ctx.soql, `invalid ID field: ${literal.value}`, name);
        return ok(canonicalId(literal.value));
      }
      break;
    case 'number':
    case 'boolean':
      if (literal.kind === (kind === 'number' ? 'number' : 'boolean')) return ok(literal.value as number | boolean);
      break;
    case 'date':
    case 'datetime':
      if (literal.kind === kind) return ok(literal.value);
      if (literal.kind === 'dateLiteral') {
        if (!isSupportedDateLiteral(literal.name, literal.n)) throw malformedQuery(ctx.soql, `unexpected token: '${literal.name}'`, literal.name);
        return { kind: 'range', name: literal.name, n: literal.n };
      }
      break;
    case 'compound':
      break;
  }
  throw typeMismatch(ctx, name, kind);
};

/** `= value` for one non-null operand; ranges (date literals) mean "within the range". */
const bindEquals = (kind: ValueKind, operand: CheckedLiteral, env: QueryEnv): ((v: FieldValue) => boolean) => {
  if (operand.kind === 'null') return (v) => v === null;
  if (operand.kind === 'range') {
    const [start, end] = rangeBounds(kind, operand, env);
    return (v) => v !== null && v >= start && v < end;
  }
  const lit = operand.value;
  switch (kind) {
    case 'text': {
      const lower = String(lit).toLowerCase();
      return (v) => v === lit || (typeof v === 'string' && v.toLowerCase() === lower);
    }
    case 'multi': {
      const wanted = splitMulti(String(lit));
      return (v) => typeof v === 'string' && sameSet(splitMulti(v), wanted);
    }
    case 'id':
      return (v) => v === lit || (typeof v === 'string' && v.length === 15 && storedIdKey(v) === lit);
    default:
      return (v) => v === lit;
  }
};

const rangeBounds = (kind: ValueKind, operand: { name: string; n: number | null }, env: QueryEnv): [string, string] => {
  const range = dateLiteralRange(operand.name, operand.n, env.now);
  if (!range) throw new Error(`unsupported date literal ${operand.name}`);
  const format = kind === 'date' ? formatDate : formatDatetime;
  return [format(range.start), format(range.end)];
};

const splitMulti = (value: string): Set<string> =>
  new Set(value.split(';').map((part) => part.trim().toLowerCase()).filter((part) => part !== ''));

const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

const bindOrdering = <R>(get: Getter<R>, kind: ValueKind, op: '<' | '<=' | '>' | '>=', operand: CheckedLiteral, env: QueryEnv): Predicate<R> => {
  if (operand.kind === 'null') return () => false;
  if (operand.kind === 'range') {
    // Against a range, `<` means before its start, `>` after its end (Salesforce's semantics).
    const [start, end] = rangeBounds(kind, operand, env);
    if (op === '<') return (row) => { const v = get(row); return v !== null && v < start; };
    if (op === '<=') return (row) => { const v = get(row); return v !== null && v < end; };
    if (op === '>') return (row) => { const v = get(row); return v !== null && v >= end; };
    return (row) => { const v = get(row); return v !== null && v >= start; };
  }
  const lit = operand.value;
  if (kind === 'text' || kind === 'multi' || kind === 'id') {
    const key = comparisonKey(kind);
    const k = key(lit);
    if (op === '<') return (row) => { const v = get(row); return v !== null && key(v) < k; };
    if (op === '<=') return (row) => { const v = get(row); return v !== null && key(v) <= k; };
    if (op === '>') return (row) => { const v = get(row); return v !== null && key(v) > k; };
    return (row) => { const v = get(row); return v !== null && key(v) >= k; };
  }
  // Numbers, booleans and the store's date strings compare as they are: the hot path of
  // `SystemModstamp >= …` cursors, kept free of per-row conversions.
  if (op === '<') return (row) => { const v = get(row); return v !== null && v < lit; };
  if (op === '<=') return (row) => { const v = get(row); return v !== null && v <= lit; };
  if (op === '>') return (row) => { const v = get(row); return v !== null && v > lit; };
  return (row) => { const v = get(row); return v !== null && v >= lit; };
};

const bindIn = <R>(get: Getter<R>, kind: ValueKind, operands: CheckedLiteral[], env: QueryEnv): Predicate<R> => {
  if (kind === 'multi' || operands.some((o) => o.kind === 'range')) {
    const tests = operands.map((o) => bindEquals(kind, o, env));
    return (row) => { const v = get(row); return tests.some((t) => t(v)); };
  }
  const key = comparisonKey(kind);
  const hasNull = operands.some((o) => o.kind === 'null');
  const set = new Set(operands.flatMap((o) => (o.kind === 'value' ? [key(o.value)] : [])));
  return (row) => { const v = get(row); return v === null ? hasNull : set.has(key(v)); };
};

const bindIncludes = <R>(get: Getter<R>, operands: CheckedLiteral[]): Predicate<R> => {
  const groups = operands.flatMap((o) => (o.kind === 'value' ? [[...splitMulti(String(o.value))]] : []));
  return (row) => {
    const v = get(row);
    if (typeof v !== 'string') return false;
    const parts = splitMulti(v);
    return groups.some((group) => group.every((x) => parts.has(x)));
  };
};

export const compileComparison = <R>(
  ctx: CompileContext,
  left: Operand<R>,
  rawOperator: string,
  literals: Literal[],
): Bindable<Predicate<R>> => {
  const op = (rawOperator === '<>' ? '!=' : rawOperator.toUpperCase()) as ComparisonOperator;
  const kind = valueKindOf(left.field);
  if (op === 'LIKE' && kind !== 'text') {
    throw invalidFilterOperator(ctx.soql, `invalid operator on ${kind === 'id' ? 'id' : left.field.type} field: ${left.name}`, left.name);
  }
  if ((op === 'INCLUDES' || op === 'EXCLUDES') && kind !== 'multi') {
    throw invalidFilterOperator(ctx.soql, `includes or excludes operator only valid on multipicklist field: ${left.name}`, left.name);
  }
  const operands = literals.map((literal) => checkLiteral(ctx, left.name, kind, literal));
  const first = operands[0] ?? { kind: 'null' };
  const likeSource = literals[0]?.kind === 'string' ? literals[0].raw : '';

  return (env) => {
    const get = left.bind(env);
    switch (op) {
      case '=': {
        const test = bindEquals(kind, first, env);
        return (row) => test(get(row));
      }
      case '!=': {
        // SOQL's `!=` keeps nulls (unlike SQL): `Name != 'x'` matches blank names.
        const test = bindEquals(kind, first, env);
        return (row) => !test(get(row));
      }
      case '<':
      case '<=':
      case '>':
      case '>=':
        return bindOrdering(get, kind, op, first, env);
      case 'IN':
        return bindIn(get, kind, operands, env);
      case 'NOT IN': {
        const inner = bindIn(get, kind, operands, env);
        return (row) => !inner(row);
      }
      case 'LIKE': {
        if (first.kind === 'null') return () => false;
        const re = likeToRegExp(likeSource);
        return (row) => { const v = get(row); return typeof v === 'string' && re.test(v); };
      }
      case 'INCLUDES':
        return bindIncludes(get, operands);
      case 'EXCLUDES': {
        const inner = bindIncludes(get, operands);
        return (row) => !inner(row);
      }
    }
  };
};
