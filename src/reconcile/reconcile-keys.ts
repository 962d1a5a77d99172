import type { ReconcileAccount } from './reconcile-account.ts';
import type { IdentityLink } from '../domain/identity.ts';
import type { UsageAccount } from '../domain/usage.ts';
import { buildAccountGraph } from './account-graph.ts';
import { buildKeyMismatchReport } from './build-key-mismatch-report.ts';
import type { KeyMismatchReport } from './key-mismatch-report.ts';
import { matchUsageKey, type KeyOutcome } from './match-usage-key.ts';
import { createNameProposer } from './name-proposals.ts';
import { normalizeDomain } from './normalize-domain.ts';
import { buildOverrideBook, type OverrideEntry } from './override-book.ts';
import { customerTest, type ReconcileRules } from './reconcile-rules.ts';

export type ReconcileInput = {
  /** Every synced account, deleted and merged-away ones included (their keys move to survivors). */
  accounts: readonly ReconcileAccount[];
  usageAccounts: readonly UsageAccount[];
  overrides: readonly OverrideEntry[];
  rules: ReconcileRules;
  /** The run's instant or day, stamped on the report; nothing here reads the clock. */
  asOf: string;
};

export type ReconcileResult = {
  /** The identity map: at most one link per usage key, each with its rule and evidence. */
  links: IdentityLink[];
  report: KeyMismatchReport;
  stats: { nameComparisons: number };
};

/**
 * Key reconciliation (DOMAIN.md): links each warehouse key to at most one live CRM account by
 * the first rule that applies, and reports everything a data owner should fix.
 *
 * Cost: O(A + U + O) Map work for accounts, usage keys and overrides, plus at most
 * 2 × maxAccountsPerToken name comparisons per unmatched key (see name-proposals.ts).
 */
export const reconcileKeys = (input: ReconcileInput): ReconcileResult => {
  const { rules } = input;
  const freeMail = new Set(rules.domainMatch.freeMailDomains.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase()));
  const graph = buildAccountGraph(input.accounts, freeMail);
  const overrides = buildOverrideBook(input.overrides, graph);
  const ctx = { graph, overrides, freeMail, domainConfidence: rules.domainMatch.confidence };
  const outcomes: KeyOutcome[] = input.usageAccounts.map((usage) => matchUsageKey(usage, ctx));

  const links: IdentityLink[] = [];
  const linksByAccount = new Map<ReconcileAccount, Extract<KeyOutcome, { kind: 'linked' }>[]>();
  for (const o of outcomes) {
    if (o.kind !== 'linked') continue;
    links.push(o.link);
    const list = linksByAccount.get(o.account);
    if (list) list.push(o);
    else linksByAccount.set(o.account, [o]);
  }

  const isCustomer = customerTest(rules.customers);
  // Built after linking: candidates are ranked by whether they already have usage.
  const proposer = createNameProposer(graph.live, {
    ...rules.nameProposals,
    hasUsage: (account) => linksByAccount.has(account),
    isCustomer,
    // The report asks about keys that did not link; the index need hold nothing else.
    expectedNames: outcomes.filter((o) => o.kind !== 'linked').map((o) => o.usage.name),
  });
  const report = buildKeyMismatchReport({
    asOf: input.asOf, graph, outcomes, linksByAccount, invalidOverrides: overrides.invalid, proposer, isCustomer,
    minUnmatchedEvents: rules.report.minUnmatchedEvents,
  });
  return { links, report, stats: { nameComparisons: proposer.comparisons() } };
};
