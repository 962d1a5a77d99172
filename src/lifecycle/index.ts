// The lifecycle stage engine: pure, asOf ('YYYY-MM-DD') passed in. The pipeline derives facts
// per account, loads rules with loadLifecycleRules (src/config/rules/lifecycle-rules.schema.ts),
// assigns stages with the stage on record, stores each transition, and hands stuck accounts
// to the CTA step.
export { assignStage, pickStage } from './assign-stage.ts';
export { describeCondition, evaluateCondition, type Verdict } from './evaluate-condition.ts';
export { explainStage } from './explain-stage.ts';
export { addDays, daysBetween, isoDayOf } from './iso-day.ts';
export {
  CONDITION_FACT_NAMES, CONDITION_FACTS, DEFAULT_FACT_VOCABULARY, deriveLifecycleFacts, START_DATE_FACTS,
  type ConditionFactName, type FactVocabulary, type LifecycleFacts, type LifecycleSignals,
} from './lifecycle-facts.ts';
export { DEFAULT_APPLIES_TO, type Condition, type FactTest, type LifecycleRules, type StageRule } from './lifecycle-rules.ts';
export { stageDistribution, stuckAccounts, timeInStage, type StageDistribution, type StuckAccount, type TimeInStage } from './stage-history.ts';
