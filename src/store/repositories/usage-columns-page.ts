import { cutUsageDayColumns, emptyUsageDayColumns, type UsageDayColumns } from '../../domain/usage.ts';
import { readUsageMonth, type PackedDay } from './usage-month.codec.ts';

/** A stored month as the column readers need it (the row of usage_months, or its array form). */
export type PackedMonth = { account_key: string; month: string; data: Uint8Array; days: number | bigint | string };

/** Days copied off packed months into one page of columns, sized by the rows' day counts. */
class UsageColumnsPage {
  readonly page: UsageDayColumns;
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.page = { ...emptyUsageDayColumns(capacity), keyStarts: [0] };
  }

  #featureNames: readonly string[] | null = null;
  #featureCounts: Float64Array[] = [];
  #key = '';

  /** Starts a stored month of `accountKey`: its days follow through `add`. */
  month(accountKey: string): void {
    this.#key = accountKey;
    this.#featureNames = null;
  }

  add(d: PackedDay): void {
    const p = this.page;
    const i = p.length++;
    // A key is listed with its first day on the page (a month's days may all be out of range).
    if (p.keys.at(-1) !== this.#key) {
      if (p.keys.length > 0) p.keyStarts.push(i);
      p.keys.push(this.#key);
    }
    p.day[i] = d.dayNumber;
    p.activeUsers[i] = d.activeUsers;
    p.logins[i] = d.logins;
    p.lastLoginMs[i] = d.lastLoginMs;
    p.events[i] = d.events;
    p.licenses[i] = d.licenses;
    // A month names its features once: their columns are looked up once a month, not a day.
    if (this.#featureNames !== d.features) {
      this.#featureNames = d.features;
      this.#featureCounts = d.features.map((name) => {
        let counts = p.features.get(name);
        if (counts === undefined) p.features.set(name, (counts = new Float64Array(this.#capacity)));
        return counts;
      });
    }
    for (let f = 0; f < this.#featureCounts.length; f++) this.#featureCounts[f]![i] = d.counts[f]!;
  }

  /** The page, its arrays cut to the days it holds. */
  finish(): UsageDayColumns {
    const p = this.page;
    p.keyStarts.push(p.length);
    if (p.keys.length === 0) p.keyStarts = [0];
    return cutUsageDayColumns(p);
  }
}

/**
 * The days of `months` (in key order) that fall in [from, to] (day numbers), as one page of
 * columns; null when none does.
 */
export const columnsOfMonths = (months: readonly PackedMonth[], from: number, to: number): UsageDayColumns | null => {
  let capacity = 0;
  for (const m of months) capacity += Number(m.days);
  const page = new UsageColumnsPage(capacity);
  const add = (d: PackedDay): void => {
    if (d.dayNumber >= from && d.dayNumber <= to) page.add(d);
  };
  for (const m of months) {
    page.month(m.account_key);
    readUsageMonth(m.account_key, m.month, m.data, add);
  }
  return page.page.length > 0 ? page.finish() : null;
};

