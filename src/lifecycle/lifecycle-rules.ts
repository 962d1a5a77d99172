import type { ConditionFactName, FactVocabulary, StartDateFact } from './lifecycle-facts.ts';

/**
 * Stage rules as the engine reads them, after src/config/rules/lifecycle-rules.schema.ts has
 * validated rules/lifecycle.yaml. A condition is exactly one of: all / any / not over
 * conditions, a reference to a named condition, or a test of one fact.
 */
export const COMPARATORS = ['eq', 'in', 'lt', 'lte', 'gt', 'gte'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** A test of one fact; several comparators in one test must all hold (`gte: 0, lte: 120`). */
export type FactTest = {
  fact: ConditionFactName;
  eq?: boolean | number | string;
  in?: readonly string[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
};

export type Condition =
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | { condition: string }
  | FactTest;

export type StageRule = {
  name: string;
  /** Entry rule: the first stage (in file order) whose rule holds is the account's stage. */
  when: Condition;
  /** Days in the stage after which the account is stuck; null: never stuck. */
  expectedDays: number | null;
  /** The CTA the CTA step opens for a stuck account (`compliance-cta`); null: report only. */
  stuckAction: string | null;
  /** When an account comes into the lifecycle in this stage, date it from this fact instead of asOf. */
  startedOn: StartDateFact | null;
};

export type LifecycleRules = {
  facts: FactVocabulary;
  /** Accounts for which this does not hold get no stage (prospects, churned customers). */
  appliesTo: Condition;
  /** Named conditions, referenced as `{ condition: name }`, so one test is written once. */
  conditions: Readonly<Record<string, Condition>>;
  stages: readonly StageRule[];
  /** The stage of an account no rule matched; null leaves it without a stage. */
  fallback: string | null;
};

/** By default the lifecycle is for customers: not churned (checked first, so it is the reason given), and a signed contract. */
export const DEFAULT_APPLIES_TO: Condition = { all: [{ fact: 'churned', eq: false }, { fact: 'contractSigned', eq: true }] };
