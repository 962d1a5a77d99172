/**
 * Reconcile's setup, untimed and in its own process (so the measured one starts clean): puts the
 * demo's Account records into a store as CrmAccount rows, normalised through mappings/accounts.yaml
 * exactly as a sync would, in the sync's page-per-transaction shape. Prints the counts as JSON.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { compileNormalizer, loadMappings } from '../../src/config/mappings/index.ts';
import type { ObjectMapping, RawRow } from '../../src/config/mappings/index.ts';
import type { CrmAccount } from '../../src/domain/crm-records.ts';
import { openStore } from '../../src/store/open-store.ts';
import { ROOT } from './usage-fixture.ts';

export type SeedArgs = { accountsFile: string; dbFile: string; asOf: string };
export type SeedResult = { accounts: number; quarantined: number; seconds: number };

const PAGE = 10_000;
const args = JSON.parse(process.argv[2] ?? '{}') as SeedArgs;
const mapping = (await loadMappings(path.join(ROOT, 'mappings'))).byObject.accounts;
if (mapping === undefined) throw new Error('mappings/ has no accounts mapping');
const normalize = compileNormalizer(mapping as ObjectMapping & { object: 'accounts' });
const context = { runId: 'bench-seed', asOf: args.asOf };

const started = performance.now();
const store = await openStore(`sqlite:${args.dbFile}`);
let accounts = 0;
let quarantined = 0;
try {
  let page: CrmAccount[] = [];
  const flush = async (): Promise<void> => {
    accounts += await store.upsertRecords('accounts', page);
    page = [];
  };
  for await (const line of createInterface({ input: createReadStream(args.accountsFile) })) {
    const result = normalize(JSON.parse(line) as RawRow, context);
    if (!result.ok) {
      quarantined++;
      continue;
    }
    page.push(result.record);
    if (page.length === PAGE) await flush();
  }
  await flush();
} finally {
  await store.close();
}
const out: SeedResult = { accounts, quarantined, seconds: (performance.now() - started) / 1000 };
process.stdout.write(`${JSON.stringify(out)}\n`);
