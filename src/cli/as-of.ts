import { SextantError } from '../domain/sextant-error.ts';

/**
 * The instant a score describes. `--as-of 2026-11-20` scores that day as complete; without it,
 * yesterday: today's usage is not in yet, and a partial day would read as a drop in activity.
 */
export const asOfInstant = (value: unknown, now = new Date()): string => {
  if (value === undefined) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 1).toISOString();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new SextantError('CLI_USAGE', `--as-of must be a day like 2026-11-20, got ${String(value)}`, { kind: 'config', path: '--as-of' });
  }
  return `${value}T23:59:59.999Z`;
};
