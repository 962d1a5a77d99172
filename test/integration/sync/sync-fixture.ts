import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { compileNormalizer, flattenRestRecord, loadMappings, soqlFieldList, type MappingSet } from '../../../src/config/mappings/index.ts';
import type { CrmObjectName } from '../../../src/domain/crm-records.ts';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import type { Store } from '../../../src/store/store.ts';
import { runSoql } from '../../../src/sandbox/soql/index.ts';
import '../support/sandbox-fixture.ts';

/**
 * Sync tests run `sextant sync` as a real process against a sandbox served by the test process
 * (so faults, limits and the clock can be arranged, and a sync can be killed mid-object), then
 * compare the store with the org row by row.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = path.join(root, 'src/cli/main.ts');

export type CliResult = { status: number | null; stdout: string; stderr: string; json: Record<string, unknown> | null };

export const syncEnv = (sandbox: RunningSandbox, databaseUrl: string, configFile?: string): Record<string, string> => {
  const info = sandbox.connectionInfo();
  return {
    SF_LOGIN_URL: info.loginUrl, SF_USERNAME: info.username, SF_PASSWORD: info.password,
    SF_CLIENT_ID: info.clientId, SF_CLIENT_SECRET: info.clientSecret,
    SEXTANT_DATABASE_URL: databaseUrl, SEXTANT_LOG_LEVEL: 'error',
    ...(configFile ? { SEXTANT_CONFIG: configFile } : {}),
  };
};

/** Runs the CLI asynchronously (this process serves the sandbox it talks to). */
export const startCli = (args: string[], env: Record<string, string>): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SF_') && !k.startsWith('SEXTANT_')));
  const child = spawn(process.execPath, [main, ...args], { env: { ...clean, ...env }, cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<CliResult>((resolve) => child.on('exit', (status) => {
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    } catch {
      json = null;
    }
    resolve({ status, stdout, stderr, json });
  }));
  return { child, done };
};

export const runCli = (args: string[], env: Record<string, string>): Promise<CliResult> => startCli(args, env).done;

export const tempDb = (): string => `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'sextant-sync-')), 'sextant.db')}`;

export const writeConfig = (yaml: string): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sextant-cfg-')), 'sextant.yaml');
  writeFileSync(file, `mappingsDir: ${path.join(root, 'mappings')}\nrulesDir: ${path.join(root, 'rules')}\n${yaml}`);
  return file;
};

export const defaultMappings = (): Promise<MappingSet> => loadMappings(path.join(root, 'mappings'));

/**
 * The oracle: what the store should hold for `object`, computed from the org itself — every
 * row (deleted ones included) read in-process with the mapping's own field list, normalised.
 */
export const expectedRecords = (sandbox: RunningSandbox, mappings: MappingSet, object: CrmObjectName): Map<string, Record<string, unknown>> => {
  const mapping = mappings.byObject[object]!;
  const soql = `SELECT ${soqlFieldList(mapping).join(', ')} FROM ${mapping.source}${mapping.where ? ` WHERE ${mapping.where}` : ''}`;
  const result = runSoql(soql, sandbox.org.store, { includeDeleted: true, now: sandbox.org.clock.now() });
  const normalize = compileNormalizer(mapping);
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < result.rowCount; i++) {
    const n = normalize(flattenRestRecord(result.restRecord(i)), { runId: 'oracle', asOf: new Date().toISOString() });
    if (n.ok) out.set((n.record as { id: string }).id, n.record as Record<string, unknown>);
  }
  return out;
};

/** Asserts the store equals the org: same ids, every mapped field equal (live rows; deleted rows flagged). */
export const expectStoreEqualsOrg = async (store: Store, sandbox: RunningSandbox, mappings: MappingSet, objects: readonly CrmObjectName[]): Promise<void> => {
  for (const object of objects) {
    const expected = expectedRecords(sandbox, mappings, object);
    const actual = new Map<string, Record<string, unknown>>();
    for await (const r of store.iterateRecords(object, { includeDeleted: true })) actual.set(r.id, r as unknown as Record<string, unknown>);
    const missing = [...expected.keys()].filter((id) => !actual.has(id));
    expect(missing, `${object}: rows missing from the store`).to.deep.equal([]);
    const extra = [...actual.values()].filter((r) => !expected.has(r.id as string) && r.isDeleted !== true).map((r) => r.id);
    expect(extra, `${object}: live rows in the store that the org does not have`).to.deep.equal([]);
    for (const [id, want] of expected) {
      const got = actual.get(id)!;
      for (const [field, value] of Object.entries(want)) {
        expect(got[field], `${object} ${id} ${field}`).to.deep.equal(value);
      }
    }
  }
};
