/**
 * Salesforce record ids: a 15-character case-sensitive form and an 18-character form whose
 * 3-character suffix encodes the case of the first 15, so the id survives case-insensitive
 * tools (Excel, most warehouses). The 18-char form is what the API returns.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const caseSuffix = (id15: string): string => {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(block * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
};

export const to18 = (id: string): string => (id.length === 15 ? id + caseSuffix(id) : id);

/** 18 → 15 restores the case the suffix records, so a lower-cased 18-char id still resolves. */
export const to15 = (id: string): string => {
  if (id.length !== 18) return id;
  const suffix = id.slice(15).toUpperCase();
  let out = '';
  for (let block = 0; block < 3; block++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[block] ?? 'A');
    for (let i = 0; i < 5; i++) {
      const ch = id[block * 5 + i] ?? '';
      out += bits >= 0 && bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return out;
};

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

export const isRecordId = (value: string): boolean => ID_SHAPE.test(value);

/**
 * Makes the n-th id for a key prefix: prefix (3) + pod marker "RO0" + 9 base62 digits, like
 * real ids (`001RO00000abcDEF`), in the 18-char form.
 */
export const makeRecordId = (keyPrefix: string, n: number): string => {
  let digits = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  return to18(`${keyPrefix}RO0${digits}`);
};

export const keyPrefixOf = (id: string): string => id.slice(0, 3);

const isAlphanumeric = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** 15 or 18 alphanumerics. Checked by char code: it runs for every id of every synced row. */
export const isSalesforceIdShape = (value: string): boolean => {
  const n = value.length;
  if (n !== 15 && n !== 18) return false;
  for (let i = 0; i < n; i++) if (!isAlphanumeric(value.charCodeAt(i))) return false;
  return true;
};

/** The 18-char form of a 15- or 18-char id; anything else is null. */
export const toId18 = (value: string): string | null => (isSalesforceIdShape(value) ? to18(value) : null);
