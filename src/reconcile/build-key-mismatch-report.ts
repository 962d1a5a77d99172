import type { ReconcileAccount } from './reconcile-account.ts';
import { MATCH_RULES, type MatchRule } from '../domain/identity.ts';
import type { UsageAccount } from '../domain/usage.ts';
import { accountId18, type AccountGraph } from './account-graph.ts';
import type {
  AmbiguousDomainRow, BrokenMergeRow, CustomerWithoutUsageRow, DuplicateKeysRow, InvalidOverrideRow, KeyConflictRow,
  KeyMismatchReport, MismatchClass, NameProposalRow, UnmatchedUsageKeyRow,
} from './key-mismatch-report.ts';
import type { KeyOutcome } from './match-usage-key.ts';
import { accountRef, accountsOfRow, arrOf, sectionOf, totalEvents, usageRef } from './mismatch-sections.ts';
import type { NameProposer } from './name-proposals.ts';
import { normalizeKey } from './normalize-key.ts';

type Linked = Extract<KeyOutcome, { kind: 'linked' }>;

export type ReportInput = {
  asOf: string;
  graph: AccountGraph;
  outcomes: readonly KeyOutcome[];
  linksByAccount: Map<ReconcileAccount, Linked[]>;
  invalidOverrides: readonly InvalidOverrideRow[];
  proposer: NameProposer;
  isCustomer: (account: ReconcileAccount) => boolean;
  minUnmatchedEvents: number;
};

