import type { CrmAccount } from '../domain/crm-records.ts';

/**
 * The reconciliation settings an admin reviews in rules/reconcile.yaml (validated by
 * src/config/rules/reconcile-rules.schema.ts, which produces exactly this shape).
 */
export type ReconcileRules = {
  domainMatch: {
    /** Confidence recorded on a domain link: a shared domain is weaker evidence than a key. */
    confidence: number;
    /** Domains anyone can sign up with: never evidence of which company a user works for. */
    freeMailDomains: readonly string[];
  };
  nameProposals: {
    /** Minimum trigram-Dice score (0..1) for a proposal. */
    threshold: number;
    /** Tokens dropped after a name's first token before comparing ('inc', 'gmbh' …). */
    legalSuffixes: readonly string[];
    /** A name token on more live accounts than this is too common to pick candidates by. */
    maxAccountsPerToken: number;
    /** Runner-up accounts listed with each proposal. */
    alternatives: number;
  };
  customers: {
    /** Account statuses that make an account a customer (compared case-insensitively). */
    statuses: readonly string[];
    /** Any other account with ARR > 0 is a customer too … */
    withArr: boolean;
    /** … unless its status is one of these. */
    exceptStatuses: readonly string[];
  };
  report: {
    /** Unmatched usage keys with fewer events over the window are not listed (dormant tenants). */
    minUnmatchedEvents: number;
  };
};

const folded = (values: readonly string[]): Set<string> => new Set(values.map((v) => v.trim().toLowerCase()));

/** Whether an account counts as a customer that should have usage. */
export const customerTest = (rules: ReconcileRules['customers']): ((account: Pick<CrmAccount, 'status' | 'arr'>) => boolean) => {
  const statuses = folded(rules.statuses);
  const except = folded(rules.exceptStatuses);
  return (account) => {
    const status = account.status?.trim().toLowerCase() ?? '';
    if (statuses.has(status)) return true;
    return rules.withArr && (account.arr ?? 0) > 0 && !except.has(status);
  };
};
