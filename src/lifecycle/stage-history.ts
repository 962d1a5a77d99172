import type { IsoDay, StageAssignment, StageTransition } from '../domain/lifecycle.ts';
import { SextantError } from '../domain/sextant-error.ts';
import { daysBetween, epochDay } from './iso-day.ts';

/**
 * Reports over stage history and assignments: time in stage per account, the stage
 * distribution of a book, and the accounts stuck past their stage's expected duration.
 */
export type StageTime = { stage: string; totalDays: number; visits: number };
export type TimeInStage = {
  /** Every stage the account has been in, in order of first entry; days outside the lifecycle are not counted. */
  stages: StageTime[];
  current: { stage: string | null; since: IsoDay; days: number } | null;
};

/**
 * Time in each stage for one account from its transitions, up to `asOf`. Transitions dated
 * after asOf are ignored (a backtest replays an earlier day); before the first one nothing is known.
 */
export const timeInStage = (transitions: readonly StageTransition[], asOf: IsoDay): TimeInStage => {
  const accounts = new Set(transitions.map((t) => t.accountId));
  if (accounts.size > 1) {
    throw new SextantError('STAGE_HISTORY_MIXED', `timeInStage takes one account's transitions, got ${accounts.size} accounts`, { kind: 'fatal' });
  }
  const until = epochDay(asOf, 'asOf');
  // Stable sort: two changes on one day keep their recorded order.
  const ordered = transitions.filter((t) => epochDay(t.at, 'transition.at') <= until).sort((a, b) => epochDay(a.at) - epochDay(b.at));
  const byStage = new Map<string, StageTime>();
  ordered.forEach((t, i) => {
    if (t.to === null) return;
    const end = ordered[i + 1]?.at ?? asOf;
    const time = byStage.get(t.to) ?? { stage: t.to, totalDays: 0, visits: 0 };
    time.totalDays += daysBetween(t.at, end);
    time.visits += 1;
    byStage.set(t.to, time);
  });
  const last = ordered.at(-1);
  return {
    stages: [...byStage.values()],
    current: last === undefined ? null : { stage: last.to, since: last.at, days: daysBetween(last.at, asOf) },
  };
};

export type StageCount = { stage: string; accounts: number; stuck: number; medianDaysInStage: number | null };
export type StageDistribution = { accounts: number; outsideLifecycle: number; stages: StageCount[] };

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Accounts per stage, listed in `stageOrder` (the rules' stages, so empty stages show as 0),
 * then any other stage by name (a stage renamed since it was assigned).
 */
export const stageDistribution = (assignments: readonly StageAssignment[], stageOrder: readonly string[] = []): StageDistribution => {
  const days = new Map<string, number[]>(stageOrder.map((s) => [s, []]));
  const stuck = new Map<string, number>();
  let outsideLifecycle = 0;
  for (const a of assignments) {
    if (a.stage === null) {
      outsideLifecycle++;
      continue;
    }
    const inStage = days.get(a.stage) ?? [];
    inStage.push(a.daysInStage);
    days.set(a.stage, inStage);
    if (a.stuck !== null) stuck.set(a.stage, (stuck.get(a.stage) ?? 0) + 1);
  }
  const extra = [...days.keys()].filter((s) => !stageOrder.includes(s)).sort();
  return {
    accounts: assignments.length,
    outsideLifecycle,
    stages: [...stageOrder, ...extra].map((stage) => {
      const inStage = days.get(stage) ?? [];
      return { stage, accounts: inStage.length, stuck: stuck.get(stage) ?? 0, medianDaysInStage: median(inStage) };
    }),
  };
};

export type StuckAccount = {
  accountId: string;
  stage: string;
  enteredAt: IsoDay;
  daysInStage: number;
  expectedDays: number;
  overByDays: number;
  action: string | null;
};

/** Stuck accounts, longest overdue first: the CTA step opens `action` for each. */
export const stuckAccounts = (assignments: readonly StageAssignment[]): StuckAccount[] =>
  assignments
    .flatMap((a) => (a.stuck === null || a.stage === null ? [] : [{
      accountId: a.accountId,
      stage: a.stage,
      enteredAt: a.enteredAt,
      daysInStage: a.daysInStage,
      ...a.stuck,
    }]))
    .sort((a, b) => b.overByDays - a.overByDays || a.accountId.localeCompare(b.accountId));
