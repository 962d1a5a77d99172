import type { Condition, ConditionWithValueQuery, HavingClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import { unexpectedToken } from './soql-error.ts';

/**
 * The parser returns WHERE as a right-leaning chain of conditions annotated with paren counts
 * (`openParen: 2`, `closeParen: 1`), not as a tree. We re-tokenize that chain and parse it
 * into a proper boolean tree, applying SOQL's rule that AND and OR cannot be mixed at one
 * level without parentheses (Salesforce: "unexpected token: OR").
 */
export type BoolExpr<C> =
  | { kind: 'and' | 'or'; items: BoolExpr<C>[] }
  | { kind: 'not'; item: BoolExpr<C> }
  | { kind: 'cond'; cond: C };

type Token<C> = { t: '(' } | { t: ')' } | { t: 'NOT' } | { t: 'AND' } | { t: 'OR' } | { t: 'cond'; cond: C };

type Chain<C> = { left: C | { openParen?: number } | null; operator?: string; right?: Chain<C> };

const isNegation = (left: unknown): left is { openParen: number } =>
  typeof left === 'object' && left !== null && !('field' in left) && !('fn' in left);

const tokenize = <C extends { openParen?: number; closeParen?: number }>(chain: Chain<C>): Token<C>[] => {
  const out: Token<C>[] = [];
  let node: Chain<C> | undefined = chain;
  while (node) {
    const { left, operator } = node;
    if (operator === 'NOT' && (left === null || isNegation(left))) {
      for (let i = 0; i < (left?.openParen ?? 0); i++) out.push({ t: '(' });
      out.push({ t: 'NOT' });
      node = node.right;
      continue;
    }
    const cond = left as C;
    for (let i = 0; i < (cond.openParen ?? 0); i++) out.push({ t: '(' });
    out.push({ t: 'cond', cond });
    for (let i = 0; i < (cond.closeParen ?? 0); i++) out.push({ t: ')' });
    if (operator === 'AND' || operator === 'OR') out.push({ t: operator });
    node = operator ? node.right : undefined;
  }
  return out;
};

const parseTokens = <C>(soql: string, tokens: Token<C>[]): BoolExpr<C> => {
  let pos = 0;
  const unary = (): BoolExpr<C> => {
    const tok = tokens[pos++];
    if (!tok) throw unexpectedToken(soql, '');
    if (tok.t === 'NOT') return { kind: 'not', item: unary() };
    if (tok.t === 'cond') return { kind: 'cond', cond: tok.cond };
    if (tok.t === '(') {
      const inner = expr();
      if (tokens[pos++]?.t !== ')') throw unexpectedToken(soql, '');
      return inner;
    }
    throw unexpectedToken(soql, tok.t);
  };
  const expr = (): BoolExpr<C> => {
    const first = unary();
    const op = tokens[pos]?.t;
    if (op !== 'AND' && op !== 'OR') return first;
    const items = [first];
    while (tokens[pos]?.t === op) {
      pos++;
      items.push(unary());
    }
    const next = tokens[pos]?.t;
    if (next === 'AND' || next === 'OR') throw unexpectedToken(soql, next);
    return { kind: op === 'AND' ? 'and' : 'or', items };
  };
  const tree = expr();
  if (pos !== tokens.length) throw unexpectedToken(soql, tokens[pos]?.t ?? '');
  return tree;
};

export const buildWhereTree = (soql: string, where: WhereClause): BoolExpr<ConditionWithValueQuery> =>
  parseTokens(soql, tokenize(where as Chain<ConditionWithValueQuery>));

export const buildHavingTree = (soql: string, having: HavingClause): BoolExpr<Condition> =>
  parseTokens(soql, tokenize(having as Chain<Condition>));
