import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_RECONCILE_RULES, parseReconcileRules } from '../config/rules/reconcile-rules.schema.ts';
import { parseKeyOverrides } from '../config/rules/key-overrides.ts';
import { SextantError } from '../domain/sextant-error.ts';
import type { ReconcileRules } from '../reconcile/reconcile-rules.ts';
import type { OverrideEntry } from '../reconcile/override-book.ts';

/** A rules file's text, or null when the rules folder does not have it (defaults apply). */
export const readRulesFile = async (rulesDir: string, name: string): Promise<{ text: string; file: string } | null> => {
  const file = path.join(rulesDir, name);
  try {
    return { text: await readFile(file, 'utf8'), file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SextantError('RULES_INVALID', `cannot read ${file}: ${(err as Error).message}`, { kind: 'config', path: file });
  }
};

export const loadReconcileRules = async (rulesDir: string): Promise<ReconcileRules> => {
  const found = await readRulesFile(rulesDir, 'reconcile.yaml');
  return found === null ? DEFAULT_RECONCILE_RULES : parseReconcileRules(found.text, found.file);
};

/** The data owner's overrides; a configured file that is missing is an error, not "no overrides". */
export const loadKeyOverrides = async (file: string | undefined): Promise<OverrideEntry[]> => {
  if (file === undefined) return [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SextantError('OVERRIDES_INVALID', `cannot read the key overrides file ${file}: ${(err as Error).message}`, {
      kind: 'config', path: file, hints: ['Fix keyOverridesFile in sextant.yaml, or remove it.'],
    });
  }
  return parseKeyOverrides(text, file);
};
