import type { KeyMismatchReport } from '../../reconcile/key-mismatch-report.ts';

/** Objects with their keys sorted, recursively; arrays keep their (worst-first) order. */
const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
};

/** The report model as JSON with a stable key order, so two runs diff line by line. */
export const renderKeyMismatchJson = (report: KeyMismatchReport): string => `${JSON.stringify(sortedKeys(report), null, 2)}\n`;
