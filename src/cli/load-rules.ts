import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_RECONCILE_RULES, parseReconcileRules } from '../config/rules/reconcile-rules.schema.ts';
import { parseKeyOverrides } from '../config/rules/key-overrides.ts';
import { loadHealthRules } from '../config/rules/health-rules.schema.ts';
import { loadLifecycleRules } from '../config/rules/lifecycle-rules.schema.ts';
import { SextantError } from '../domain/sextant-error.ts';
import type { HealthRules } from '../health/index.ts';
import type { LifecycleRules } from '../lifecycle/index.ts';
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

/** A rules file the model cannot do without: missing is an error naming the folder searched. */
const requiredRulesFile = async (rulesDir: string, name: string): Promise<{ text: string; file: string }> => {
  const found = await readRulesFile(rulesDir, name);
  if (found === null) {
    throw new SextantError('RULES_INVALID', `${path.join(rulesDir, name)} is missing`, {
      kind: 'config', path: path.join(rulesDir, name), hints: ['Copy the default from the rules/ folder of Sextant, or set rulesDir in sextant.yaml.'],
    });
  }
  return found;
};

export const loadScoringRules = async (rulesDir: string): Promise<{ health: HealthRules; lifecycle: LifecycleRules }> => {
  const [health, lifecycle] = await Promise.all([requiredRulesFile(rulesDir, 'health.yaml'), requiredRulesFile(rulesDir, 'lifecycle.yaml')]);
  return { health: loadHealthRules(health.text, health.file), lifecycle: loadLifecycleRules(lifecycle.text, lifecycle.file) };
};
