import type { UsageDayFacts } from './account-facts.ts';
import { dayNumber } from './day-number.ts';
import type { UsageDayColumns } from '../domain/usage.ts';
import type { SignalSettings } from './health-rules.ts';

/**
 * One account's usage as dense per-day series with prefix sums, built once (O(days)) and then
 * queried for any asOf in O(features + window): scoring 100k accounts, or replaying 90 days of
 * 10k accounts in a backtest, never rescans the rows. Day index i is day `firstDay + i`; days
 * without a row are zeros.
 *
 * Every series lives in one Float64Array: ten small typed arrays per account made the garbage
 * collector half the cost of scoring 100k accounts. Layout for n days and F core features:
 *   [0, n)            active users per day
 *   [n, 2n)           latest licences reported on or before the day (NaN: none yet)
 *   [2n, 3n)          index of the latest day with a login at or before the day (-1: none)
 *   [3n, 4n+1)        prefix count of days with any activity
 *   [4n+1, 5n+2)      prefix sum of the activity metric (events by default)
 *   then F × (n+1)    prefix sum of each core feature's events, in coreFeatures order
 * A prefix series p has p[i] = sum over days 0..i-1.
 */
export type UsageTimeline = {
  firstDay: number;
  length: number;
  featureCount: number;
  data: Float64Array;
};

export const EMPTY_TIMELINE: UsageTimeline = { firstDay: 0, length: 0, featureCount: 0, data: new Float64Array(0) };

const licensesAt = (n: number): number => n;
const lastLoginAt = (n: number): number => 2 * n;
export const activeDaySeries = (t: UsageTimeline): number => 3 * t.length;
export const activitySeries = (t: UsageTimeline): number => 4 * t.length + 1;
export const featureSeries = (t: UsageTimeline, f: number): number => 5 * t.length + 2 + f * (t.length + 1);

let scratch = { loginTimes: new Uint8Array(256), events: new Float64Array(256) };

/**
 * A timeline being filled, one stored day at a time (the days of several keys of one account
 * may share a date): counts add up, a day with a last-login time is a login day even when its
 * logins column says 0, and the seats are the largest any key reported that day — what
 * `mergeUsageDays` does to rows, done in place.
 */
class TimelineFill {
  readonly t: UsageTimeline;
  readonly #loginTimes: Uint8Array;
  readonly #events: Float64Array;

  constructor(first: number, last: number, featureCount: number) {
    const n = last - first + 1;
    this.t = { firstDay: first, length: n, featureCount, data: new Float64Array(5 * n + 2 + featureCount * (n + 1)) };
    this.t.data.fill(Number.NaN, licensesAt(n), licensesAt(n) + n);
    // Scratch shared by every fill (one runs at a time): a typed array is costly to allocate,
    // and 100k accounts made 300k of them.
    if (scratch.events.length < n) scratch = { loginTimes: new Uint8Array(2 * n), events: new Float64Array(2 * n) };
    this.#loginTimes = scratch.loginTimes;
    this.#events = scratch.events;
    this.#loginTimes.fill(0, 0, n);
    this.#events.fill(0, 0, n);
  }

  /** `licenses` NaN when none; `hasLoginTime`: the day has a last-login time. */
  add(day: number, activeUsers: number, logins: number, hasLoginTime: boolean, events: number, licenses: number): number {
    const t = this.t;
    const i = day - t.firstDay;
    const data = t.data;
    data[i]! += activeUsers;
    data[lastLoginAt(t.length) + i]! += logins;
    if (hasLoginTime) this.#loginTimes[i] = 1;
    this.#events[i]! += events;
    const lic = licensesAt(t.length) + i;
    if (!Number.isNaN(licenses) && !(data[lic]! >= licenses)) data[lic] = licenses;
    return i;
  }

  /** Adds a feature's events on the day index `add` returned. */
  addFeature(f: number, i: number, events: number): void {
    this.t.data[featureSeries(this.t, f) + i + 1]! += events;
  }

