import type { Rng } from './random.ts';
import { DAY_MS, formatSfDateTime } from './time-format.ts';

/** One batch timestamp many records deliberately share, and how many per object got it. */
export interface SharedStamp {
  stamp: string;
  counts: Record<string, number>;
}

export interface AuditValues {
  created: string;
  modified: string;
}

/** Every 16th record (offset 5) takes a shared stamp: ~6%, so big orgs get clusters > a page. */
const SHARE_EVERY = 16;
const SHARE_OFFSET = 5;
/** The first accounts always share stamp 0, so even a 10-account org has the case. */
const FORCED_SHARED_ACCOUNTS = 5;

/**
 * Audit timestamps: CreatedDate, then a LastModifiedDate spread between it and asOf (skewed to
 * recent, like real orgs), SystemModstamp equal to LastModifiedDate. Some records get one of a
 * few shared "bulk data load" instants to the millisecond, because connectors that page on
 * `SystemModstamp > last` lose rows that share the boundary value.
 */
export class AuditStamper {
  readonly shared: SharedStamp[];
  private readonly sharedMs: number[];
  private readonly rng: Rng;
  private readonly latestMs: number;
  private counter = 0;
  private accounts = 0;

  constructor(rng: Rng, asOfMs: number) {
    this.rng = rng;
    const today = Math.floor(asOfMs / DAY_MS) * DAY_MS;
    this.sharedMs = [today - 2 * DAY_MS + 2 * 3_600_000, today - 9 * DAY_MS + 3.5 * 3_600_000, today - 31 * DAY_MS + 2 * 3_600_000]
      .map((ms) => Math.min(ms, asOfMs - 60_000));
    this.shared = this.sharedMs.map((ms) => ({ stamp: formatSfDateTime(ms), counts: {} }));
    // Nothing is modified in the last hour before asOf: a sync "as of" then sees a settled org.
    this.latestMs = asOfMs - 3_600_000;
  }

  /** Stamps for a record created at `createdMs` (clamped to before asOf). */
  stamp(objectName: string, createdMs: number): AuditValues {
    const created = Math.min(createdMs, this.latestMs - 60_000);
    const n = this.counter++;
    const isAccount = objectName === 'Account';
    const forced = isAccount && this.accounts < FORCED_SHARED_ACCOUNTS;
    if (isAccount) this.accounts++;
    if (forced || n % SHARE_EVERY === SHARE_OFFSET) {
      const slot = forced ? 0 : Math.floor(n / SHARE_EVERY) % this.sharedMs.length;
      const sharedMs = this.sharedMs[slot] ?? 0;
      const entry = this.shared[slot];
      if (entry !== undefined && sharedMs >= created) {
        entry.counts[objectName] = (entry.counts[objectName] ?? 0) + 1;
        return { created: formatSfDateTime(created), modified: entry.stamp };
      }
    }
    const r = this.rng.next();
    const modified = created + Math.floor((this.latestMs - created) * (1 - r * r));
    return { created: formatSfDateTime(created), modified: formatSfDateTime(modified) };
  }
}

/** The audit columns of a live demo record, every one written by the admin (the integration user). */
export const auditColumns = (audit: AuditValues, adminId: string): { IsDeleted: false; CreatedDate: string; CreatedById: string; LastModifiedDate: string; LastModifiedById: string; SystemModstamp: string } => ({
  IsDeleted: false,
  CreatedDate: audit.created,
  CreatedById: adminId,
  LastModifiedDate: audit.modified,
  LastModifiedById: adminId,
  SystemModstamp: audit.modified,
});
