import type { SObjectRecord } from './sobject-record.ts';
import { orderByStamp } from './stamp-order.ts';

/**
 * Hits below 1/32 of all ranks are sorted back into insertion order (k log k), more are swept
 * in rank order (one pass over all ranks); at 400k rows the two cost the same near 1/32.
 */
const SORT_OR_SWEEP = 32;

/** Gathering a hit costs about what testing a row does: past half the rows, a scan is as cheap. */
const DEFAULT_MAX_SHARE = 0.5;

/**
 * One object's records ordered by SystemModstamp, so a query selective on it reads a range
 * instead of scanning every row: Salesforce indexes SystemModstamp, and incremental syncs
 * (`WHERE SystemModstamp >= … AND SystemModstamp < …`) rely on that at a million rows.
 *
 * A write stamps "now", so a new stamp is almost always the largest: entries are appended and
 * the record's previous entry is left behind as stale (its seq set to -1). Before the next read
 * `#normalise` drops stale entries and sorts in any tail appended out of order (the clock lever
 * moved back, an undo restored an old stamp, or seeded rows arrived in any order).
 *
 * Only the stamp orders entries: readers get their hits back in insertion order (what a scan
 * yields, and what ORDER BY's stable sort keeps for ties), so an Id tie-break would buy nothing.
 */
export class ModstampIndex {
  /** seq (a record's insertion rank, fixed for its life) → record; undefined once removed. */
  readonly #bySeq: Array<SObjectRecord | undefined> = [];
  readonly #seqOf = new Map<SObjectRecord, number>();
  /** seq → position of its live entry, -1 when it has none (removed, or a null stamp). */
  #entryAt: number[] = [];
  /** The entries, as parallel arrays: stamps[i] of record seqs[i]; a stale entry's seq is -1. */
  #stamps: string[] = [];
  #seqs: number[] = [];
  /** Entries [0, sortedUpTo) are in stamp order. */
  #sortedUpTo = 0;
  #live = 0;
  /**
   * A stamp that is neither a string nor null (only `load`, which trusts its input, could store
   * one) would compare with SOQL's JS semantics in ways a string order cannot predict: from then
   * on the index declines and queries scan, which is always right.
   */
  #unusable = false;
  readonly #maxShare: number;

  /** `maxShare`: the largest share of the rows a range may hold before `range` declines. */
  constructor(rows: readonly SObjectRecord[], options: { maxShare?: number } = {}) {
    this.#maxShare = options.maxShare ?? DEFAULT_MAX_SHARE;
    for (const record of rows) this.add(record);
  }

  /** A new record: its rank is after every record already here, as in the store's rows. */
  add(record: SObjectRecord): void {
    const seq = this.#bySeq.length;
    this.#bySeq.push(record);
    this.#seqOf.set(record, seq);
    this.#entryAt.push(-1);
    this.#enter(seq, record['SystemModstamp']);
  }