  /** Running sums, the latest login and the latest seats up to each day. */
  finish(metric: SignalSettings['activity']['metric']): UsageTimeline {
    const t = this.t;
    const { data, length: n } = t;
    const lic = licensesAt(n);
    const logins = lastLoginAt(n);
    const active = activeDaySeries(t);
    const activity = activitySeries(t);
    let lastLogin = -1;
    let lastLicenses = Number.NaN;
    for (let i = 0; i < n; i++) {
      const dayLogins = data[logins + i]! > 0 ? data[logins + i]! : this.#loginTimes[i] === 1 ? 1 : 0;
      const users = data[i]!;
      const events = this.#events[i]!;
      data[active + i + 1] = data[active + i]! + (users + dayLogins + events > 0 ? 1 : 0);
      data[activity + i + 1] = data[activity + i]! + (metric === 'events' ? events : metric === 'logins' ? dayLogins : users);
      if (dayLogins > 0) lastLogin = i;
      data[logins + i] = lastLogin;
      if (!Number.isNaN(data[lic + i]!)) lastLicenses = data[lic + i]!;
      data[lic + i] = lastLicenses;
    }
    for (let f = 0; f < t.featureCount; f++) {
      const base = featureSeries(t, f);
      for (let i = 0; i < n; i++) data[base + i + 1]! += data[base + i]!;
    }
    return t;
  }
}

/** The timeline of usage rows (one key's, or several keys' of one account, in any order). */
export const buildUsageTimeline = (days: readonly UsageDayFacts[], settings: SignalSettings): UsageTimeline => {
  if (days.length === 0) return EMPTY_TIMELINE;
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < days.length; r++) {
    const d = dayNumber(days[r]!.day);
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const features = settings.coreFeatures;
  const fill = new TimelineFill(first, last, features.length);
  for (let r = 0; r < days.length; r++) {
    const row = days[r]!;
    const i = fill.add(dayNumber(row.day), row.activeUsers, row.logins, row.lastLoginAt !== null, row.events, row.licenses ?? Number.NaN);
    const fe = row.featureEvents;
    for (let f = 0; f < features.length; f++) {
      const v = fe[features[f]!];
      if (v !== undefined) fill.addFeature(f, i, v);
    }
  }
  return fill.finish(settings.activity.metric);
};

/** Days `from` (inclusive) to `to` (exclusive) of a page of stored usage columns. */
export type UsageColumnSlice = { columns: UsageDayColumns; from: number; to: number };

/**
 * The timeline of stored usage read as columns (`Store.usageDayColumns`): the same timeline
 * `buildUsageTimeline` makes of the same days as rows, with no object per day.
 */
export const buildUsageTimelineFromColumns = (slices: readonly UsageColumnSlice[], settings: SignalSettings): UsageTimeline => {
  let first = Infinity;
  let last = -Infinity;
  for (const { columns, from, to } of slices) {
    for (let r = from; r < to; r++) {
      const d = columns.day[r]!;
      if (d < first) first = d;
      if (d > last) last = d;
    }
  }
  if (first > last) return EMPTY_TIMELINE;
  const features = settings.coreFeatures;
  const fill = new TimelineFill(first, last, features.length);
  for (const { columns: c, from, to } of slices) {
    const counts = features.map((f) => c.features.get(f));
    for (let r = from; r < to; r++) {
      const i = fill.add(c.day[r]!, c.activeUsers[r]!, c.logins[r]!, !Number.isNaN(c.lastLoginMs[r]!), c.events[r]!, c.licenses[r]!);
      for (let f = 0; f < counts.length; f++) {
        const v = counts[f]?.[r];
        if (v !== undefined && v !== 0) fill.addFeature(f, i, v);
      }
    }
  }
  return fill.finish(settings.activity.metric);
};

/** Index range [lo, hi] of the `window` days ending at day index `end`, clipped to the data. */
export const windowIndexes = (t: UsageTimeline, end: number, window: number): [number, number] => [Math.max(0, end - window + 1), Math.min(end, t.length - 1)];

/** Sum over day indexes [lo, hi] of the prefix series starting at `series`; 0 when empty. */
export const rangeSum = (t: UsageTimeline, series: number, lo: number, hi: number): number => (hi < lo ? 0 : t.data[series + hi + 1]! - t.data[series + lo]!);

/** Peak daily active users over [lo, hi]. */
export const peakActiveUsers = (t: UsageTimeline, lo: number, hi: number): number => {
  let peak = 0;
  for (let i = lo; i <= hi; i++) if (t.data[i]! > peak) peak = t.data[i]!;
  return peak;
};

/** Index of the latest login day at or before day index i; -1 when none. */
export const lastLoginIndex = (t: UsageTimeline, i: number): number => t.data[lastLoginAt(t.length) + i]!;

/** Latest licences reported at or before day index i; null when none. */
export const licensesOn = (t: UsageTimeline, i: number): number | null => {
  const v = t.data[licensesAt(t.length) + i]!;
  return Number.isNaN(v) ? null : v;
};
