import { to15 } from '../../domain/salesforce-id.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AccountPlan, DemoOrg, UsagePattern } from './demo-types.ts';
import type { NamePools } from './name-pools.ts';
import { buildNamePools } from './name-pools.ts';
import { DETRACTOR_COMMENTS, PASSIVE_COMMENTS, PASSIVE_NEGATIVE_COMMENTS, PROMOTER_COMMENTS } from './nps-comments.ts';
import { Rng } from './random.ts';
import { DAY_MS, dayOf, formatIsoUtc } from './time-format.ts';

/** Column order of nps/responses.csv. */
export const NPS_COLUMNS = ['response_id', 'contact_id', 'email', 'score', 'comment', 'responded_at'] as const;

export interface NpsResponseRow {
  response_id: string;
  /** 18- or 15-char Contact Id, or '' when the survey tool only knew the email. */
  contact_id: string;
  email: string;
  score: number;
  comment: string;
  /** ISO 8601 UTC, 'YYYY-MM-DDTHH:mm:ssZ'. */
  responded_at: string;
}

export type NpsDefect = 'score-out-of-range' | 'unknown-email' | 'future-date';

export interface NpsTruth {
  /** Rows the ingest step must quarantine, and why. */
  invalid: { response_id: string; defect: NpsDefect }[];
  counts: { promoters: number; passives: number; detractors: number; invalid: number };
  /** Passives (7–8) whose comment is negative: the CSM must be notified. */
  passiveNegative: string[];
  /** Accounts by their latest valid response (the NPS health measure's input). */
  latestByAccount: { promoter: string[]; passive: string[]; detractor: string[] };
}

type Sentiment = 'promoter' | 'passive' | 'detractor';

const SENTIMENT: Record<UsagePattern, Readonly<Record<Sentiment, number>>> = {
  healthy: { promoter: 60, passive: 30, detractor: 10 },
  steady: { promoter: 45, passive: 40, detractor: 15 },
  'low-adoption': { promoter: 25, passive: 45, detractor: 30 },
  declining: { promoter: 15, passive: 35, detractor: 50 },
  inactive: { promoter: 15, passive: 35, detractor: 50 },
  ramping: { promoter: 40, passive: 45, detractor: 15 },
  churning: { promoter: 10, passive: 30, detractor: 60 },
  'churn-noise': { promoter: 30, passive: 40, detractor: 30 },
  none: { promoter: 30, passive: 40, detractor: 30 },
};
/** Survey waves, days before asOf; each response lands within ±10 days of its wave. */
const WAVES = [15, 105, 195, 285];
/** A troubled account looked ordinary before its trouble started (this many days earlier). */
const TROUBLE_LEAD_DAYS = 60;
const RESPONSE_RATE = 0.15;
const UNKNOWN_DOMAIN = 'no-such-customer.example';

interface Draft {
  row: NpsResponseRow;
  plan: AccountPlan | null;
  ms: number;
  sentiment: Sentiment | null;
  defect: NpsDefect | null;
  passiveNegative: boolean;
}

const scoreFor = (rng: Rng, sentiment: Sentiment): number =>
  sentiment === 'promoter' ? rng.int(9, 10) : sentiment === 'passive' ? rng.int(7, 8) : rng.pick([0, 2, 3, 4, 5, 5, 6, 6]);

/**
 * NPS survey responses from customer contacts (admin, champion, sponsor), scored in line with
 * the account's health, plus a few defective rows (score 11, unknown email, future date) for
 * the ingest step to quarantine. Returns rows sorted by time and the truth about them.
 */
