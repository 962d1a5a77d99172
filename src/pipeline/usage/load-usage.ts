import type { QuarantinedRecord } from '../../domain/crm-records.ts';
import type { DayRange, IsoDay, UsageAccount } from '../../domain/usage.ts';
import { addDays, isoDayOf } from '../../lifecycle/index.ts';
import type { Store } from '../../store/store.ts';
import { accountKeyProblem, parseUsageAccountRow, parseUsageRollupRow } from '../../warehouse/usage-row.ts';
import { isoDayNumber } from '../../domain/utc-calendar.ts';
import { runStoreStep } from '../run-step.ts';
import type { RawUsageRow, RollupColumns, UsageSource } from '../usage-source.port.ts';
import { UsageDayBatch } from './usage-day-batch.ts';
import { readAhead } from './read-ahead.ts';

/** The step_state entry that remembers how far usage is loaded. */
export const USAGE_STATE = 'usage';
type UsageState = { loadedThrough: IsoDay; loadedAt: string };

export type LoadUsageOptions = {
  store: Store;
  source: UsageSource;
  runId: string;
  asOf: Date;
  coreFeatures: readonly string[];
  /** Days re-read before the last loaded day, for events the warehouse receives late. */
  lookbackDays: number;
  /** How far back a first (or `full`) load reaches. */
  historyDays: number;
  full?: boolean;
  onPage?: (rows: number) => void;
};

export type UsageLoadSummary = {
  range: DayRange;
  /** Rollup rows the warehouse returned. */
  read: number;
  /** Days inserted or changed: 0 when a reload found nothing new. */
  changed: number;
  quarantined: number;
  usageAccounts: number;
  seconds: number;
};

const FUTURE_DAYS_CHECKED = 366;
/** Rollup rows written per transaction. */
const WRITE_BATCH = 10_000;

/**
 * The load's range in calendar-month slices, one warehouse query each: each month's rows land
 * in that month's stored rows (usage-month.codec.ts), a warehouse prunes to the month, and its
 * aggregate stays a month's size. The last slice runs on to `through` (past today: see below).
 */
export const monthSlices = (range: DayRange, through: IsoDay): DayRange[] => {
  const slices: DayRange[] = [];
  let from = range.from;
  for (;;) {
    const nextMonth = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1)).toISOString().slice(0, 10);
    if (nextMonth > range.to) break;
    slices.push({ from, to: addDays(nextMonth, -1) });
    from = nextMonth;
  }
  slices.push({ from, to: through > range.to ? through : range.to });
  return slices;
};

/**
 * The days to ask the warehouse for: from the last loaded day minus the lookback (late events
 * land in days already loaded) through asOf's UTC day (today is partial, and is re-read by the
 * next run's lookback). A first or full load reaches `historyDays` back.
 */
export const usageRange = (state: UsageState | null, asOf: Date, options: { lookbackDays: number; historyDays: number; full?: boolean }): DayRange => {
  const to = isoDayOf(asOf.toISOString());
  const earliest = addDays(to, -(options.historyDays - 1));
  if (state === null || options.full === true) return { from: earliest, to };
  // ISO days compare as strings.
  const from = addDays(state.loadedThrough < to ? state.loadedThrough : to, -options.lookbackDays);
  return { from: from > earliest ? from : earliest, to };
};

type RollupPage = readonly RawUsageRow[] | RollupColumns;
const isRows = (page: RollupPage): page is readonly RawUsageRow[] => Array.isArray(page);

const whole = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
/** Instants Date can hold (±100M days of the epoch). */
const MAX_MS = 8.64e15;

/**
 * Whether row r of `page` can be stored as it lies: a day up to today, whole non-negative
 * counts, NaN (NULL) where a NULL is allowed. Anything else goes the rows' way.
 */
const regularRow = (page: RollupColumns, r: number, features: readonly (Float64Array | undefined)[], today: number): boolean => {
  const day = page.day[r]!;
  if (!Number.isSafeInteger(day) || day > today) return false;
  if (!whole(page.activeUsers[r]!) || !whole(page.logins[r]!) || !whole(page.events[r]!)) return false;
  const licenses = page.licenses[r]!;
  if (!Number.isNaN(licenses) && !whole(licenses)) return false;
  const login = page.lastLoginMs[r]!;
  if (!Number.isNaN(login) && !(Number.isSafeInteger(login) && Math.abs(login) <= MAX_MS)) return false;
  for (const counts of features) {
    const n = counts?.[r];
    if (n !== undefined && !Number.isNaN(n) && !whole(n)) return false;
  }
  return true;
};

/** Warehouse values as JSON can hold them: bigint and Date are not JSON. */
const jsonSafe = (row: RawUsageRow): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v]));

/**
 * Loads daily usage rollups and the warehouse's account list into the store. Every row is
 * validated; a bad one (unknown key format, negative count, a day in the future) is quarantined
 * with its reason and raw values and the load goes on. Each page lands in one transaction, and
 * the high-water mark moves only after the last page, so an interrupted load is simply re-run.
 */
