import { npsResponseKey, npsStatusOf, type NpsResponse } from '../../domain/nps.ts';
import { recordId18 } from '../../reconcile/normalize-key.ts';
import { readDay, readInstant, readInteger } from '../../warehouse/usage-values.ts';
import { normalizeEmail, type DirectoryContact, type RespondentDirectory } from './respondent-directory.ts';

/**
 * Reads one survey-file row into an NpsResponse, or says why not, as data: the caller quarantines
 * a rejected row with its code, column and raw values (a survey answer is never dropped
 * silently). Pure: the contacts and asOf come in through the context.
 */
export type NpsRowCode = 'NPS_SCORE_INVALID' | 'NPS_RESPONDENT_UNKNOWN' | 'NPS_RESPONDENT_AMBIGUOUS' | 'NPS_DATE_INVALID' | 'NPS_ROW_INVALID';

/** `path` names the column at fault. */
export type NpsRowRejection = { ok: false; code: NpsRowCode; path: string; reason: string };
export type NpsRowParse = { ok: true; response: NpsResponse } | NpsRowRejection;

/** A CSV row by (lower-cased) column name; a column the file lacks is undefined. */
export type RawNpsRow = Readonly<Record<string, string | undefined>>;

export type NpsRowContext = {
  directory: RespondentDirectory;
  /** ISO instant: a response dated after it is rejected (clock skew, a mistyped date). */
  asOf: string;
};

/** How the file identifies the respondent, before looking anyone up. */
export type RespondentRef = { id18: string | null; email: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

const text = (raw: RawNpsRow, column: string): string => (raw[column] ?? '').trim();
const shown = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
const reject = (code: NpsRowCode, path: string, reason: string): NpsRowRejection => ({ ok: false, code, path, reason });

/**
 * The respondent as written: a 15- or 18-char contact id (15-char ids are case-exact, 18-char ones
 * survive lower-casing) and an email; a malformed value counts as absent, so the other one can
 * still identify the person. The load step calls this first to know which contacts to index.
 */
export const respondentRef = (raw: RawNpsRow): RespondentRef => {
  const email = normalizeEmail(text(raw, 'email'));
  return { id18: recordId18(text(raw, 'contact_id')), email: EMAIL.test(email) ? email : null };
};

/** Several contacts may share an email: live ones first, then those with an account. */
const byEmail = (candidates: readonly DirectoryContact[]): DirectoryContact[] | string => {
  const live = candidates.filter((c) => !c.isDeleted);
  const pool = live.length > 0 ? live : [...candidates];
  const linked = pool.filter((c) => c.accountId !== null);
  const chosen = linked.length > 0 ? linked : pool;
  const accounts = [...new Set(chosen.map((c) => c.accountId))];
  if (accounts.length > 1) return `on ${chosen.length} contacts of ${accounts.length} accounts (${accounts.slice(0, 3).join(', ')}${accounts.length > 3 ? ', …' : ''})`;
  // One account: any of them answers for it; the lowest id, so every load picks the same one.
  return chosen.sort((a, b) => (a.id < b.id ? -1 : 1));
};

const resolve = (ref: RespondentRef, raw: RawNpsRow, directory: RespondentDirectory): DirectoryContact | NpsRowRejection => {
  // The contact id is exact: it wins over the email, which people change and share.
  const byId = ref.id18 === null ? undefined : directory.byId.get(ref.id18);
  if (byId !== undefined) return byId;
  if (ref.email !== null) {
    const found = directory.byEmail.get(ref.email);
    if (found === undefined || found.length === 0) {
      const also = ref.id18 === null ? '' : ` nor with id ${ref.id18}`;
      return reject('NPS_RESPONDENT_UNKNOWN', 'email', `no contact with email ${shown(ref.email)}${also} in the store`);
    }
    const chosen = byEmail(found);
    if (typeof chosen === 'string') return reject('NPS_RESPONDENT_AMBIGUOUS', 'email', `email ${shown(ref.email)} is ${chosen}: cannot tell which account answered`);
    return chosen[0]!;
  }
  return reject('NPS_RESPONDENT_UNKNOWN', 'contact_id', `no contact with id ${shown(text(raw, 'contact_id'))} in the store`);
};

const scoreOf = (raw: RawNpsRow): number | NpsRowRejection => {
  const value = text(raw, 'score');
  if (value === '') return reject('NPS_SCORE_INVALID', 'score', 'score is missing');
  const n = readInteger(value);
  if (n === undefined) return reject('NPS_SCORE_INVALID', 'score', `score is not a whole number: ${shown(value)}`);
  if (n < 0 || n > 10) return reject('NPS_SCORE_INVALID', 'score', `score ${n} is outside 0–10`);
  return n;
};

/** A timestamp (no zone reads as UTC, as survey exports in UTC omit it) or a bare day (its UTC midnight). */
const respondedAtOf = (raw: RawNpsRow, asOf: string): string | NpsRowRejection => {
  const value = text(raw, 'responded_at');
  if (value === '') return reject('NPS_DATE_INVALID', 'responded_at', 'responded_at is missing');
  const day = readDay(value);
  const at = day === undefined ? readInstant(value) : `${day}T00:00:00.000Z`;
  if (at === undefined) return reject('NPS_DATE_INVALID', 'responded_at', `responded_at is not a date or timestamp: ${shown(value)}`);
  if (Date.parse(at) > Date.parse(asOf)) return reject('NPS_DATE_INVALID', 'responded_at', `responded_at ${at} is after asOf ${asOf}`);
  return at;
};

export const parseNpsRow = (raw: RawNpsRow, context: NpsRowContext): NpsRowParse => {
  const ref = respondentRef(raw);
  if (ref.id18 === null && ref.email === null) {
    const id = text(raw, 'contact_id');
    const email = text(raw, 'email');
    if (id !== '') return reject('NPS_ROW_INVALID', 'contact_id', `contact_id is not a Salesforce id${email === '' ? ' and there is no email' : ` and email ${shown(email)} is not an address`}: ${shown(id)}`);
    if (email !== '') return reject('NPS_ROW_INVALID', 'email', `email is not an address: ${shown(email)}`);
    return reject('NPS_ROW_INVALID', 'contact_id', 'no respondent: contact_id and email are both empty');
  }
  const score = scoreOf(raw);
  if (typeof score !== 'number') return score;
  const respondedAt = respondedAtOf(raw, context.asOf);
  if (typeof respondedAt !== 'string') return respondedAt;
  const contact = resolve(ref, raw, context.directory);
  if ('ok' in contact) return contact;

  const comment = text(raw, 'comment');
  const sourceId = text(raw, 'response_id');
  return {
    ok: true,
    response: {
      id: npsResponseKey(ref.id18 === null ? { email: ref.email! } : { contactId18: ref.id18 }, respondedAt),
      sourceId: sourceId === '' ? null : sourceId,
      contactId: contact.id,
      email: ref.email,
      accountId: contact.accountId,
      score,
      comment: comment === '' ? null : comment,
      respondedAt,
      status: npsStatusOf(score),
    },
  };
};
