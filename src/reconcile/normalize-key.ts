import { isSalesforceIdShape, to15, to18 } from '../domain/salesforce-id.ts';

/**
 * Warehouse keys and CRM product keys are typed by people and copied through spreadsheets:
 * 'PA-000123', ' pa-000123', 'PA-000123  ' are one key. Zero-width characters and NBSPs come
 * from copy-paste out of web pages and Excel; NFKC folds full-width digits and letters.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /\s+/g;

/** The comparison form of a key: trimmed, inner whitespace collapsed, case-folded; null when empty. */
const PLAIN_ASCII = /^[\x21-\x7E]+$/;

export const normalizeKey = (key: string | null | undefined): string | null => {
  if (key === null || key === undefined) return null;
  // Most keys are plain ASCII without spaces: skip Unicode folding (100k keys per run).
  if (PLAIN_ASCII.test(key)) return key.toLowerCase();
  const folded = key.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim().toLowerCase();
  return folded === '' ? null : folded;
};

const SUFFIX_CHARS = /^[A-Z0-5]{3}$/;

/**
 * The case-exact 15-char form of a string that is a valid Salesforce record id, else null.
 *
 * A 15-char id is case-sensitive ('001A' and '001a' are different records), so it is taken as
 * written. An 18-char id carries its own case in the suffix, so warehouses that lower-case it
 * still resolve; the suffix is checked against the case it restores, which rejects most
 * 18-character strings that merely look like ids.
 */
export const recordId15 = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const s = value.trim();
  if (!isSalesforceIdShape(s)) return null;
  if (s.length === 15) return s;
  const suffix = s.slice(15).toUpperCase();
  if (!SUFFIX_CHARS.test(suffix)) return null;
  const id15 = to15(s);
  return to18(id15).slice(15) === suffix ? id15 : null;
};

/** The 18-char form of a valid record id (15 or 18 chars, see `recordId15`), else null. */
export const recordId18 = (value: string | null | undefined): string | null => {
  const id15 = recordId15(value);
  return id15 === null ? null : to18(id15);
};
