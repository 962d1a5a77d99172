import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMappingText } from '../../../../src/config/mappings/load-mappings.ts';
import { parseObjectDescribe, type ObjectDescribe } from '../../../../src/config/mappings/object-describe.ts';
import type { ObjectMapping } from '../../../../src/config/mappings/object-mapping.ts';
import { createSandboxOrg, type SandboxOrg } from '../../../../src/sandbox/sandbox-org.ts';
import { describeObject } from '../../../../src/sandbox/schema/describe.ts';

export const SHIPPED_MAPPINGS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../mappings');

let org: Promise<SandboxOrg> | null = null;
/** One sandbox org (schema from standard objects + sfdx-project) for the whole suite. */
export const sandboxOrg = (): Promise<SandboxOrg> => (org ??= createSandboxOrg());

/** Every object of the sandbox org as describe JSON would give it, parsed as doctor will. */
export const sandboxDescribes = async (): Promise<Record<string, ObjectDescribe>> => {
  const { catalog } = await sandboxOrg();
  return Object.fromEntries(catalog.objects.map((def) => [def.name, parseObjectDescribe(describeObject(def, '62.0'))]));
};

/** A mapping from YAML text that must be valid (the test is about what comes after loading). */
export const mappingOf = (yaml: string, file = 'test.yaml'): ObjectMapping => {
  const parsed = parseMappingText(yaml, file);
  if (!parsed.mapping) throw new Error(`fixture mapping invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.mapping;
};

export const CONTEXT = { runId: 'run-1', asOf: '2026-05-01T08:00:00.000Z' };
