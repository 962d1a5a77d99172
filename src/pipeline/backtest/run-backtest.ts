import type { CrmAccount, CrmOpportunity } from '../../domain/crm-records.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { DayRange } from '../../domain/usage.ts';
import { runBacktest, type BacktestReport, type FactsTimeline, type HealthRules, type RenewalOutcome, type UsageDayFacts } from '../../health/index.ts';
import { addDays, daysBetween } from '../../lifecycle/index.ts';
import type { Store } from '../../store/store.ts';
import { keysByAccount as linkedKeys } from '../linked-keys.ts';
import { accountFacts, type AccountContext } from '../score/account-facts.ts';

export type BacktestRunOptions = {
  store: Store;
  health: HealthRules;
  range: DayRange;
  /** "Red within N days before the renewal". */
  windowDays: number;
};

/** Usage needed before the first replayed day: the 90-day baseline and the 30-day windows. */
const HISTORY_DAYS = 120;
const isRenewal = (o: CrmOpportunity, types: readonly string[]): boolean =>
  o.type !== null && types.some((t) => t.trim().toLowerCase() === o.type!.trim().toLowerCase());

/**
 * `sextant backtest`: replays the health model day by day over stored history for every account
 * whose renewal closed in the range (or within the window after it), and reports how early the
 * lost ones turned red and how precise "red" is, overall and per measure.
 *
 * What is replayed: usage as stored (the model only sees days up to each replayed day), the
 * renewal date set to the renewal's close date, the renewal opportunity open until then (the
 * renewal plan). Other CRM fields are today's: the store keeps current records, not their
 * history, so fields that changed since (segment, owner) are replayed at their current value.
 */
export const runBacktestFromStore = async (options: BacktestRunOptions): Promise<BacktestReport & { seconds: number }> => {
  const started = performance.now();
  const { store, health, range } = options;
  if (daysBetween(range.from, range.to) < 0) {
    throw new SextantError('CLI_USAGE', `--from ${range.from} is after --to ${range.to}`, { kind: 'config', path: '--from' });
  }
  const lastOutcomeDay = addDays(range.to, options.windowDays);
  const types = health.signals.renewalOpportunityTypes;
  const renewals = new Map<string, CrmOpportunity>();
  for await (const o of store.iterateRecords('opportunities')) {
    if (o.accountId === null) continue;
    if (!o.isClosed || o.closeDate === null || !isRenewal(o, types)) continue;
    if (o.closeDate < range.from || o.closeDate > lastOutcomeDay) continue;
    // One outcome per account: the earliest renewal in the range.
    const seen = renewals.get(o.accountId);
    if (seen === undefined || (seen.closeDate ?? '') > o.closeDate) renewals.set(o.accountId, o);
  }
  const accounts = (await store.getRecords('accounts', [...renewals.keys()])).filter((a) => !a.isDeleted);
  const keysByAccount = linkedKeys(await store.listIdentityLinks({ accountIds: accounts.map((a) => a.id) }));
  const accountOfKey = new Map([...keysByAccount].flatMap(([id, keys]) => keys.map((k) => [k, id] as const)));
  const usage = new Map<string, UsageDayFacts[]>();
  for await (const page of store.usageDays({ accountKeys: [...accountOfKey.keys()], range: { from: addDays(range.from, -HISTORY_DAYS), to: range.to } })) {
    for (const d of page) {
      const id = accountOfKey.get(d.accountKey)!;
      const list = usage.get(id);
      if (list) list.push(d);
      else usage.set(id, [d]);
    }
  }

  const lost: RenewalOutcome[] = [];
  const retained: RenewalOutcome[] = [];
  const timelines: FactsTimeline[] = accounts.map((account) => {
    const renewal = renewals.get(account.id)!;
    const outcome = { accountId: account.id, date: renewal.closeDate!, arr: renewal.amount ?? account.arr ?? 0 };
    (renewal.isWon ? retained : lost).push(outcome);
    const asItWas: CrmAccount = { ...account, renewalDate: renewal.closeDate };
    const openRenewal: CrmOpportunity = { ...renewal, isClosed: false, isWon: false };
    // NPS answers are left out of the replay: a response given after a replayed day must not
    // colour it, and the store keeps only the latest per account (see FactsTimeline changes).
    const ctx: AccountContext = { opportunitiesByAccount: new Map([[account.id, [openRenewal]]]), keysByAccount, stages: new Map(), npsByAccount: new Map() };
    return { base: accountFacts(asItWas, usage.get(account.id) ?? [], ctx) };
  });
  const report = runBacktest({ timelines, lost, retained, range, windowDays: options.windowDays }, health);
  return { ...report, seconds: (performance.now() - started) / 1000 };
};
