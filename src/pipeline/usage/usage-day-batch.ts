import { cutUsageDayColumns, emptyUsageDayColumns, type UsageDay, type UsageDayColumns } from '../../domain/usage.ts';
import { isoDayNumber } from '../../domain/utc-calendar.ts';
import { parseUtcInstant } from '../../domain/utc-instant.ts';
import type { RollupColumns } from '../usage-source.port.ts';

/**
 * Validated usage days gathered into one page of columns for the store
 * (`upsertUsageDayColumns`), in the order they are added (the warehouse's key, day order): from
 * a source's columns without an object per day, or as parsed days (rows the columns could not
 * vouch for, which went through parseUsageRollupRow).
 */
export class UsageDayBatch {
  readonly #features: readonly string[];
  readonly #capacity: number;
  /**
   * Allocated once and reused: `take`'s page is written (and let go of) before the next day is
   * added, and 550 batches of fresh arrays were ~500 MB for the collector to sweep over a
   * 100k-account load (bench/usage).
   */
  readonly #featureCounts: Float64Array[];
  #page: UsageDayColumns;

  constructor(features: readonly string[], capacity: number) {
    this.#features = features;
    this.#capacity = capacity;
    this.#page = emptyUsageDayColumns(capacity, features);
    this.#featureCounts = features.map((f) => this.#page.features.get(f)!);
  }

  get length(): number {
    return this.#page.length;
  }

  #row(key: string): number {
    const p = this.#page;
    if (p.length === this.#capacity) throw new RangeError('usage day batch is full: take() it first');
    const i = p.length++;
    if (p.keys.length === 0 || p.keys[p.keys.length - 1] !== key) {
      p.keys.push(key);
      p.keyStarts.push(i);
    }
    return i;
  }

  /**
   * Row r of `source`, already checked: whole non-negative counts, NaN for no licences or no
   * login, NaN or a count for each feature (NaN, a NULL, is stored as no events).
   */
  addColumns(source: RollupColumns, r: number, key: string, features: readonly (Float64Array | undefined)[]): void {
    const i = this.#row(key);
    const p = this.#page;
    p.day[i] = source.day[r]!;
    p.activeUsers[i] = source.activeUsers[r]!;
    p.logins[i] = source.logins[r]!;
    p.lastLoginMs[i] = source.lastLoginMs[r]!;
    p.events[i] = source.events[r]!;
    p.licenses[i] = source.licenses[r]!;
    const counts = this.#featureCounts;
    for (let f = 0; f < counts.length; f++) {
      const n = features[f]?.[r] ?? 0;
      counts[f]![i] = Number.isNaN(n) ? 0 : n;
    }
  }

  /** A day parsed from a row (its counts validated by parseUsageRollupRow). */
  addDay(d: UsageDay): void {
    const i = this.#row(d.accountKey);
    const p = this.#page;
    p.day[i] = isoDayNumber(d.day);
    p.activeUsers[i] = d.activeUsers;
    p.logins[i] = d.logins;
    p.lastLoginMs[i] = d.lastLoginAt === null ? Number.NaN : parseUtcInstant(d.lastLoginAt);
    p.events[i] = d.events;
    p.licenses[i] = d.licenses ?? Number.NaN;
    const counts = this.#featureCounts;
    for (let f = 0; f < counts.length; f++) counts[f]![i] = d.featureEvents[this.#features[f]!] ?? 0;
  }

  /**
   * The days added so far as one page (its arrays cut to length, shared with the batch: read it
   * before adding more); the batch starts empty again.
   */
  take(): UsageDayColumns {
    const p = this.#page;
    p.keyStarts.push(p.length);
    const page = cutUsageDayColumns(p);
    this.#page = { ...p, length: 0, keys: [], keyStarts: [] };
    return page;
  }
}
