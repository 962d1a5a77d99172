import type { StageAssignment } from '../domain/lifecycle.ts';

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * One line a CSM reads on the Account or in `sextant explain`:
 * "Renewal since 2026-10-02 (54 days): renewal date within 120 days (renews 2027-01-30)".
 */
export const explainStage = (a: StageAssignment): string => {
  const head = a.stage === null ? 'No lifecycle stage' : a.stage;
  const stuck = a.stuck === null
    ? ''
    : `; stuck: ${days(a.stuck.overByDays)} over the expected ${days(a.stuck.expectedDays)}${a.stuck.action === null ? '' : ` (${a.stuck.action})`}`;
  return `${head} since ${a.enteredAt} (${days(a.daysInStage)}): ${a.rule}${stuck}`;
};
