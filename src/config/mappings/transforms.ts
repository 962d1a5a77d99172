import type { ValueType } from './canonical-fields.ts';
import { toId18 } from '../../domain/salesforce-id.ts';

/**
 * Value transforms a mapping entry may apply, after the value has its canonical type. A
 * transform returns null for "empty" and undefined for "this value cannot be transformed",
 * which quarantines the row (RECORD_TRANSFORM_FAILED) rather than storing something wrong.
 */
export type TransformName = 'trim' | 'lowercase' | 'uppercase' | 'domain' | 'id18';
export const TRANSFORM_NAMES: readonly TransformName[] = ['trim', 'lowercase', 'uppercase', 'domain', 'id18'];

export type TransformFn = (value: string) => string | null | undefined;

/**
 * The bare, lower-case host of a website as people type it ('https://www.Acme.com/x',
 * 'acme.com/', 'WWW.ACME.COM'): what key reconciliation compares with usage-account domains.
 * Values that hold no host ('n/a', 'localhost') become null: a website is never worth a
 * quarantined account.
 */
export const toDomain = (website: string): string | null => {
  let s = website.trim().toLowerCase();
  const scheme = s.indexOf('://');
  if (scheme >= 0) s = s.slice(scheme + 3);
  else if (s.startsWith('//')) s = s.slice(2);
  let end = s.length;
  for (const stop of ['/', '?', '#']) {
    const at = s.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  s = s.slice(0, end);
  // 'info@acme.com' typed into Website, or credentials in a URL: the host follows the last @.
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  const port = s.indexOf(':');
  if (port >= 0) s = s.slice(0, port);
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.startsWith('www.')) s = s.slice(4);
  return /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(s) ? s : null;
};

const emptyAsNull = (s: string): string | null => (s === '' ? null : s);

export const TRANSFORMS: Readonly<Record<TransformName, TransformFn>> = {
  trim: (s) => emptyAsNull(s.trim()),
  lowercase: (s) => s.toLowerCase(),
  uppercase: (s) => s.toUpperCase(),
  domain: toDomain,
  id18: (s) => toId18(s.trim()) ?? undefined,
};

/** Text transforms make no sense on numbers, dates or flags; id18 also fits id fields. */
export const TRANSFORM_APPLIES_TO: Readonly<Record<TransformName, readonly ValueType[]>> = {
  trim: ['string'],
  lowercase: ['string'],
  uppercase: ['string'],
  domain: ['string'],
  id18: ['string', 'id'],
};
