import { SextantError } from '../domain/sextant-error.ts';

/** Option values every command reads the same way, with the same CLI_USAGE error. */
export const positiveInt = (value: unknown, option: string, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new SextantError('CLI_USAGE', `--${option} must be a whole number ≥ ${min}, got '${String(value)}'`, { kind: 'config', path: `--${option}` });
  }
  return n;
};

/** A calendar day option ('2026-11-20'), checked to exist (2026-02-30 is refused). */
export const dayOption = (value: unknown, option: string): string => {
  const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (day === null || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new SextantError('CLI_USAGE', `--${option} must be a day like 2026-11-20, got ${String(value)}`, { kind: 'config', path: `--${option}` });
  }
  return day;
};

/** Whole numbers as a reader expects them in terminal output: 1,434,900. */
export const wholeNumber = (n: number): string => Math.round(n).toLocaleString('en-US');
