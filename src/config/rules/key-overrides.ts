import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { SextantError } from '../../domain/sextant-error.ts';
import type { OverrideEntry } from '../../reconcile/override-book.ts';
import { normalizeKey } from '../../reconcile/normalize-key.ts';
import { ACCOUNT_ID_MESSAGE, isAccountId } from './key-overrides-account-id.ts';
import { locate } from '../mappings/yaml-locations.ts';
import { parseKeyOverridesCsv } from './key-overrides-csv.ts';
import { formatYamlProblem, parseYamlFile, type YamlProblem } from './parse-yaml-file.ts';

/**
 * The key overrides file: a data owner's decisions that beat every automatic rule.
 *
 *   - { accountKey: ' acme ', accountId: 001RO000000abcDEF, note: 'signed as Acme EMEA' }
 *   - { accountKey: TEST-TENANT-7, ignore: true, note: internal test tenant }
 *
 * YAML for reviewed files, CSV (account_key,account_id,action,note) for the data owner who
 * keeps it in Excel. Both fail with OVERRIDES_INVALID listing every bad entry with its line.
 */
const Text = (what: string) => z.string({ error: `${what} must be text: quote values that look like numbers ('000123')` });

const Entry = z.strictObject({
  accountKey: Text('accountKey').refine((k) => normalizeKey(k) !== null, 'accountKey is empty'),
  accountId: Text('accountId').refine(isAccountId, ACCOUNT_ID_MESSAGE).optional(),
  ignore: z.literal(true, { error: 'ignore can only be true (leave it out to link the key)' }).optional(),
  note: Text('note').optional(),
}).superRefine((e, ctx) => {
  if ((e.accountId === undefined) === (e.ignore === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'give either accountId (link the key) or ignore: true, not both' });
  }
});

const Overrides = z.preprocess(
  // An empty file (or only comments) means no overrides.
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? [] : value),
  z.array(Entry, { error: 'expected a list of overrides (lines starting with "- ")' }),
).superRefine((entries, ctx) => {
  const first = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = normalizeKey(e.accountKey);
    if (key === null) return;
    const prior = first.get(key);
    if (prior === undefined) first.set(key, i);
    else ctx.addIssue({ code: 'custom', path: [i, 'accountKey'], message: `same key as entry ${prior + 1} (keys match ignoring case and spaces)` });
  });
});

export const parseKeyOverridesYaml = (text: string, file: string): OverrideEntry[] => {
  const entries = parseYamlFile(text, file, Overrides, 'OVERRIDES_INVALID');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return entries.map((e, i) => {
    const { line } = locate(doc, lineCounter, [i]);
    const base = { accountKey: e.accountKey, source: `${file}:${line}`, ...(e.note === undefined ? {} : { note: e.note }) };
    return e.ignore ? { ...base, ignore: true as const } : { ...base, accountId: (e.accountId as string).trim() };
  });
};

/** Reads an overrides file by its extension: .yaml/.yml or .csv. */
export const parseKeyOverrides = (text: string, file: string): OverrideEntry[] => {
  if (/\.ya?ml$/i.test(file)) return parseKeyOverridesYaml(text, file);
  if (/\.csv$/i.test(file)) return parseKeyOverridesCsv(text, file);
  const problem: YamlProblem = { file, line: 1, col: 1, path: '', message: 'overrides must be a .yaml, .yml or .csv file' };
  throw new SextantError('OVERRIDES_INVALID', formatYamlProblem(problem), { kind: 'config', path: file, data: [problem] });
};
