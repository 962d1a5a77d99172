/**
 * NPS survey responses as Sextant keeps them: one answer from one customer contact, linked to
 * the contact's CRM account when it was loaded. The latest answer per account feeds the health
 * score's NPS measure; every answer feeds the close-the-loop rules (DOMAIN.md).
 */

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export type NpsResponseStatus = 'promoter' | 'passive' | 'detractor';

export type NpsResponse = {
  /** Stable across loads: the respondent as the file names them and the instant (see `npsResponseKey`). */
  id: string;
  /** The survey tool's own response id, for tracing a row back to the export; null when it gives none. */
  sourceId: string | null;
  /** 18-char id of the contact who answered; null only when no contact is known. */
  contactId: string | null;
  /** Lower-cased, trimmed; null when the file gave only the contact id. */
  email: string | null;
  /** The contact's account when the response was loaded; null for a contact without one. */
  accountId: string | null;
  /** Whole number 0–10. */
  score: number;
  /** Null when the respondent left no comment. */
  comment: string | null;
  /** ISO-8601 UTC with milliseconds ('2026-02-03T16:01:54.000Z'). */
  respondedAt: string;
  status: NpsResponseStatus;
};

export const npsStatusOf = (score: number): NpsResponseStatus => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/**
 * The key of a response: who answered, as the file identifies them (the 18-char contact id when
 * it gives one, else the lower-cased email), and when. It depends on the file only, not on the
 * CRM, so a re-sync that merges or re-parents contacts updates a stored response in place rather
 * than adding a second copy; one person cannot answer twice in the same millisecond.
 */
export const npsResponseKey = (respondent: { contactId18: string } | { email: string }, respondedAt: string): string =>
  'contactId18' in respondent ? `${respondent.contactId18}|${respondedAt}` : `${respondent.email}|${respondedAt}`;
