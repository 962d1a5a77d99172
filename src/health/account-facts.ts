import type { CrmAccount } from '../domain/crm-records.ts';
import type { HealthColour } from '../domain/health.ts';
import type { IsoDay, UsageDay } from '../domain/usage.ts';

/**
 * Everything the pipeline assembles about one account for scoring. Instants are ISO-8601 UTC
 * strings, days 'YYYY-MM-DD'. deriveSignals ignores anything dated after the asOf it is asked
 * about, so one AccountFacts can be replayed for earlier days (the backtest does).
 */
export type AccountFacts = {
  account: CrmAccount;
  usage: AccountUsage;
  /** Seats provisioned (subscription quantity, or the warehouse's); null → the latest warehouse figure. */
  licenses: number | null;
  /** Null when activities are not synced: the sponsor measure is then NA, not red. */
  execSponsor: ExecSponsorFacts | null;
  /** The latest response from the account's contacts, or null when none. */
  nps: NpsFact | null;
  /** Null when no support data is configured (DOMAIN.md: support is optional). */
  support: SupportFacts | null;
  /** Open opportunities only; an open renewal opportunity is the account's renewal plan. */
  openOpportunities: OpenOpportunity[];
  /** Values CSMs set for manual measures; the latest set at or before asOf counts. */
  manualValues: ManualMeasureValue[];
  /** The lifecycle stage as of the start of this run (schemes can differ per stage). */
  stage: string | null;
  /** When the account went live (days since go-live pick the "first 90 days" scheme); null if unknown. */
  goLiveDate: IsoDay | null;
};

/**
 * The usage rows of every warehouse key linked to the account, ~120 days up to asOf. Rows of
 * several keys on one day are summed when the timeline is built (distinct users across keys
 * cannot be told apart from daily rollups, so active users of two keys add up).
 */
export type AccountUsage = {
  /** 0 when no key is linked: usage measures are then NA rather than red. */
  linkedKeys: number;
  days: readonly UsageDayFacts[];
};

export type UsageDayFacts = Omit<UsageDay, 'accountKey'> & { accountKey?: string };

export type ExecSponsorFacts = {
  /** Latest meeting (Event/Task) with an executive sponsor contact; null when none on record. */
  lastMeetingAt: string | null;
  /** Whether a live contact is flagged executive sponsor. */
  hasActiveSponsor: boolean;
};

export type NpsFact = { score: number; respondedAt: string };

export type SupportFacts = { openSev12Tickets: number; escalationOpen: boolean };

export type OpenOpportunity = { type: string | null; stageName: string; amount: number | null; closeDate: IsoDay | null };

/** A CSM's judgement for a manual measure (sponsor risk, political risk), valid until it expires. */
export type ManualMeasureValue = {
  /** The measure's key in rules/health.yaml. */
  measure: string;
  colour: HealthColour | null;
  /** A number the measure's bands turn into a colour, when the CSM gives a value instead. */
  value: number | null;
  setBy: string;
  setAt: string;
  /** Null: never expires. At or after this instant the value is stale. */
  expiresAt: string | null;
  note?: string | null;
};
