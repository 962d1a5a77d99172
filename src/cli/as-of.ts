import { dayOption } from './option-values.ts';

/**
 * The instant a score describes. `--as-of 2026-11-20` scores that day as complete; without it,
 * yesterday: today's usage is not in yet, and a partial day would read as a drop in activity.
 */
export const asOfInstant = (value: unknown, now = new Date()): string => {
  if (value === undefined) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 1).toISOString();
  return `${dayOption(value, 'as-of')}T23:59:59.999Z`;
};
