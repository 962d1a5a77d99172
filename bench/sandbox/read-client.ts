/**
 * The bench's HTTP client, run in a worker thread so reading and parsing never share the
 * sandbox's event loop (as a real connector would not). Counts rows as it streams: newline bytes
 * for CSV, parsed records for REST JSON.
 */
import { parentPort, workerData } from 'node:worker_threads';

type Job = { mode: 'bulk' | 'rest' | 'baseline-bulk' | 'baseline-rest'; url: string; token: string; soql: string; pageSize: number; pages: number };

const countNewlines = async (res: Response): Promise<number> => {
  let n = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) n++;
  }
};

const run = async (job: Job): Promise<number> => {
  const auth = { Authorization: `Bearer ${job.token}` };
  if (job.mode === 'bulk') {
    const created = (await (await fetch(`${job.url}/services/data/v62.0/jobs/query`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ operation: 'query', query: job.soql }),
    })).json()) as { id: string };
    await (await fetch(`${job.url}/services/data/v62.0/jobs/query/${created.id}`, { headers: auth })).text();
    let locator: string | null = null;
    let total = 0;
    do {
      const res: Response = await fetch(`${job.url}/services/data/v62.0/jobs/query/${created.id}/results?maxRecords=${job.pageSize}${locator ? `&locator=${locator}` : ''}`, { headers: auth });
      const next = res.headers.get('sforce-locator');
      total += (await countNewlines(res)) - 1;
      locator = next === 'null' ? null : next;
    } while (locator);
    return total;
  }
  if (job.mode === 'rest') {
    let res = (await (await fetch(`${job.url}/services/data/v62.0/query?q=${encodeURIComponent(job.soql)}`, { headers: auth })).json()) as { records: unknown[]; nextRecordsUrl?: string };
    let total = res.records.length;
    while (res.nextRecordsUrl) {
      res = (await (await fetch(`${job.url}${res.nextRecordsUrl}`, { headers: auth })).json()) as typeof res;
      total += res.records.length;
    }
    return total;
  }
  let total = 0;
  for (let i = 0; i < job.pages; i++) {
    const res = await fetch(`${job.url}/${job.mode === 'baseline-bulk' ? 'bulk' : 'rest'}/${i}`);
    total += job.mode === 'baseline-bulk' ? (await countNewlines(res)) - 1 : ((await res.json()) as { records: unknown[] }).records.length;
  }
  return total;
};

// Warm the HTTP client up (connection pool, parser) so the timed read measures transfer only.
await fetch(`${(workerData as Job).url}/__warmup`).then((r) => r.arrayBuffer()).catch(() => undefined);
const started = process.hrtime.bigint();
const rows = await run(workerData as Job);
parentPort!.postMessage({ rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