export const loadUsage = async (options: LoadUsageOptions): Promise<UsageLoadSummary> => {
  const started = performance.now();
  const { store, source, runId, asOf } = options;
  const state = (await store.getStepState(USAGE_STATE)) as UsageState | null;
  const range = usageRange(state, asOf, options);
  const context = { coreFeatures: options.coreFeatures, asOf };
  const at = asOf.toISOString();
  let read = 0;
  let changed = 0;
  let quarantined = 0;

  const quarantine = (object: string, raw: RawUsageRow, sourceId: string | null, r: { code: string; path: string; reason: string }): QuarantinedRecord =>
    ({ runId, object, sourceId, code: r.code, path: r.path, reason: r.reason, raw: jsonSafe(raw), quarantinedAt: at });

  // Asked past today on purpose: rows dated in the future (clock skew, bad timestamps upstream)
  // come back and are quarantined where a data owner sees them, instead of silently not loaded.
  // A source that can give its rollups as columns does (DuckDB over Sextant's SQL). The usage
  // accounts query follows the last month, read ahead like the months (read-ahead.ts). (Run
  // second instead, it made no difference: with one query read ahead, whichever query follows
  // it waits for it; bench/usage is bound by DuckDB's own time.)
  const slices = monthSlices(range, addDays(range.to, FUTURE_DAYS_CHECKED));
  const rollupsOf = (slice: DayRange): AsyncIterable<RollupPage> => source.dailyRollupColumns?.(slice) ?? source.dailyRollups(slice);
  const queries: (() => AsyncIterable<RollupPage>)[] = [...slices.map((slice) => () => rollupsOf(slice)), () => source.usageAccounts(range)];
  const accountsAt = slices.length;
  let usageAccounts = 0;
  // Valid days are gathered into a page of columns and written a batch at a time, whatever size
  // the source's pages are (DuckDB's are its 2,048-row chunks): one transaction per ~10k rows.
  const batch = new UsageDayBatch(options.coreFeatures, WRITE_BATCH);
  let rejectedDays: QuarantinedRecord[] = [];
  const writeDays = async (): Promise<void> => {
    if (batch.length === 0 && rejectedDays.length === 0) return;
    const [page, rejected] = [batch.take(), rejectedDays];
    rejectedDays = [];
    changed += await store.transaction(async (tx) => {
      await tx.quarantine(rejected);
      return tx.upsertUsageDayColumns(page, { runId, loadedAt: at });
    });
  };
  const storeRow = (raw: RawUsageRow): void => {
    const parsed = parseUsageRollupRow(raw, context);
    if (parsed.ok) {
      batch.addDay(parsed.day);
    } else {
      rejectedDays.push(quarantine('usage_days', raw, `${String(raw.account_key ?? '')}|${String(raw.day ?? '')}`, parsed));
      quarantined++;
    }
  };
  const storeRows = async (page: readonly RawUsageRow[]): Promise<void> => {
    for (const raw of page) {
      storeRow(raw);
      if (batch.length >= WRITE_BATCH) await writeDays();
    }
    read += page.length;
    options.onPage?.(page.length);
  };
  // Columns: each row checked where it lies (its key once per run of rows); one that does not
  // pass is read as a row and parsed, so it is accepted or quarantined exactly as a row would be.
  const today = isoDayNumber(isoDayOf(at));
  const storeColumns = async (page: RollupColumns): Promise<void> => {
    const features = options.coreFeatures.map((f) => page.features.get(f));
    let key: unknown;
    let keyOk = false;
    for (let r = 0; r < page.length; r++) {
      if (r === 0 || page.accountKey[r] !== key) {
        key = page.accountKey[r];
        keyOk = typeof key === 'string' && accountKeyProblem(key) === null;
      }
      if (keyOk && regularRow(page, r, features, today)) batch.addColumns(page, r, key as string, features);
      else storeRow(page.row(r));
      if (batch.length >= WRITE_BATCH) await writeDays();
    }
    read += page.length;
    options.onPage?.(page.length);
  };
  const storeAccounts = async (page: readonly RawUsageRow[]): Promise<void> => {
    const accounts: UsageAccount[] = [];
    const rejected: QuarantinedRecord[] = [];
    for (const raw of page) {
      const parsed = parseUsageAccountRow(raw);
      if (parsed.ok) accounts.push(parsed.account);
      else rejected.push(quarantine('usage_accounts', raw, String(raw.account_key ?? ''), parsed));
    }
    usageAccounts += accounts.length;
    quarantined += rejected.length;
    await store.transaction(async (tx) => {
      await tx.quarantine(rejected);
      await tx.upsertUsageAccounts(accounts);
    });
  };
  let current = 0;
  for await (const { query, page } of readAhead(queries)) {
    // Each month's days go in batches of their own: a batch holds each key once, so the store
    // packs new months straight from the columns (a key in two months of one batch goes the
    // objects' way).
    if (query !== current) {
      current = query;
      await writeDays();
    }
    if (query !== accountsAt) {
      await (isRows(page) ? storeRows(page) : storeColumns(page));
    } else {
      await storeAccounts(page as readonly RawUsageRow[]);
    }
  }
  await writeDays();
  await store.refreshUsageVolumes();
  await store.setStepState(USAGE_STATE, { loadedThrough: range.to, loadedAt: at } satisfies UsageState);
  return { range, read, changed, quarantined, usageAccounts, seconds: (performance.now() - started) / 1000 };
};

/** `loadUsage` as a run of its own (command 'usage'), with its counts recorded. */
export const runUsageLoad = (options: Omit<LoadUsageOptions, 'runId'>): Promise<UsageLoadSummary & { runId: string }> =>
  runStoreStep(options.store, 'usage', async (runId) => {
    const result = await loadUsage({ ...options, runId });
    return { result, counts: { read: result.read, upserted: result.changed, quarantined: result.quarantined }, summary: { ...result } };
  });
