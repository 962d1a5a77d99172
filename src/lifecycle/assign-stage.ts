import type { IsoDay, StageAssignment, StageOnRecord, StuckStage } from '../domain/lifecycle.ts';
import { SextantError } from '../domain/sextant-error.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import { daysBetween, epochDay } from './iso-day.ts';
import type { LifecycleFacts } from './lifecycle-facts.ts';
import type { LifecycleRules, StageRule } from './lifecycle-rules.ts';

export type StagePick = { stage: string | null; rule: string; stageRule: StageRule | null };

/**
 * The stage the rules give these facts: none when the account is outside the lifecycle
 * (appliesTo fails), else the first stage in file order whose rule holds, else the fallback.
 */
export const pickStage = (facts: LifecycleFacts, rules: LifecycleRules): StagePick => {
  const applies = evaluateCondition(rules.appliesTo, facts, rules.conditions);
  if (!applies.holds) return { stage: null, rule: `outside the lifecycle: ${applies.because}`, stageRule: null };
  for (const stageRule of rules.stages) {
    const verdict = evaluateCondition(stageRule.when, facts, rules.conditions);
    if (verdict.holds) return { stage: stageRule.name, rule: verdict.because, stageRule };
  }
  const fallback = rules.stages.find((s) => s.name === rules.fallback) ?? null;
  if (fallback === null) return { stage: null, rule: 'no stage rule matched', stageRule: null };
  // Its own rule failed; why it failed is the most useful thing to tell the CSM.
  const own = evaluateCondition(fallback.when, facts, rules.conditions);
  return { stage: fallback.name, rule: `default stage (${own.because})`, stageRule: fallback };
};

/**
 * The day the account entered `stage`. A stage that holds keeps its day; a change is dated
 * asOf. An account coming into the lifecycle (first sight, or from no stage) may be dated
 * from the stage's `startedOn` fact instead, so that a first run already counts an account
 * signed 80 days ago as 80 days into Implementation, and a prospect won last week has been in
 * Implementation since the deal closed. Never before the stage on record, never after asOf.
 */
const enteredOn = (pick: StagePick, facts: LifecycleFacts, previous: StageOnRecord | null, asOf: IsoDay): IsoDay => {
  if (previous !== null && previous.stage === pick.stage) return previous.enteredAt;
  const startedOn = pick.stageRule?.startedOn ?? null;
  const comingIn = previous === null || previous.stage === null;
  const day = startedOn !== null && comingIn ? facts[startedOn] : null;
  if (startedOn === null || day === null || epochDay(day, startedOn) > epochDay(asOf)) return asOf;
  return previous !== null && epochDay(day) < epochDay(previous.enteredAt) ? previous.enteredAt : day;
};

/**
 * Assigns one account's stage on `asOf` ('YYYY-MM-DD', the same day the facts were derived
 * for), given what the store holds from the previous run. A transition is returned only when
 * the stage changes (including to or from no stage), dated the day the new stage was entered.
 */
export const assignStage = (facts: LifecycleFacts, previous: StageOnRecord | null, rules: LifecycleRules, asOf: IsoDay): StageAssignment => {
  if (facts.asOf !== asOf) {
    throw new SextantError('LIFECYCLE_AS_OF_MISMATCH', `facts of ${facts.accountId} were derived for ${facts.asOf}, not ${asOf}`, { kind: 'fatal', path: facts.accountId });
  }
  if (previous !== null && epochDay(previous.enteredAt, 'previous.enteredAt') > epochDay(asOf, 'asOf')) {
    // A backtest must pass the history as it stood on its asOf, not today's.
    throw new SextantError('STAGE_HISTORY_AHEAD', `${facts.accountId} entered ${previous.stage ?? 'no stage'} on ${previous.enteredAt}, after asOf ${asOf}`, {
      kind: 'data',
      path: facts.accountId,
      hints: ['pass the stage on record as of the day being assigned'],
    });
  }
  const pick = pickStage(facts, rules);
  const enteredAt = enteredOn(pick, facts, previous, asOf);
  const changed = previous === null ? pick.stage !== null : previous.stage !== pick.stage;
  const daysInStage = daysBetween(enteredAt, asOf);
  const expectedDays = pick.stageRule?.expectedDays ?? null;
  const stuck: StuckStage | null = expectedDays !== null && daysInStage > expectedDays
    ? { expectedDays, overByDays: daysInStage - expectedDays, action: pick.stageRule?.stuckAction ?? null }
    : null;
  return {
    accountId: facts.accountId,
    asOf,
    stage: pick.stage,
    rule: pick.rule,
    enteredAt,
    daysInStage,
    transition: changed ? { accountId: facts.accountId, from: previous?.stage ?? null, to: pick.stage, at: enteredAt, rule: pick.rule } : null,
    stuck,
  };
};
