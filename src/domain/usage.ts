/**
 * Product usage as Sextant keeps it: one row per warehouse account key per UTC day, aggregated
 * in the warehouse (Sextant never moves raw events). Keys are verbatim as the warehouse holds
 * them; reconciliation decides which CRM account a key belongs to.
 */

/** A UTC calendar day, 'YYYY-MM-DD'. */
export type IsoDay = string;

/** Inclusive range of UTC days. */
export type DayRange = { from: IsoDay; to: IsoDay };

export type UsageDay = {
  /** The warehouse's account key, exactly as the warehouse spells it. */
  accountKey: string;
  day: IsoDay;
  /** Distinct users with any event that day. */
  activeUsers: number;
  logins: number;
  /** The day's latest login, ISO-8601 UTC; null when nobody logged in. */
  lastLoginAt: string | null;
  /** Events per core feature (the configured feature names); features without events may be absent. */
  featureEvents: Record<string, number>;
  /** Every event that day, logins included. */
  events: number;
  /** Seats provisioned as the warehouse knows them; null when it has no licence data. */
  licenses: number | null;
};

/**
 * A warehouse account as a whole, for matching it to a CRM account: the domain its users'
 * emails share, the product's own name for it, and how much it is used (the key-mismatch
 * report sizes an unmatched key by its volume).
 */
export type UsageAccount = {
  accountKey: string;
  /** Lower-case host ('acme.com'); null when unknown. */
  domain: string | null;
  name: string | null;
  /** Events over the stored window. */
  events: number;
  firstDay: IsoDay | null;
  lastDay: IsoDay | null;
  licenses: number | null;
};

/**
 * Stored usage days as columns, for the readers that go through millions of them (scoring 100k
 * accounts): a page of days in (key, day) order, with no object per day. Day i belongs to
 * `keys[k]` for keyStarts[k] ≤ i < keyStarts[k + 1]; one key's days may continue on the next
 * page. Counts are plain numbers; NaN marks what a UsageDay holds as null.
 */
export type UsageDayColumns = {
  length: number;
  keys: string[];
  /** keys.length + 1 offsets; the last is `length`. */
  keyStarts: number[];
  /** Days since 1970-01-01 (UTC). */
  day: Int32Array;
  activeUsers: Float64Array;
  logins: Float64Array;
  /** Milliseconds since the epoch of the day's last login; NaN when nobody logged in. */
  lastLoginMs: Float64Array;
  events: Float64Array;
  /** NaN when the warehouse reported no seats. */
  licenses: Float64Array;
  /** Events per feature per day (0 when none); a feature with no events on the page is absent. */
  features: Map<string, Float64Array>;
};

/** An empty page with room for `capacity` days, a column per feature named. */
export const emptyUsageDayColumns = (capacity: number, features: readonly string[] = []): UsageDayColumns => ({
  length: 0, keys: [], keyStarts: [], day: new Int32Array(capacity), activeUsers: new Float64Array(capacity), logins: new Float64Array(capacity),
  lastLoginMs: new Float64Array(capacity), events: new Float64Array(capacity), licenses: new Float64Array(capacity),
  features: new Map(features.map((f) => [f, new Float64Array(capacity)])),
});

/** The page with its arrays cut to its `length` days (views on the same memory, not copies). */
export const cutUsageDayColumns = (page: UsageDayColumns): UsageDayColumns => {
  const n = page.length;
  const cut = <A extends Int32Array | Float64Array>(a: A): A => (a.length === n ? a : (a.subarray(0, n) as A));
  return {
    ...page, day: cut(page.day), activeUsers: cut(page.activeUsers), logins: cut(page.logins), lastLoginMs: cut(page.lastLoginMs), events: cut(page.events),
    licenses: cut(page.licenses), features: new Map([...page.features].map(([name, counts]) => [name, cut(counts)])),
  };
};
