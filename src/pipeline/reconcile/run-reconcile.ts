import type { ReconcileRules } from '../../reconcile/reconcile-rules.ts';
import type { KeyMismatchReport } from '../../reconcile/key-mismatch-report.ts';
import type { OverrideEntry } from '../../reconcile/override-book.ts';
import { RECONCILE_ACCOUNT_FIELDS } from '../../reconcile/reconcile-account.ts';
import { reconcileKeys } from '../../reconcile/reconcile-keys.ts';
import type { Store } from '../../store/store.ts';
import { runStoreStep } from '../run-step.ts';

export type ReconcileRunOptions = {
  store: Store;
  rules: ReconcileRules;
  overrides: readonly OverrideEntry[];
  asOf: Date;
};

export type ReconcileRunSummary = { report: KeyMismatchReport; links: number; seconds: number };

/**
 * `sextant reconcile`: matches every warehouse key in the store to a CRM account and replaces
 * the identity map with the result (one transaction: scoring never sees half a map). Accounts
 * are read with the deleted and merged-away ones, whose keys move to their survivors, and only
 * the fields the rules read (RECONCILE_ACCOUNT_FIELDS).
 */
export const runReconcile = (options: ReconcileRunOptions): Promise<ReconcileRunSummary & { runId: string }> =>
  runStoreStep(options.store, 'reconcile', async (runId) => {
    const started = performance.now();
    const { store } = options;
    const accounts = await store.listRecords('accounts', { fields: RECONCILE_ACCOUNT_FIELDS, includeDeleted: true });
    const usageAccounts = await store.listUsageAccounts();
    const { links, report } = reconcileKeys({ accounts, usageAccounts, overrides: options.overrides, rules: options.rules, asOf: options.asOf.toISOString().slice(0, 10) });
    await store.replaceIdentityLinks(links, { runId, at: options.asOf.toISOString() });
    const result = { report, links: links.length, seconds: (performance.now() - started) / 1000 };
    return {
      result,
      counts: { read: accounts.length + usageAccounts.length, upserted: links.length },
      summary: { ...report.summary, links: links.length },
    };
  });
