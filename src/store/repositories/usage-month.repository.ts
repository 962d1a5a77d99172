import { sql, type Kysely } from 'kysely';
import type { UsageDay, UsageDayColumns } from '../../domain/usage.ts';
import { daysFromCivil, isoDayNumber, isoDayText } from '../../domain/utc-calendar.ts';
import { formatUtcInstant } from '../../domain/utc-instant.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { StoreDatabase } from '../schema/store-database.ts';
import type { UsageMonthTable } from '../schema/pipeline.table.ts';
import type { UsageDayFilter } from '../store.ts';
import { batchQuery, cachedStatement, chunks, valuesList } from './batch-statement.ts';
import { inTransaction } from './in-transaction.ts';
import { columnsOfMonths } from './usage-columns-page.ts';
import { decodeUsageMonth, encodeUsageMonth, encodeUsageMonthColumns, monthOf } from './usage-month.codec.ts';

const COLUMNS = ['account_key', 'month', 'data', 'days', 'events', 'first_day', 'last_day', 'loaded_at', 'run_id'] as const;
/** Months merged per round trip: one read of what is stored, one multi-row write of what changed. */
const MONTHS_PER_BATCH = 500;
const PAGE_MONTHS = 1_000;

const upsertSql = (db: Kysely<StoreDatabase>, rows: number): string => cachedStatement(db, `upsert usage_months ${rows}`, () => {
  return sql`insert into usage_months (${sql.join(COLUMNS.map((c) => sql.ref(c)))})
    values ${valuesList(db, rows, COLUMNS.length)}
    on conflict (account_key, month) do update set ${sql.join(COLUMNS.slice(2).map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.compile(db).sql;
});

const storedSql = (db: Kysely<StoreDatabase>, keys: number, months: number): string => cachedStatement(db, `stored usage_months ${keys} ${months}`, () =>
  db.selectFrom('usage_months').select(['account_key', 'month', 'data'])
    .where('account_key', 'in', Array.from({ length: keys }, () => ''))
    .where('month', 'in', Array.from({ length: months }, () => ''))
    .compile().sql);

/** The same usage, whatever the spelling of its instant or the order of its features. */
const sameDay = (a: UsageDay, b: UsageDay): boolean => {
  if (a.activeUsers !== b.activeUsers || a.logins !== b.logins || a.events !== b.events || a.licenses !== b.licenses) return false;
  if ((a.lastLoginAt === null) !== (b.lastLoginAt === null)) return false;
  if (a.lastLoginAt !== null && Date.parse(a.lastLoginAt) !== Date.parse(b.lastLoginAt!)) return false;
  const fa = Object.entries(a.featureEvents).filter(([, n]) => n !== 0);
  const fb = Object.entries(b.featureEvents).filter(([, n]) => n !== 0);
  return fa.length === fb.length && fa.every(([f, n]) => b.featureEvents[f] === n);
};

const groupKey = (accountKey: string, month: string): string => `${month}\u0000${accountKey}`;

/**
 * One key's days of one month to store: given as objects (`byDay`), or as rows [from, to) of a
 * page of columns, which are made into objects only if the month has stored days to merge with.
 */
type MonthGroup = { accountKey: string; month: string; byDay: Map<string, UsageDay> } | { accountKey: string; month: string; columns: UsageDayColumns; from: number; to: number };

/** Sorted by day; usually already so (callers give days in order), which costs one pass. */
const inDayOrder = (days: UsageDay[]): UsageDay[] => {
  for (let i = 1; i < days.length; i++) {
    if (days[i - 1]!.day > days[i]!.day) return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  return days;
};

const invalidDay = (accountKey: string, day: unknown): SextantError =>
  new SextantError('STORE_VALUE_INVALID', `usage day of ${accountKey} is not a calendar day 'YYYY-MM-DD': ${JSON.stringify(day)}`, { kind: 'data', path: 'day', data: { accountKey } });

type Written = { loadedAt: string; runId: string | null };

/**
 * Merges days into their key's stored months: a day given replaces the stored one, a stored day
 * not given stays. A month is rewritten only when one of its days changed, so loading a day
 * twice changes nothing (loaded_at and run_id keep saying when the month last changed); returns
 * how many days were inserted or changed.
 */
export const upsertUsageDays = async (db: Kysely<StoreDatabase>, days: readonly UsageDay[], options: { runId?: string | null; loadedAt?: string } = {}): Promise<number> => {
  if (days.length === 0) return 0;
  // Grouped by key and month; callers give days in (key, day) order, so the map is consulted
  // only when a new month starts.
  const groups: MonthGroup[] = [];
  const byKeyAndMonth = new Map<string, Map<string, UsageDay>>();
  let group: Map<string, UsageDay> | undefined;
  let groupOf = '';
  for (const d of days) {
    if (d.day.length !== 10 || Number.isNaN(isoDayNumber(d.day))) throw invalidDay(d.accountKey, d.day);
    const month = monthOf(d.day);
    const k = groupKey(d.accountKey, month);
    if (group === undefined || groupOf !== k) {
      group = byKeyAndMonth.get(k);
      groupOf = k;
      if (group === undefined) {
        group = new Map();
        groups.push({ accountKey: d.accountKey, month, byDay: group });
        byKeyAndMonth.set(k, group);
      }
    }
    group.set(d.day, d);
  }
  return writeMonths(db, groups, { loadedAt: options.loadedAt ?? new Date().toISOString(), runId: options.runId ?? null });
};

/** Row r of a page of columns as the domain's day. */
const dayOfColumns = (c: UsageDayColumns, accountKey: string, r: number): UsageDay => {
  const featureEvents: Record<string, number> = {};
  for (const [name, counts] of c.features) if (counts[r] !== 0) featureEvents[name] = counts[r]!;
  return {
    accountKey, day: isoDayText(c.day[r]!), activeUsers: c.activeUsers[r]!, logins: c.logins[r]!,
    lastLoginAt: Number.isNaN(c.lastLoginMs[r]) ? null : formatUtcInstant(c.lastLoginMs[r]!), featureEvents, events: c.events[r]!,
    licenses: Number.isNaN(c.licenses[r]) ? null : c.licenses[r]!,
  };
};

/**
 * `upsertUsageDays` for days given as a page of columns (the usage load's DuckDB path), with the
 * same outcome: a month with nothing stored is packed straight from the columns, with no object
 * per day. Days arrive in (key, day) order; a page that is not (a day twice, days out of order)
 * is stored through the objects, where the later of two equal days stands.
 */
export const upsertUsageDayColumns = async (db: Kysely<StoreDatabase>, c: UsageDayColumns, options: { runId?: string | null; loadedAt?: string } = {}): Promise<number> => {
  if (c.length === 0) return 0;
  const groups: MonthGroup[] = [];
  // Each key's run of rows in ascending day order, each key once: else the objects' way.
  let ordered = true;
  const keys = new Set<string>();
  for (let k = 0; k < c.keys.length && ordered; k++) {
    const accountKey = c.keys[k]!;
    ordered = !keys.has(accountKey);
    keys.add(accountKey);
    const end = c.keyStarts[k + 1]!;
    for (let r = c.keyStarts[k]!; r < end && ordered;) {
      const first = c.day[r]!;
      const day = isoDayText(first);
      const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
      const nextMonth = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
      let to = r + 1;
      while (to < end && c.day[to]! < nextMonth) {
        if (!(c.day[to]! > c.day[to - 1]!)) ordered = false;
        to++;
      }
      if (to < end && !(c.day[to]! > c.day[to - 1]!)) ordered = false;
      groups.push({ accountKey, month: monthOf(day), columns: c, from: r, to });
      r = to;
    }
  }
  const written = { loadedAt: options.loadedAt ?? new Date().toISOString(), runId: options.runId ?? null };
  if (!ordered) {
    const days: UsageDay[] = [];
    for (let k = 0; k < c.keys.length; k++) for (let r = c.keyStarts[k]!; r < c.keyStarts[k + 1]!; r++) days.push(dayOfColumns(c, c.keys[k]!, r));
    return upsertUsageDays(db, days, written);
  }
  return writeMonths(db, groups, written);
};

/** Writes each group's month, merged with what is stored; returns the days inserted or changed. */
const writeMonths = (db: Kysely<StoreDatabase>, groups: readonly MonthGroup[], { loadedAt, runId }: Written): Promise<number> =>
  inTransaction(db, async (trx) => {
    let changed = 0;
    for (const batch of chunks(groups, MONTHS_PER_BATCH)) {
      const keys = [...new Set(batch.map((g) => g.accountKey))];
      const months = [...new Set(batch.map((g) => g.month))];
      const stored = new Map<string, Uint8Array>();
      const found = await trx.executeQuery<Pick<UsageMonthTable, 'account_key' | 'month' | 'data'>>(batchQuery(storedSql(trx, keys.length, months.length), [...keys, ...months]));
      for (const r of found.rows) stored.set(groupKey(r.account_key, r.month), r.data);

      const parameters: unknown[] = [];
      let rows = 0;
      for (const g of batch) {
        const { accountKey, month } = g;
        const before = stored.get(groupKey(accountKey, month));
        if ('columns' in g && before === undefined) {
          // A month new to the store, packed straight from the columns.
          const { columns: c, from, to } = g;
          const data = encodeUsageMonthColumns(c, accountKey, month, from, to);
          let events = 0;
          for (let r = from; r < to; r++) events += c.events[r]!;
          parameters.push(accountKey, month, data, to - from, events, isoDayText(c.day[from]!), isoDayText(c.day[to - 1]!), loadedAt, runId);
          changed += to - from;
          rows++;
          continue;
        }
        let byDay: Map<string, UsageDay>;
        if ('columns' in g) {
          byDay = new Map();
          for (let r = g.from; r < g.to; r++) {
            const d = dayOfColumns(g.columns, accountKey, r);
            byDay.set(d.day, d);
          }
        } else {
          byDay = g.byDay;
        }
        let merged = byDay;
        let monthChanged = byDay.size;
        if (before !== undefined) {
          merged = new Map(decodeUsageMonth(accountKey, month, before).map((d) => [d.day, d]));
          monthChanged = 0;
          for (const [day, d] of byDay) {
            const old = merged.get(day);
            if (old !== undefined && sameDay(old, d)) continue;
            merged.set(day, d);
            monthChanged++;
          }
        }
        if (monthChanged === 0) continue;
        changed += monthChanged;
        const ordered = inDayOrder([...merged.values()]);
        parameters.push(accountKey, month, encodeUsageMonth(ordered), ordered.length, ordered.reduce((n, d) => n + d.events, 0), ordered[0]!.day, ordered.at(-1)!.day, loadedAt, runId);
        rows++;
      }
      if (rows > 0) await trx.executeQuery(batchQuery(upsertSql(trx, rows), parameters));
    }
    return changed;
  });

type StoredMonth = Pick<UsageMonthTable, 'account_key' | 'month' | 'data' | 'days'>;
type MonthsAfter = { key: string; month: string };

/**
 * One page of stored months in (account_key, month) order: those of `keys` (all when undefined),
 * in the months the range touches, after `after`.
 */
const monthsPage = (db: Kysely<StoreDatabase>, keys: readonly string[] | undefined, filter: UsageDayFilter, after: MonthsAfter | null) => {
  const from = filter.range?.from;
  const to = filter.range?.to;
  let q = db.selectFrom('usage_months').select(['account_key', 'month', 'data', 'days']).orderBy('account_key').orderBy('month').limit(PAGE_MONTHS);
  if (keys !== undefined) q = q.where('account_key', 'in', keys);
  // Over all keys the month range is tested on `month || ''`, which no index can serve: given
  // `month` itself, SQLite's planner prefers a skip-scan over every key to the keyset seek
  // below, and rescans from the first key on every page.
  const month = keys === undefined ? sql<string>`${sql.ref('month')} || ''` : sql<string>`${sql.ref('month')}`;
  if (from !== undefined) q = q.where(month, '>=', monthOf(from));
  if (to !== undefined) q = q.where(month, '<=', monthOf(to));
  if (after !== null) {
    const { key, month: m } = after;
    // A row-value comparison, not (key > k OR key = k AND month > m): both databases seek the
    // primary key with it, where the OR form made SQLite rescan from the first key every page.
    q = q.where((eb) => eb(eb.refTuple('account_key', 'month'), '>', eb.tuple(key, m)));
  }
  return q;
};

/**
 * Stored months in (account_key, month) order, keyset-paged so a caller may write between
 * pages; with `accountKeys`, only those keys (any number of them). Months wholly outside the
 * range are not read; the days of the edge months are the callers' to cut.
 */
async function* storedMonths(db: Kysely<StoreDatabase>, filter: UsageDayFilter): AsyncGenerator<StoredMonth[]> {
  const keyGroups = filter.accountKeys === undefined ? [undefined] : chunks([...new Set(filter.accountKeys)].sort(), 1_000);
  for (const keys of keyGroups) {
    if (keys !== undefined && keys.length === 0) continue;
    let after: MonthsAfter | null = null;
    for (;;) {
      const rows: StoredMonth[] = await monthsPage(db, keys, filter, after).execute();
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE_MONTHS) break;
      const last = rows[rows.length - 1]!;
      after = { key: last.account_key, month: last.month };
    }
  }
}

const dayNumberOf = (day: string, path: string): number => {
  const n = day.length === 10 ? isoDayNumber(day) : Number.NaN;
  if (Number.isNaN(n)) throw new SextantError('STORE_ARGUMENT_INVALID', `${path} must be a day 'YYYY-MM-DD', got ${JSON.stringify(day)}`, { kind: 'fatal', path });
  return n;
};

/** The filter's range as day numbers (unbounded ends as infinities). */
const dayNumberRange = (filter: UsageDayFilter): { from: number; to: number } => ({
  from: filter.range?.from === undefined ? -Infinity : dayNumberOf(filter.range.from, 'range.from'),
  to: filter.range?.to === undefined ? Infinity : dayNumberOf(filter.range.to, 'range.to'),
});

/** Stored days in (account_key, day) order, in pages (see storedMonths). */
export async function* usageDays(db: Kysely<StoreDatabase>, filter: UsageDayFilter = {}): AsyncGenerator<UsageDay[]> {
  const from = filter.range?.from;
  const to = filter.range?.to;
  for await (const rows of storedMonths(db, filter)) {
    const page: UsageDay[] = [];
    for (const r of rows) {
      for (const d of decodeUsageMonth(r.account_key, r.month, r.data)) {
        if ((from === undefined || d.day >= from) && (to === undefined || d.day <= to)) page.push(d);
      }
    }
    if (page.length > 0) yield page;
  }
}

/**
 * Stored days as pages of columns, in (account_key, day) order: what `usageDays` returns,
 * without an object per day (scoring reads 5.7M days at 100k accounts).
 */
export async function* usageDayColumns(db: Kysely<StoreDatabase>, filter: UsageDayFilter = {}): AsyncGenerator<UsageDayColumns> {
  const { from, to } = dayNumberRange(filter);
  for await (const rows of storedMonths(db, filter)) {
    const page = columnsOfMonths(rows, from, to);
    if (page !== null) yield page;
  }
}

export const countUsageDays = async (db: Kysely<StoreDatabase>): Promise<number> => {
  const { n } = await db.selectFrom('usage_months').select((eb) => eb.fn.sum<number | string | null>('days').as('n')).executeTakeFirstOrThrow();
  return Number(n ?? 0);
};
