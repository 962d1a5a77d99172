import { SextantError } from '../domain/sextant-error.ts';
import { conditionNameWords, heldWords, testWords, valueWords } from './fact-words.ts';
import { CONDITION_FACTS, type LifecycleFacts } from './lifecycle-facts.ts';
import type { Condition, FactTest } from './lifecycle-rules.ts';

/**
 * Evaluates a stage condition and says why, in words: a condition that holds names the facts
 * that made it hold ("contract signed, onboarding not complete"); one that fails names the fact
 * that stopped it ("no signed contract"), which is what `not` and `appliesTo` report.
 */
export type Verdict = { holds: boolean; because: string };

type Named = Readonly<Record<string, Condition>>;

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A null fact is unknown: it satisfies no comparison (so `not` of one holds). */
export const testHolds = (test: FactTest, facts: LifecycleFacts): boolean => {
  const value = facts[test.fact];
  if (value === null) return false;
  if (CONDITION_FACTS[test.fact] === 'text') {
    const text = String(value);
    if (test.eq !== undefined && !sameText(text, String(test.eq))) return false;
    return test.in === undefined || test.in.some((v) => sameText(text, v));
  }
  if (test.eq !== undefined && value !== test.eq) return false;
  if (test.in !== undefined && !test.in.includes(String(value))) return false;
  if (typeof value !== 'number') return true;
  return (test.lt === undefined || value < test.lt)
    && (test.lte === undefined || value <= test.lte)
    && (test.gt === undefined || value > test.gt)
    && (test.gte === undefined || value >= test.gte);
};

const lookup = (name: string, named: Named): Condition => {
  const condition = named[name];
  if (condition === undefined) {
    throw new SextantError('RULES_INVALID', `lifecycle rules: unknown condition ${JSON.stringify(name)}`, { kind: 'config', path: `conditions.${name}` });
  }
  return condition;
};

export const evaluateCondition = (condition: Condition, facts: LifecycleFacts, named: Named): Verdict => {
  if ('all' in condition) {
    const verdicts = condition.all.map((c) => evaluateCondition(c, facts, named));
    const failed = verdicts.find((v) => !v.holds);
    return failed ? { holds: false, because: failed.because } : { holds: true, because: verdicts.map((v) => v.because).join(', ') };
  }
  if ('any' in condition) {
    const verdicts = condition.any.map((c) => evaluateCondition(c, facts, named));
    const held = verdicts.find((v) => v.holds);
    return held ? { holds: true, because: held.because } : { holds: false, because: verdicts.map((v) => v.because).join(' and ') };
  }
  if ('not' in condition) {
    // The inner verdict's reason is already the reason for its negation ("not churned").
    const inner = evaluateCondition(condition.not, facts, named);
    return { holds: !inner.holds, because: inner.because };
  }
  if ('condition' in condition) {
    const inner = evaluateCondition(lookup(condition.condition, named), facts, named);
    return inner.holds ? inner : { holds: false, because: `no ${conditionNameWords(condition.condition)}` };
  }
  const holds = testHolds(condition, facts);
  return { holds, because: holds ? heldWords(condition, facts) : valueWords(condition.fact, facts) };
};

/** What a condition requires, without values: "health red or escalation open". */
export const describeCondition = (condition: Condition): string => {
  const nested = (c: Condition): string => ('all' in c || 'any' in c ? `(${describeCondition(c)})` : describeCondition(c));
  if ('all' in condition) return condition.all.map(nested).join(' and ');
  if ('any' in condition) return condition.any.map(nested).join(' or ');
  if ('not' in condition) return 'condition' in condition.not ? `no ${conditionNameWords(condition.not.condition)}` : `not ${nested(condition.not)}`;
  if ('condition' in condition) return conditionNameWords(condition.condition);
  return testWords(condition);
};
