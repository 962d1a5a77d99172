import type { IsoDay } from '../domain/usage.ts';
import { dayNumber, isoDay } from './day-number.ts';

/** One renewal judged: was it lost, and did the model (or a measure) flag it in time. */
export type Prediction = { lost: boolean; flagged: boolean; arr: number };

/**
 * "Red within N days before the renewal" against what happened. A renewal is flagged when the
 * account (or the measure) was red on any replayed day from renewal − N to the renewal day.
 * precision = flagged and lost / flagged; recall = flagged and lost / lost; lift = precision
 * over the base churn rate (1 = no better than flagging at random). Null where a denominator is 0.
 */
export type BacktestMetrics = {
  renewals: number;
  lost: number;
  flagged: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number | null;
  recall: number | null;
  lift: number | null;
  /** Lost ARR that was flagged / all lost ARR. */
  arrRecall: number | null;
};

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export const confusionOf = (predictions: readonly Prediction[]): BacktestMetrics => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let lostArr = 0;
  let flaggedLostArr = 0;
  for (const p of predictions) {
    if (p.lost) {
      lostArr += p.arr;
      if (p.flagged) {
        tp++;
        flaggedLostArr += p.arr;
      } else {
        fn++;
      }
    } else if (p.flagged) {
      fp++;
    } else {
      tn++;
    }
  }
  const precision = ratio(tp, tp + fp);
  const baseRate = predictions.length === 0 ? null : (tp + fn) / predictions.length;
  return {
    renewals: predictions.length,
    lost: tp + fn,
    flagged: tp + fp,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall: ratio(tp, tp + fn),
    lift: precision === null || baseRate === null || baseRate === 0 ? null : Math.round((precision / baseRate) * 100) / 100,
    arrRecall: ratio(flaggedLostArr, lostArr),
  };
};

/**
 * For one lost renewal, over the replayed days of its window:
 * - firstRedDay / daysRedBeforeLoss: the first day in the window the account was red, and how
 *   many days before the loss date that was (the warning a CSM would have had);
 * - redAtLoss: red on the last replayed day at or before the loss;
 * - redStreakDays: when red at the loss, how many replayed days it had been red without a
 *   break (looking back past the window's start if it was red before it).
 */
export type LostRenewalResult = {
  accountId: string;
  date: IsoDay;
  arr: number;
  firstRedDay: IsoDay | null;
  daysRedBeforeLoss: number | null;
  redAtLoss: boolean;
  redStreakDays: number | null;
};

/** `overall` holds one colour code per replayed day (index 0 = `firstDay`); [lo, hi] is the window. */
export const leadTimes = (accountId: string, o: { date: IsoDay; arr: number }, overall: Int8Array, lo: number, hi: number, firstDay: number, red: number): LostRenewalResult => {
  let firstRed = -1;
  for (let d = lo; d <= hi; d++) {
    if (overall[d] === red) {
      firstRed = d;
      break;
    }
  }
  const redAtLoss = overall[hi] === red;
  let streak = 0;
  if (redAtLoss) for (let d = hi; d >= 0 && overall[d] === red; d--) streak++;
  return {
    accountId,
    date: o.date,
    arr: o.arr,
    firstRedDay: firstRed < 0 ? null : isoDay(firstDay + firstRed),
    daysRedBeforeLoss: firstRed < 0 ? null : dayNumber(o.date) - (firstDay + firstRed),
    redAtLoss,
    redStreakDays: redAtLoss ? streak : null,
  };
};