  /** The record's SystemModstamp may have changed (a write, touch, delete, merge or undo). */
  restamp(record: SObjectRecord): void {
    const seq = this.#seqOf.get(record);
    if (seq === undefined) return;
    const stamp = record['SystemModstamp'];
    const at = this.#entryAt[seq] ?? -1;
    if (at >= 0 && this.#stamps[at] === stamp) return; // a frozen clock: nothing moved
    this.#leave(seq);
    this.#enter(seq, stamp);
  }

  remove(record: SObjectRecord): void {
    const seq = this.#seqOf.get(record);
    if (seq === undefined) return;
    this.#leave(seq);
    this.#seqOf.delete(record);
    this.#bySeq[seq] = undefined; // a purged record can be collected
  }

  /**
   * Records with low ≤ SystemModstamp ≤ high (null: unbounded), in insertion order; null when
   * the index cannot answer or a scan would be as cheap. Callers still apply their full
   * predicate, so the bounds may be loose.
   */
  range(low: string | null, high: string | null): SObjectRecord[] | null {
    if (this.#unusable) return null;
    this.#normalise();
    const stamps = this.#stamps;
    const from = low === null ? 0 : firstIndex(stamps, (s) => s >= low);
    const to = high === null ? stamps.length : firstIndex(stamps, (s) => s > high);
    if (to - from > this.#bySeq.length * this.#maxShare) return null;
    const seqs = this.#seqs;
    const hits = new Int32Array(Math.max(0, to - from));
    let n = 0;
    for (let i = from; i < to; i++) {
      const seq = seqs[i] as number;
      if (seq >= 0) hits[n++] = seq;
    }
    const ranks = hits.subarray(0, n);
    const bySeq = this.#bySeq;
    const out: SObjectRecord[] = [];
    if (n * SORT_OR_SWEEP < bySeq.length) {
      // Few hits: sort their ranks (typed arrays sort numerically).
      ranks.sort();
      for (let j = 0; j < n; j++) out.push(bySeq[ranks[j] as number] as SObjectRecord);
    } else {
      // Many: mark them and sweep the ranks once, cheaper than sorting a large share.
      const marks = new Uint8Array(bySeq.length);
      for (let j = 0; j < n; j++) marks[ranks[j] as number] = 1;
      for (let seq = 0; seq < marks.length; seq++) if (marks[seq] === 1) out.push(bySeq[seq] as SObjectRecord);
    }
    return out;
  }

  #enter(seq: number, stamp: unknown): void {
    if (stamp === null || stamp === undefined) return; // no range comparison matches a null
    if (typeof stamp !== 'string') {
      this.#unusable = true;
      return;
    }
    const at = this.#stamps.length;
    this.#stamps.push(stamp);
    this.#seqs.push(seq);
    this.#entryAt[seq] = at;
    this.#live++;
    if (this.#sortedUpTo === at && (at === 0 || (this.#stamps[at - 1] as string) <= stamp)) this.#sortedUpTo = at + 1;
  }

  #leave(seq: number): void {
    const at = this.#entryAt[seq] ?? -1;
    if (at < 0) return;
    this.#seqs[at] = -1;
    this.#entryAt[seq] = -1;
    this.#live--;
  }

  /**
   * Sorts the out-of-order tail, merges it into the sorted head and drops stale entries, when
   * there is a tail or stale entries outnumber live ones (so a read's walk stays near its hits).
   */
  #normalise(): void {
    const total = this.#stamps.length;
    const headEnd = this.#sortedUpTo;
    if (headEnd === total && total - this.#live <= this.#live) return;
    const stamps = this.#stamps;
    const seqs = this.#seqs;
    const entryAt = this.#entryAt;
    const unsorted: number[] = [];
    for (let i = headEnd; i < total; i++) if ((seqs[i] as number) >= 0) unsorted.push(i);
    const tail = orderByStamp(stamps, unsorted);
    const nextStamps: string[] = [];
    const nextSeqs: number[] = [];
    let h = 0;
    let t = 0;
    for (;;) {
      while (h < headEnd && (seqs[h] as number) < 0) h++;
      const inHead = h < headEnd;
      const inTail = t < tail.length;
      if (!inHead && !inTail) break;
      const i = inHead && (!inTail || (stamps[h] as string) <= (stamps[tail[t] as number] as string)) ? h++ : (tail[t++] as number);
      const seq = seqs[i] as number;
      entryAt[seq] = nextStamps.length;
      nextStamps.push(stamps[i] as string);
      nextSeqs.push(seq);
    }
    this.#stamps = nextStamps;
    this.#seqs = nextSeqs;
    this.#sortedUpTo = nextStamps.length;
  }
}

/** The first index whose value passes `test`, which must be false-then-true over the sorted array. */
const firstIndex = (values: readonly string[], test: (value: string) => boolean): number => {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(values[mid] as string)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};
