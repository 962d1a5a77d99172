import type { UsageDayColumns } from '../../domain/usage.ts';
import type { MonthsPageQuery } from '../repositories/usage-columns-page.ts';

/** Slots of the shared Int32Array: pages the reader still grants, and its stop flag. */
export const CREDITS = 0;
export const STOP = 1;

export type UsageThreadData = {
  file: string;
  query: MonthsPageQuery;
  /** Day numbers; ±Infinity when the range is open. */
  from: number;
  to: number;
  /** The last month the reader read itself: the thread goes on after it. */
  after: { key: string; month: string };
  signals: SharedArrayBuffer;
};

export type ThreadError = { name: string; message: string; code?: string; kind?: string; path?: string; data?: unknown };

export type ThreadMessage = { type: 'page'; page: UsageDayColumns } | { type: 'done' } | { type: 'error'; error: ThreadError };
