import type { CrmAccount } from '../../domain/crm-records.ts';
import type { SampledAccount } from './verify-sample.ts';

/**
 * The QA pass's judgement on one account: the store's copy against the org's current version and
 * the warehouse's current numbers. Pure: the command reads both sides and hands them in.
 */
export type UsageWindow = { days: number; events: number; lastActiveDay: string | null };

export type VerifyFlagCode =
  | 'FIELD_MISMATCH' | 'FIELD_NULL' | 'STALE_ROW' | 'MISSING_IN_ORG' | 'DUPLICATE_ACCOUNT'
  | 'USAGE_NOT_LINKED' | 'USAGE_MISMATCH' | 'USAGE_STALE';

export type VerifyFlag = { code: VerifyFlagCode; field?: string; store?: unknown; live?: unknown; detail: string };
export type FieldCheck = { field: string; store: unknown; live: unknown; same: boolean };

export type AccountVerdict = {
  accountId: string;
  name: string;
  band: SampledAccount['band'];
  why: string;
  checks: FieldCheck[];
  flags: VerifyFlag[];
  ok: boolean;
};

export type CompareInput = {
  sampled: SampledAccount;
  /** The org's current version, normalized by the same mapping; null when the org no longer has it. */
  live: CrmAccount | null;
  /** Usage over the same recent days: as stored, and as the warehouse answers now (null: not re-read). */
  storedUsage: UsageWindow | null;
  warehouseUsage: UsageWindow | null;
  /** Other live accounts in the store that look like the same company, with what they share. */
  lookalikes: ReadonlyArray<{ id: string; name: string; shared: string }>;
  /** The fields a CSM relies on: a null there is flagged even when both sides agree. */
  requiredFields: readonly (keyof CrmAccount)[];
};

/** Compared field by field; the sync's own bookkeeping (systemModstamp, extra) is judged separately. */
const COMPARED: readonly (keyof CrmAccount)[] = [
  'name', 'ownerId', 'csmId', 'arr', 'renewalDate', 'status', 'segment', 'parentId', 'productKey', 'website', 'contractStartDate', 'onboardingComplete', 'firstValueDate', 'isDeleted',
];

const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.005);

export const compareAccount = (input: CompareInput): AccountVerdict => {
  const stored = input.sampled.account;
  const flags: VerifyFlag[] = [];
  const checks: FieldCheck[] = [];
  const live = input.live;
  if (live === null) {
    flags.push({ code: 'MISSING_IN_ORG', detail: 'the org no longer has this account (hard-deleted or merged away since the last sync)' });
  } else {
    for (const field of COMPARED) {
      const check = { field, store: stored[field], live: live[field], same: same(stored[field], live[field]) };
      checks.push(check);
      if (!check.same) flags.push({ code: 'FIELD_MISMATCH', field, store: check.store, live: check.live, detail: `${field}: store ${show(check.store)}, org ${show(check.live)}` });
    }
    if (live.systemModstamp > stored.systemModstamp) {
      flags.push({ code: 'STALE_ROW', store: stored.systemModstamp, live: live.systemModstamp, detail: `changed in the org at ${live.systemModstamp}, after the stored version (${stored.systemModstamp}): the next sync picks it up` });
    }
  }
  for (const field of input.requiredFields) {
    if ((live ?? stored)[field] === null) flags.push({ code: 'FIELD_NULL', field, detail: `${field} is empty${live === null ? ' in the store' : ' in the org'}` });
  }
  for (const other of input.lookalikes) {
    flags.push({ code: 'DUPLICATE_ACCOUNT', detail: `${other.name} (${other.id}) shares ${other.shared}` });
  }
  if (input.storedUsage === null) {
    flags.push({ code: 'USAGE_NOT_LINKED', detail: 'no warehouse key is linked to this account: see the key-mismatch report' });
  } else if (input.warehouseUsage !== null) {
    const s = input.storedUsage;
    const w = input.warehouseUsage;
    if (s.events !== w.events) flags.push({ code: 'USAGE_MISMATCH', store: s.events, live: w.events, detail: `events over the last ${w.days} days: store ${s.events}, warehouse ${w.events}` });
    if (w.lastActiveDay !== null && (s.lastActiveDay === null || s.lastActiveDay < w.lastActiveDay)) {
      flags.push({ code: 'USAGE_STALE', store: s.lastActiveDay, live: w.lastActiveDay, detail: `last active day: store ${s.lastActiveDay ?? 'none'}, warehouse ${w.lastActiveDay}` });
    }
  }
  return { accountId: stored.id, name: stored.name, band: input.sampled.band, why: input.sampled.why, checks, flags, ok: flags.length === 0 };
};

const show = (v: unknown): string => (v === null || v === undefined ? 'empty' : typeof v === 'string' ? `'${v}'` : String(v));
