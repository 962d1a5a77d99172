import { parse } from 'csv-parse/sync';
import { SextantError } from '../../domain/sextant-error.ts';
import type { OverrideEntry } from '../../reconcile/override-book.ts';
import { normalizeKey } from '../../reconcile/normalize-key.ts';
import { ACCOUNT_ID_MESSAGE, isAccountId } from './key-overrides-account-id.ts';
import { formatYamlProblem, type YamlProblem } from './parse-yaml-file.ts';

/**
 * The overrides file as a data owner keeps it in Excel: a header row, then
 * account_key,account_id,action,note (action: link, the default, or ignore). Extra columns are
 * allowed (owners add their own). Excel in locales with a decimal comma saves with ';', so the
 * delimiter is read off the header. Cells our own report guarded against formula injection
 * ("'=x") lose the apostrophe again, so a key copied from it round-trips.
 */
const COLUMNS = ['account_key', 'account_id', 'action', 'note'] as const;
type Column = (typeof COLUMNS)[number];

const delimiterOf = (text: string): string => {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.d ?? ',';
};

const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

type Row = { record: string[]; info: { lines: number } };

export const parseKeyOverridesCsv = (text: string, file: string): OverrideEntry[] => {
  const problems: YamlProblem[] = [];
  const fail = (): never => {
    throw new SextantError('OVERRIDES_INVALID', problems.map(formatYamlProblem).join('\n'), {
      kind: 'config', path: `${file}:${problems[0]?.line ?? 1}`, data: problems,
      hints: ['fix the rows listed (line numbers as Excel shows them, header = line 1) and run `sextant reconcile` again'],
    });
  };
  let rows: Row[];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, delimiter: delimiterOf(text) }) as unknown as Row[];
  } catch (err) {
    problems.push({ file, line: Number((err as { lines?: number }).lines ?? 1), col: 1, path: '', message: (err as Error).message });
    return fail();
  }
  if (rows.length === 0) return [];

  const header = (rows[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>;
  for (const required of ['account_key', 'account_id'] as const) {
    if (at[required] < 0) problems.push({ file, line: 1, col: 1, path: required, message: `missing column ${required} (header: ${COLUMNS.join(',')})` });
  }
  if (problems.length > 0) return fail();

  const entries: OverrideEntry[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of rows.slice(1)) {
    if (record.every((c) => c.trim() === '')) continue;
    // info.lines is where the record ends; a quoted note may span lines.
    const line = info.lines - record.join('').split('\n').length + 1;
    const cell = (c: Column): string => (at[c] < 0 ? '' : unguard(record[at[c]] ?? ''));
    const problem = (c: Column, message: string): void => {
      problems.push({ file, line, col: at[c] + 1, path: c, message });
    };
    const accountKey = cell('account_key');
    const accountId = cell('account_id').trim();
    const action = cell('action').trim().toLowerCase() || 'link';
    const note = cell('note').trim();
    const key = normalizeKey(accountKey);
    const before = problems.length;
    if (key === null) problem('account_key', 'account_key is empty');
    else if (firstLine.has(key)) problem('account_key', `same key as line ${firstLine.get(key)} (keys match ignoring case and spaces)`);
    if (action === 'link' && !isAccountId(accountId)) problem('account_id', accountId === '' ? 'account_id is empty (or set action to ignore)' : ACCOUNT_ID_MESSAGE);
    else if (action === 'ignore' && accountId !== '') problem('account_id', 'leave account_id empty when action is ignore');
    else if (action !== 'link' && action !== 'ignore') problem('action', `action must be link or ignore, got '${action}'`);
    if (key !== null && !firstLine.has(key)) firstLine.set(key, line);
    if (problems.length > before) continue;
    const base = { accountKey, source: `${file}:${line}`, ...(note === '' ? {} : { note }) };
    entries.push(action === 'ignore' ? { ...base, ignore: true } : { ...base, accountId });
  }
  if (problems.length > 0) fail();
  return entries;
};