export const generateNpsResponses = (org: DemoOrg, options: { seed: number; asOf: Date }): { rows: NpsResponseRow[]; truth: NpsTruth } => {
  const rng = new Rng(options.seed, 0x0495);
  const asOfMs = options.asOf.getTime();
  const asOfDay = dayOf(asOfMs);
  const contacts = org.records.Contact ?? [];
  const drafts: Draft[] = [];

  const respond = (plan: AccountPlan, contact: SObjectRecord, ms: number, sentiment: Sentiment, defect: NpsDefect | null): void => {
    const email = String(contact.Email);
    const id = String(contact.Id);
    const roll = rng.next();
    const passiveNegative = sentiment === 'passive' && rng.chance(0.3);
    const pool = sentiment === 'promoter' ? PROMOTER_COMMENTS : sentiment === 'detractor' ? DETRACTOR_COMMENTS : passiveNegative ? PASSIVE_NEGATIVE_COMMENTS : PASSIVE_COMMENTS;
    drafts.push({
      row: {
        response_id: '',
        // Survey tools often know only the email; some store the 15-char id.
        contact_id: roll < 0.2 ? '' : roll < 0.3 ? to15(id) : id,
        email: rng.chance(0.05) ? email.toUpperCase() : email,
        score: defect === 'score-out-of-range' ? 11 : scoreFor(rng, sentiment),
        comment: passiveNegative || rng.chance(0.65) ? rng.pick(pool) : '',
        responded_at: formatIsoUtc(ms),
      },
      plan, ms, sentiment: defect === null ? sentiment : null, defect, passiveNegative: passiveNegative && defect === null,
    });
  };

  const surveyed: { plan: AccountPlan; contact: SObjectRecord }[] = [];
  for (const plan of org.plans) {
    if (plan.isDeleted || plan.status === 'Prospect' || plan.startDay === null) continue;
    const lastDay = plan.status === 'Churned' ? (plan.renewalDay ?? asOfDay) : asOfDay - 1;
    const troubleFrom = plan.pattern === 'churning' ? lastDay - TROUBLE_LEAD_DAYS : asOfDay - TROUBLE_LEAD_DAYS - 45;
    for (const index of [plan.adminContact, plan.championContact, plan.sponsorContact]) {
      const contact = index >= 0 ? contacts[index] : undefined;
      if (typeof contact?.Email !== 'string') continue;
      surveyed.push({ plan, contact });
      for (const wave of WAVES) {
        const day = asOfDay - wave + rng.int(-10, 10);
        if (day < plan.startDay + 60 || day > lastDay || day >= asOfDay || !rng.chance(RESPONSE_RATE)) continue;
        const pattern = day < troubleFrom ? 'steady' : plan.pattern;
        respond(plan, contact, day * DAY_MS + rng.int(13 * 3600, 23 * 3600) * 1000, rng.weighted(SENTIMENT[pattern]), null);
      }
    }
  }

  addDefects(rng, org.plans.length, surveyed, asOfMs, respond, drafts, buildNamePools(org.truth.seed));

  drafts.sort((a, b) => a.ms - b.ms);
  const truth: NpsTruth = {
    invalid: [], counts: { promoters: 0, passives: 0, detractors: 0, invalid: 0 }, passiveNegative: [],
    latestByAccount: { promoter: [], passive: [], detractor: [] },
  };
  const latest = new Map<AccountPlan, Sentiment>();
  drafts.forEach((d, i) => {
    d.row.response_id = `NPS-${String(i + 1).padStart(7, '0')}`;
    if (d.defect !== null) {
      truth.invalid.push({ response_id: d.row.response_id, defect: d.defect });
      truth.counts.invalid++;
      return;
    }
    if (d.sentiment === null || d.plan === null) return;
    truth.counts[d.sentiment === 'promoter' ? 'promoters' : d.sentiment === 'passive' ? 'passives' : 'detractors']++;
    if (d.passiveNegative) truth.passiveNegative.push(d.row.response_id);
    latest.set(d.plan, d.sentiment);
  });
  for (const [plan, sentiment] of latest) truth.latestByAccount[sentiment].push(plan.id);
  return { rows: drafts.map((d) => d.row), truth };
};

/** A few defective rows per 200 accounts: what a survey export really contains. */
const addDefects = (
  rng: Rng,
  accounts: number,
  surveyed: readonly { plan: AccountPlan; contact: SObjectRecord }[],
  asOfMs: number,
  respond: (plan: AccountPlan, contact: SObjectRecord, ms: number, sentiment: Sentiment, defect: NpsDefect | null) => void,
  drafts: Draft[],
  pools: NamePools,
): void => {
  const perKind = Math.max(1, Math.round(accounts / 200));
  for (let i = 0; i < perKind; i++) {
    const a = surveyed.length > 0 ? rng.pick(surveyed) : undefined;
    if (a) respond(a.plan, a.contact, asOfMs - rng.int(1, 60) * DAY_MS, 'promoter', 'score-out-of-range');
    const b = surveyed.length > 0 ? rng.pick(surveyed) : undefined;
    // Clock skew or a typed date: the response claims to come from the future.
    if (b) respond(b.plan, b.contact, asOfMs + rng.int(1, 30) * DAY_MS, 'passive', 'future-date');
    const ms = asOfMs - rng.int(1, 80) * DAY_MS;
    const local = `${rng.pick(pools.firstNames)}.${rng.pick(pools.lastNames)}`.toLowerCase();
    drafts.push({
      row: { response_id: '', contact_id: '', email: `${local}@${UNKNOWN_DOMAIN}`, score: rng.int(0, 10), comment: '', responded_at: formatIsoUtc(ms) },
      plan: null, ms, sentiment: null, defect: 'unknown-email', passiveNegative: false,
    });
  }
};