const groupBy = <T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** Turns the per-key outcomes into the report's classes and summary. */
export const buildKeyMismatchReport = (input: ReportInput): KeyMismatchReport => {
  const { graph, outcomes, linksByAccount, proposer, isCustomer } = input;
  const listed = (usage: UsageAccount): boolean => usage.events >= input.minUnmatchedEvents;

  const conflictUsage = groupBy(outcomes.filter((o) => o.kind === 'conflict'), (o) => o.key);
  // Every product key on two live accounts, with or without usage: the CRM is wrong either way.
  const conflicts: KeyConflictRow[] = [];
  const inConflict = new Set<ReconcileAccount>();
  for (const [key, owners] of graph.productKeys) {
    if (owners.length < 2) continue;
    const usage = (conflictUsage.get(key) ?? []).map((o) => usageRef(o.usage));
    owners.forEach((o) => inConflict.add(o.account));
    conflicts.push({
      class: 'key-conflict', key, usage, events: totalEvents(usage), arr: owners.reduce((s, o) => s + arrOf(o.account), 0),
      accounts: owners.map((o) => ({ ...accountRef(o.account), productKey: o.heldBy.productKey ?? '', heldById: accountId18(o.heldBy) })),
    });
  }

  const ambiguous: AmbiguousDomainRow[] = [];
  for (const [domain, hits] of groupBy(outcomes.filter((o) => o.kind === 'ambiguous-domain'), (o) => o.domain)) {
    const accounts = (hits[0]?.accounts ?? []).map(accountRef);
    const usage = hits.map((o) => usageRef(o.usage));
    ambiguous.push({ class: 'ambiguous-domain', domain, accounts, usage, events: totalEvents(usage), arr: accounts.reduce((s, a) => s + a.arr, 0) });
  }

  const unlinked = outcomes.filter((o) => (o.kind === 'unmatched' || o.kind === 'ambiguous-domain') && listed(o.usage));
  const proposals: NameProposalRow[] = [];
  // Runners-up count too: with two 'Silvershore Corp' accounts, names cannot say which is which.
  const proposedFor = new Map<string, { key: string; score: number; events: number }[]>();
  for (const o of unlinked) {
    const [best, ...others] = proposer.propose(o.usage.name);
    if (!best) continue;
    const row: NameProposalRow = {
      class: 'name-proposal', usage: usageRef(o.usage), account: accountRef(best.account), score: round3(best.score),
      alternatives: others.map((c) => ({ accountId: accountId18(c.account), accountName: c.account.name, score: round3(c.score) })),
      arr: arrOf(best.account), events: o.usage.events,
    };
    proposals.push(row);
    for (const c of [best, ...others]) {
      const entry = { key: o.usage.accountKey, score: c.score, events: o.usage.events };
      const same = proposedFor.get(accountId18(c.account));
      if (same) same.push(entry);
      else proposedFor.set(accountId18(c.account), [entry]);
    }
  }
  const proposalByKey = new Map(proposals.map((p) => [p.usage.accountKey, { accountId: p.account.accountId, accountName: p.account.accountName, score: p.score }]));

  const unmatched: UnmatchedUsageKeyRow[] = outcomes.flatMap((o) => (o.kind === 'unmatched' && listed(o.usage)
    ? [{
      class: 'unmatched-usage-key' as const, usage: usageRef(o.usage), freeMail: o.freeMail, arr: 0, events: o.usage.events,
      deletedAccountId: o.deadAccount ? accountId18(o.deadAccount) : null, proposal: proposalByKey.get(o.usage.accountKey) ?? null,
    }]
    : []));

  const withoutUsage: CustomerWithoutUsageRow[] = [];
  const customers = { all: 0, withUsage: 0 };
  for (const account of graph.live) {
    if (!isCustomer(account)) continue;
    customers.all++;
    const links = linksByAccount.get(account) ?? [];
    const used = links.some((l) => l.usage.events > 0);
    if (used) customers.withUsage++;
    // A conflicted account is already reported under its key; listing it twice hides nothing new.
    if (used || inConflict.has(account)) continue;
    const ref = accountRef(account);
    withoutUsage.push({
      class: 'customer-without-usage', account: ref, website: account.website, productKey: account.productKey,
      idleKeys: links.map((l) => l.usage.accountKey), proposedKeys: (proposedFor.get(ref.accountId) ?? []).sort((a, b) => b.score - a.score || b.events - a.events).map((p) => p.key),
      arr: ref.arr, events: 0,
    });
  }

  const duplicates: DuplicateKeysRow[] = [];
  for (const [account, links] of linksByAccount) {
    if (links.length < 2) continue;
    const keys = links.map((l) => ({
      ...usageRef(l.usage), rule: l.link.rule, evidence: l.link.evidence, mergedFromId: l.mergedFrom ? accountId18(l.mergedFrom) : null,
    }));
    const forms = new Set(links.map((l) => normalizeKey(l.usage.accountKey)));
    duplicates.push({ class: 'duplicate-keys', account: accountRef(account), keys, sameKeyVariants: forms.size === 1, arr: arrOf(account), events: totalEvents(keys) });
  }

  const broken: BrokenMergeRow[] = graph.brokenMerges.map((b) => ({
    class: 'broken-merge', account: accountRef(b.loser), masterRecordId: b.masterRecordId, problem: b.problem, chain: b.chain,
    productKey: b.loser.productKey, arr: arrOf(b.loser), events: 0,
  }));

  const eventsByKey = new Map<string, number>();
  for (const o of input.invalidOverrides.length === 0 ? [] : outcomes) {
    const k = normalizeKey(o.usage.accountKey);
    if (k !== null) eventsByKey.set(k, (eventsByKey.get(k) ?? 0) + o.usage.events);
  }
  const invalid = input.invalidOverrides.map((r) => ({ ...r, events: eventsByKey.get(normalizeKey(r.accountKey) ?? '') ?? 0 }));

  const classes: KeyMismatchReport['classes'] = {
    'key-conflict': sectionOf(conflicts),
    'customer-without-usage': sectionOf(withoutUsage),
    'unmatched-usage-key': sectionOf(unmatched),
    'ambiguous-domain': sectionOf(ambiguous),
    'duplicate-keys': sectionOf(duplicates),
    'name-proposal': sectionOf(proposals),
    'broken-merge': sectionOf(broken),
    'invalid-override': sectionOf(invalid),
  };
  return { asOf: input.asOf, summary: summarize(input, classes, customers), classes };
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Proposals are suggestions, not problems: their accounts do not add to the ARR affected. */
const PROBLEM_CLASSES: readonly MismatchClass[] = [
  'key-conflict', 'customer-without-usage', 'unmatched-usage-key', 'ambiguous-domain', 'duplicate-keys', 'broken-merge', 'invalid-override',
];

const summarize = (
  input: ReportInput,
  classes: KeyMismatchReport['classes'],
  customers: { all: number; withUsage: number },
): KeyMismatchReport['summary'] => {
  const matchedBy = Object.fromEntries(MATCH_RULES.map((r) => [r, 0])) as Record<MatchRule, number>;
  let ignored = 0;
  let linked = 0;
  let dormant = 0;
  let events = 0;
  let linkedEvents = 0;
  for (const o of input.outcomes) {
    if (o.kind === 'ignored') {
      ignored++;
      continue;
    }
    events += o.usage.events;
    if (o.kind === 'linked') {
      linked++;
      linkedEvents += o.usage.events;
      matchedBy[o.link.rule]++;
    } else if (o.usage.events < input.minUnmatchedEvents) dormant++;
  }
  const affected = new Map<string, number>();
  for (const c of PROBLEM_CLASSES) for (const row of classes[c].rows) for (const a of accountsOfRow(row)) affected.set(a.accountId, a.arr);
  const candidates = input.outcomes.length - ignored;
  return {
    accounts: input.graph.live.length,
    mergedAccounts: input.graph.survivorOf.size,
    customers: customers.all,
    customersWithUsage: customers.withUsage,
    usageKeys: input.outcomes.length,
    ignoredKeys: ignored,
    linkedKeys: linked,
    matchedBy,
    unlinkedKeys: candidates - linked,
    unlistedDormantKeys: dormant,
    matchRate: candidates === 0 ? 1 : round3(linked / candidates),
    eventMatchRate: events === 0 ? 1 : round3(linkedEvents / events),
    arrAffected: [...affected.values()].reduce((s, v) => s + v, 0),
  };
};
