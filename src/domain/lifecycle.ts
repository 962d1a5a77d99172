/**
 * Lifecycle stages as the store and the writeback see them. Stage names come from
 * rules/lifecycle.yaml (At Risk, Renewal …), so they are plain strings here; `null` means the
 * account is outside the lifecycle (no signed contract, or churned) and the Account's Lifecycle
 * Stage field is left blank: that picklist is restricted to the six default stages.
 *
 * Days are 'YYYY-MM-DD' calendar days (UTC), the unit of Salesforce Date fields such as
 * Renewal_Date__c and Stage_Entered_Date__c; day counts are whole calendar days between them.
 */
export type IsoDay = string;

/** One change of stage: stored for every change, never for a stage that holds. */
export type StageTransition = {
  accountId: string;
  from: string | null;
  to: string | null;
  /** The day the account entered `to` (see `StageAssignment.enteredAt`). */
  at: IsoDay;
  /** The condition that put the account in `to`, in words ("health red"). */
  rule: string;
};

/** An account past its stage's expected duration (Implementation > 60 days). */
export type StuckStage = {
  expectedDays: number;
  overByDays: number;
  /** What the CTA step should open for it (`compliance-cta`), or null: report only. */
  action: string | null;
};

/** What the previous run stored for an account; `null` instead when it has no stage history. */
export type StageOnRecord = { stage: string | null; enteredAt: IsoDay };

/** The stage of one account for one asOf, with why, since when, and whether it is stuck. */
export type StageAssignment = {
  accountId: string;
  asOf: IsoDay;
  stage: string | null;
  /** Why the account is in `stage`, in words a CSM reads ("renewal date within 120 days (renews 2027-01-30)"). */
  rule: string;
  enteredAt: IsoDay;
  daysInStage: number;
  /** The change this assignment makes to the history, or null when the stage holds. */
  transition: StageTransition | null;
  stuck: StuckStage | null;
};
