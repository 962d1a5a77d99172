/**
 * Websites as CRM users type them ('https://www.Acme.com/x', 'WWW.ACME.COM', 'acme.com:443',
 * 'acme.com.') and usage domains as the warehouse derives them from emails ('jo@Acme.com')
 * reduced to one comparable host. Subdomains other than www are kept: without the public suffix
 * list, 'shop.acme.com' → 'acme.com' would also turn 'acme.co.uk' into 'co.uk'.
 * A few native regexes rather than URL or per-character JS: it runs for every account of a run
 * that sees each account once, so it is mostly executed before the JIT has warmed up.
 */
/** Optional scheme, optional user-info ('jo@', 'user:pw@'), then the host up to port/path/separator. */
const HOST_PART = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|mailto:)?(?:[^@/?#\s;,]*@)?([^/?#:\s;,@]+)/;
/** Labels of letters, digits and hyphens (any script), at least two of them. */
const HOST = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const WWW = /^www\d*\./;
const TRAILING_DOTS = /\.+$/;

export const normalizeDomain = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  // Several websites in one field ('acme.com; acme.de'): the first one is the account's.
  const host = HOST_PART.exec(value.trim().toLowerCase())?.[1];
  if (host === undefined) return null;
  const bare = host.replace(TRAILING_DOTS, '').replace(WWW, '');
  return HOST.test(bare) ? bare : null;
};

/** A free-mail domain, or a subdomain of one ('mail.yahoo.com'). Both sides must be normalized. */
export const isFreeMailDomain = (domain: string, freeMail: ReadonlySet<string>): boolean => {
  if (freeMail.has(domain)) return true;
  // Parent domains, stopping before the bare TLD: 'a.b.yahoo.com' → 'b.yahoo.com', 'yahoo.com'.
  for (let dot = domain.indexOf('.'); dot >= 0 && domain.indexOf('.', dot + 1) >= 0; dot = domain.indexOf('.', dot + 1)) {
    if (freeMail.has(domain.slice(dot + 1))) return true;
  }
  return false;
};
