/**
 * The identity map: which CRM account each warehouse key belongs to, and why. Every link keeps
 * the rule that made it so a data owner can audit (and override) any match.
 */

/** The DOMAIN.md matching rules that link automatically, in precedence order. */
export type MatchRule = 'override' | 'product-key' | 'salesforce-id' | 'domain';
export const MATCH_RULES: readonly MatchRule[] = ['override', 'product-key', 'salesforce-id', 'domain'];

export type IdentityLink = {
  /** The warehouse key, verbatim. */
  accountKey: string;
  /** 18-char id of the live (survivor) CRM account. */
  accountId: string;
  rule: MatchRule;
  /** 1 for override/product-key/salesforce-id; below 1 for domain (a shared domain is weaker evidence). */
  confidence: number;
  /** What matched, in words ("website www.acme.com = usage domain acme.com"; "via merged 001…"). */
  evidence: string;
};

/**
 * A data owner's decision, from the overrides file: link a key to an account, or declare that
 * a key belongs to no CRM account (test tenants, internal use) so it stops being reported.
 */
export type KeyOverride =
  | { accountKey: string; accountId: string; note?: string }
  | { accountKey: string; ignore: true; note?: string };
