import type { HealthColour, HierarchyRollup } from '../domain/health.ts';
import { matchBand } from './bands.ts';
import type { Bands } from './health-rules.ts';

/** What a roll-up needs of an account (CrmAccount fits). */
export type HierarchyAccount = { id: string; parentId: string | null; arr: number | null };
/** What a roll-up needs of a snapshot (HealthSnapshot fits). */
export type ScoredAccount = { accountId: string; score: number | null; colour: HealthColour | 'na' };

export type HierarchyResult = {
  /** One per account with at least one account beneath it. */
  rollups: HierarchyRollup[];
  /** Parent links that went round in a circle, each as its accounts; the closing link is ignored. */
  cycles: string[][];
};

type Totals = { descendants: number; weighted: number; arr: number; scoreSum: number; scored: number; arrAtRisk: number; redAccounts: number; arrWatch: number; ownArr: boolean };

/**
 * Rolls health up a parent/child Account hierarchy (DOMAIN.md: "ARR-weighted over children").
 *
 * - The rolled score is the ARR-weighted mean over every scored account beneath the parent at
 *   any depth, plus the parent itself when it has its own ARR (a parent with its own contract
 *   is a customer too; a holding account without ARR is not). Weighting over all descendants
 *   equals weighting children by their subtree ARR, so a mid-level parent's figure and its
 *   parent's agree. Accounts without ARR weigh nothing; if no scored account has ARR, they
 *   count equally instead (weighting: 'equal').
 * - ARR at risk: ARR of red accounts beneath the parent. Yellow is not at risk; it is reported
 *   as arrWatch. The parent's own ARR is not in it: its own colour is on its own snapshot.
 * - Parent links that form a cycle are cut where the cycle closes and reported; a parent id
 *   that is not among `accounts` makes its child a root.
 */
export const rollUpHierarchy = (snapshots: readonly ScoredAccount[], accounts: readonly HierarchyAccount[], overallBands: Bands): HierarchyResult => {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const scoreOf = new Map(snapshots.map((s) => [s.accountId, s]));
  const parentOf = new Map<string, string | null>();
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of byId.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 'visiting');
      path.push(cur);
      const p: string | null = byId.get(cur)!.parentId;
      const next: string | null = p !== null && byId.has(p) ? p : null;
      parentOf.set(cur, next);
      cur = next;
    }
    if (cur !== null && state.get(cur) === 'visiting') {
      cycles.push(path.slice(path.indexOf(cur)));
      parentOf.set(path.at(-1)!, null);
    }
    for (const id of path) state.set(id, 'done');
  }

  const totals = new Map<string, Totals>();
  const totalsOf = (id: string): Totals => {
    let t = totals.get(id);
    if (t === undefined) {
      t = { descendants: 0, weighted: 0, arr: 0, scoreSum: 0, scored: 0, arrAtRisk: 0, redAccounts: 0, arrWatch: 0, ownArr: false };
      totals.set(id, t);
    }
    return t;
  };
  const add = (t: Totals, arr: number, score: number): void => {
    t.weighted += arr * score;
    t.arr += arr;
    t.scoreSum += score;
    t.scored += 1;
  };
  for (const a of accounts) {
    const s = scoreOf.get(a.id);
    const arr = a.arr !== null && a.arr > 0 ? a.arr : 0;
    for (let p = parentOf.get(a.id) ?? null; p !== null; p = parentOf.get(p) ?? null) {
      const t = totalsOf(p);
      t.descendants += 1;
      if (s === undefined || s.score === null) continue;
      add(t, arr, s.score);
      if (s.colour === 'red') {
        t.arrAtRisk += arr;
        t.redAccounts += 1;
      } else if (s.colour === 'yellow') {
        t.arrWatch += arr;
      }
    }
  }
  const rollups: HierarchyRollup[] = [];
  for (const [id, t] of totals) {
    const own = byId.get(id)!;
    const s = scoreOf.get(id);
    if (own.arr !== null && own.arr > 0 && s !== undefined && s.score !== null) {
      add(t, own.arr, s.score);
      t.ownArr = true;
    }
    const weighting = t.arr > 0 ? 'arr' : 'equal';
    const score = t.scored === 0 ? null : Math.round(weighting === 'arr' ? t.weighted / t.arr : t.scoreSum / t.scored);
    rollups.push({
      accountId: id,
      descendants: t.descendants,
      scoredAccounts: t.scored,
      includesOwnArr: t.ownArr,
      weighting,
      score,
      colour: score === null ? 'na' : (matchBand(overallBands, score) ?? 'na'),
      arrScored: t.arr,
      arrAtRisk: t.arrAtRisk,
      redAccounts: t.redAccounts,
      arrWatch: t.arrWatch,
    });
  }
  return { rollups, cycles };
};
