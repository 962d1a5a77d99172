import { stringify } from 'csv-stringify/sync';
import { MISMATCH_CLASSES, type KeyMismatchReport } from '../../reconcile/key-mismatch-report.ts';
import { toProblemLine, type ProblemLine } from './problem-lines.ts';

export const CSV_COLUMNS = [
  'class', 'account_key', 'account_id', 'account_name', 'arr', 'usage_events', 'last_active_day', 'detail', 'suggested_fix',
] as const;

/**
 * CSV/formula injection (OWASP): Excel runs a cell that starts with = + - @ (or a tab/CR) as a
 * formula, and account names and usage keys come from outside. A leading apostrophe makes
 * Excel show the text as typed. Leading spaces do not stop Excel, so they are looked through.
 */
export const guardCell = (value: string): string => (/^[\t\r]|^\s*[=+\-@]/.test(value) ? `'${value}` : value);

const cells = (line: ProblemLine): (string | number)[] => [
  line.class, guardCell(line.accountKey), guardCell(line.accountId), guardCell(line.accountName), line.arr, line.usageEvents,
  line.lastActiveDay, guardCell(line.detail), guardCell(line.suggestedFix),
];

/**
 * The report for Excel: UTF-8 with a BOM (without it Excel reads UTF-8 as the local code page
 * and mangles 'Zürich GmbH'), CRLF rows, every text cell quoted so keys keep their spaces
 * (' acme' is the problem being reported). One row per problem, classes in display order,
 * worst first within each class.
 */
export const renderKeyMismatchCsv = (report: KeyMismatchReport): string => {
  const rows = MISMATCH_CLASSES.flatMap((c) => report.classes[c].rows.map((r) => cells(toProblemLine(r))));
  return `\uFEFF${stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows', quoted_string: true })}`;
};
