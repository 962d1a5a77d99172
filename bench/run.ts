/**
 * `npm run bench [name]`: runs each benchmark in its own process (so one's heap never skews
 * another's RSS) and passes --json through.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { heapFlags } from '../bin/node-flags.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Each bench runs with the heap settings the CLI gives the command it measures.
const HEAP: Record<string, string[]> = { sandbox: ['--max-old-space-size=8192'], sync: heapFlags() };
const BENCHES: Record<string, string> = {
  sandbox: 'sandbox/sandbox-throughput.ts',
  sync: 'sync/sync-throughput.ts',
  usage: 'usage/usage-throughput.ts',
  score: 'score/score-throughput.ts',
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const file = BENCHES[name];
  if (!file) {
    process.stderr.write(`unknown bench '${name}'; known: ${Object.keys(BENCHES).join(', ')}\n`);
    failed++;
    continue;
  }
  const result = spawnSync(process.execPath, [...(HEAP[name] ?? []), path.join(here, file), ...process.argv.slice(2).filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
