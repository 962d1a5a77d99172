import type { ReconcileAccount } from './reconcile-account.ts';
import type { IdentityLink } from '../domain/identity.ts';
import type { UsageAccount } from '../domain/usage.ts';
import { accountId18, liveOwnerOf, type AccountGraph, type KeyOwner } from './account-graph.ts';
import { isFreeMailDomain, normalizeDomain } from './normalize-domain.ts';
import { normalizeKey, recordId18 } from './normalize-key.ts';
import type { OverrideBook } from './override-book.ts';

/** What happened to one usage key. Only `linked` puts it in the identity map. */
export type KeyOutcome =
  | { kind: 'linked'; usage: UsageAccount; link: IdentityLink; account: ReconcileAccount; mergedFrom: ReconcileAccount | null }
  | { kind: 'ignored'; usage: UsageAccount }
  | { kind: 'conflict'; usage: UsageAccount; key: string; owners: KeyOwner[] }
  | { kind: 'ambiguous-domain'; usage: UsageAccount; domain: string; accounts: ReconcileAccount[] }
  | { kind: 'unmatched'; usage: UsageAccount; freeMail: boolean; deadAccount: ReconcileAccount | null };

export type MatchContext = {
  graph: AccountGraph;
  overrides: OverrideBook;
  freeMail: ReadonlySet<string>;
  domainConfidence: number;
};

const via = (owner: KeyOwner): string => (owner.heldBy === owner.account ? '' : ` (via merged account ${accountId18(owner.heldBy)})`);

/**
 * DOMAIN.md "Key reconciliation", rules 1–4 in order, first rule wins: override, product key,
 * Salesforce id, website domain. Rule 5 (names) only proposes and runs after every key is
 * decided. A product key on two live accounts stops here as a conflict: falling through to the
 * domain rule would be the guess DOMAIN.md forbids.
 */
export const matchUsageKey = (usage: UsageAccount, ctx: MatchContext): KeyOutcome => {
  const { graph } = ctx;
  const key = normalizeKey(usage.accountKey);
  const linked = (account: ReconcileAccount, rule: IdentityLink['rule'], confidence: number, evidence: string, heldBy = account): KeyOutcome => ({
    kind: 'linked', usage, account, mergedFrom: heldBy === account ? null : heldBy,
    link: { accountKey: usage.accountKey, accountId: accountId18(account), rule, confidence, evidence },
  });

  const override = ctx.overrides.lookup(key);
  if (override?.kind === 'ignore') return { kind: 'ignored', usage };
  if (override?.kind === 'link') {
    const { entry } = override;
    const where = entry.source ? ` (${entry.source})` : '';
    return linked(override.account, 'override', 1, `override${where}${entry.note ? `: ${entry.note}` : ''}`);
  }

  const owners = key === null ? undefined : graph.productKeys.get(key);
  if (owners && owners.length > 1) return { kind: 'conflict', usage, key: key as string, owners };
  const owner = owners?.[0];
  if (owner) {
    return linked(owner.account, 'product-key', 1, `product key '${owner.heldBy.productKey}' = usage key '${usage.accountKey}'${via(owner)}`, owner.heldBy);
  }

  const id18 = recordId18(usage.accountKey);
  const byId = id18 === null ? undefined : graph.byId18.get(id18);
  const idOwner = byId ? liveOwnerOf(graph, byId) : null;
  if (byId && idOwner) {
    return linked(idOwner, 'salesforce-id', 1, `usage key '${usage.accountKey}' is the account id${via({ account: idOwner, heldBy: byId })}`, byId);
  }

  const domain = normalizeDomain(usage.domain);
  const freeMail = domain !== null && isFreeMailDomain(domain, ctx.freeMail);
  const byDomain = domain === null || freeMail ? undefined : graph.domains.get(domain);
  if (byDomain && byDomain.length > 1) return { kind: 'ambiguous-domain', usage, domain: domain as string, accounts: byDomain };
  const site = byDomain?.[0];
  if (site) return linked(site, 'domain', ctx.domainConfidence, `website '${site.website}' = usage domain ${domain}`);

  const deadAccount = (key === null ? undefined : graph.deadKeys.get(key)) ?? byId ?? null;
  return { kind: 'unmatched', usage, freeMail, deadAccount };
};
