/**
 * Writes bench/usage's cached input (see usage-fixture.ts), run in its own process so the demo
 * org (~1 GB for 100k accounts) never sits in a measured process. The events come from the real
 * generator through the real demo writer (usage/events.csv, as `sextant demo` writes it), then
 * DuckDB converts the CSV to Parquet with every column typed, as a warehouse export would be.
 * Written to a scratch folder and renamed into place at the end, so an interrupted run is
 * never mistaken for a finished one.
 * Usage: node write-usage-fixture.ts '{"accounts":100000,"days":90,"seed":1,"asOf":"…"}'
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadMappings, soqlFieldList } from '../../src/config/mappings/index.ts';
import { generateDemoOrg, writeDemoFiles } from '../../src/sandbox/demo/index.ts';
import { SQL_DIALECTS } from '../../src/warehouse/sql/sql-dialect.ts';
import { fixtureDir, fixtureFiles, generatorVersion, ROOT } from './usage-fixture.ts';
import type { UsageFixtureKey, UsageFixtureMeta } from './usage-fixture.ts';

const key = JSON.parse(process.argv[2] ?? '{}') as UsageFixtureKey & { asOf: string };
const asOf = new Date(key.asOf);
const log = (line: string): void => { process.stderr.write(`  [fixture] ${line}\n`); };
const started = performance.now();
const since = (): string => `${((performance.now() - started) / 1000).toFixed(0)}s`;

const final = fixtureDir(key);
const scratch = `${final}.partial-${process.pid}`;
const files = fixtureFiles(scratch);
await rm(scratch, { recursive: true, force: true });
await mkdir(scratch, { recursive: true });

log(`generating the demo org (${key.accounts.toLocaleString('en-US')} accounts, seed ${key.seed})…`);
const org = generateDemoOrg({ accounts: key.accounts, seed: key.seed, asOf });
log(`${since()} writing ${key.days} days of usage events as CSV…`);
const csv = await writeDemoFiles(path.join(scratch, 'csv'), org, { seed: key.seed, asOf, days: key.days });

// Only the fields a sync would read for accounts (mappings/accounts.yaml), null when the demo has none.
const mapping = (await loadMappings(path.join(ROOT, 'mappings'))).byObject.accounts;
if (mapping === undefined) throw new Error('mappings/ has no accounts mapping');
const fields = soqlFieldList(mapping);
const out = createWriteStream(files.accounts);
const accounts = org.records.Account ?? [];
for (const record of accounts) {
  if (!out.write(`${JSON.stringify(Object.fromEntries(fields.map((f) => [f, record[f] ?? null])))}\n`)) await once(out, 'drain');
}
out.end();
await finished(out);

log(`${since()} converting ${csv.rows.events.toLocaleString('en-US')} events to Parquet…`);
const text = SQL_DIALECTS.duckdb.text;
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run("SET TimeZone = 'UTC'");
await conn.run(`COPY (SELECT * FROM read_csv(${text(csv.paths.events)}, header = true, columns = {
  'event_id': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', 'account_key': 'VARCHAR', 'account_domain': 'VARCHAR',
  'user_id': 'VARCHAR', 'user_email': 'VARCHAR', 'event_type': 'VARCHAR', 'feature': 'VARCHAR'
})) TO ${text(files.events)} (FORMAT parquet)`);
await conn.run(`COPY (SELECT * FROM read_csv(${text(csv.paths.licenses)}, header = true, columns = {
  'account_key': 'VARCHAR', 'licenses_provisioned': 'INTEGER', 'as_of': 'DATE', 'account_name': 'VARCHAR'
})) TO ${text(files.licenses)} (FORMAT parquet)`);
const counts = (await (await conn.run(`SELECT count(*)::INTEGER AS events, count(DISTINCT account_key)::INTEGER AS keys FROM read_parquet(${text(files.events)})`)).getRowObjectsJS())[0]!;
conn.closeSync();
instance.closeSync();
if (counts.events !== csv.rows.events) throw new Error(`Parquet holds ${String(counts.events)} events, the CSV ${csv.rows.events}`);
await rm(path.join(scratch, 'csv'), { recursive: true, force: true });

const meta: UsageFixtureMeta = {
  accounts: key.accounts, days: key.days, seed: key.seed, asOf: asOf.toISOString(), events: csv.rows.events, eventKeys: Number(counts.keys),
  licenses: csv.rows.licenses, crmAccounts: accounts.length, generator: generatorVersion(), generatedSeconds: (performance.now() - started) / 1000,
};
await writeFile(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
await rm(final, { recursive: true, force: true });
await rename(scratch, final);
log(`${since()} done: ${final}`);
process.stdout.write(`${JSON.stringify(meta)}\n`);
