/**
 * bench/sandbox: is the sandbox ever the bottleneck? Serves a 1M-record Account object and reads
 * it back over loopback HTTP as Bulk 2.0 CSV pages and as REST query pages (2,000 rows each).
 * Baseline, measured in the same run: a bare node:http server sending the same bytes pre-rendered
 * (the wire and client cost alone). The client reads in a worker thread, off the server's event
 * loop. The ratio says how close the sandbox comes to that ceiling.
 * Goal: Bulk CSV ≥ 300k records/s.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { startSandbox } from '../../src/sandbox/start-sandbox.ts';
import { makeRecordId } from '../../src/domain/salesforce-id.ts';
import { fmt, mb, medianOf, PeakRss, type Sample } from '../support/measure.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE = 100_000;
const SEGMENTS = ['Strategic', 'Enterprise', 'Mid-Market', 'SMB'];

const rss = new PeakRss();
const sandbox = await startSandbox({ seed: 'empty' });
sandbox.org.bulk.processingMs = 0;
const base = Date.parse('2026-01-01T00:00:00Z');
const rows = [];
for (let i = 0; i < RECORDS; i++) {
  const stamp = new Date(base + i * 1000).toISOString().replace('Z', '+0000');
  rows.push({
    Id: makeRecordId('001', 100 + i), Name: `Account ${i}`, Industry: 'Technology', ARR__c: (i % 1000) * 100,
    Customer_Segment__c: SEGMENTS[i % 4] ?? null, Product_Account_Key__c: `acct-${i}`, Website: `a${i}.example.com`,
    CreatedDate: stamp, LastModifiedDate: stamp, SystemModstamp: stamp,
  });
}
sandbox.org.store.load('Account', rows);
rows.length = 0;
const url = sandbox.server.url;
const auth = { Authorization: `Bearer ${sandbox.accessToken}` };
const SOQL = 'SELECT Id, Name, Industry, ARR__c, Customer_Segment__c, Product_Account_Key__c, Website, SystemModstamp FROM Account';

/** Runs one read in a worker thread, timed inside the worker (thread start-up is not the sandbox's cost). */
const inWorker = (job: Record<string, unknown>): Promise<Sample> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read-client.ts', import.meta.url), { workerData: job });
    worker.once('message', (m: { rows: number; seconds: number }) => resolve({ units: m.rows, seconds: m.seconds }));
    worker.once('error', reject);
  });
const job = { url, token: sandbox.accessToken, soql: SOQL, pageSize: PAGE, pages: 0 };
const readBulk = (): Promise<Sample> => inWorker({ ...job, mode: 'bulk' });
const readRest = (): Promise<Sample> => inWorker({ ...job, mode: 'rest' });

// Baseline: the same payloads, rendered once up front, served by a bare node:http server.
const bulkPages: string[] = [];
const restPages: string[] = [];
{
  const job = (await (await fetch(`${url}/services/data/v62.0/jobs/query`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ operation: 'query', query: SOQL }),
  })).json()) as { id: string };
  let locator: string | null = null;
  do {
    const res: Response = await fetch(`${url}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=${PAGE}${locator ? `&locator=${locator}` : ''}`, { headers: auth });
    bulkPages.push(await res.text());
    const next = res.headers.get('sforce-locator');
    locator = next === 'null' ? null : next;
  } while (locator);
  let page = await (await fetch(`${url}/services/data/v62.0/query?q=${encodeURIComponent(SOQL)}`, { headers: auth })).text();
  restPages.push(page);
  for (let next = (JSON.parse(page) as { nextRecordsUrl?: string }).nextRecordsUrl; next; next = (JSON.parse(page) as { nextRecordsUrl?: string }).nextRecordsUrl) {
    page = await (await fetch(`${url}${next}`, { headers: auth })).text();
    restPages.push(page);
  }
}
const baseline = createServer((req, res) => {
  const [kind, index] = (req.url ?? '').slice(1).split('/');
  const body = (kind === 'bulk' ? bulkPages : restPages)[Number(index)] ?? '';
  res.writeHead(200, { 'Content-Type': kind === 'bulk' ? 'text/csv' : 'application/json' });
  res.end(body);
});
await new Promise<void>((r) => baseline.listen(0, '127.0.0.1', () => r()));
const baseUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;
const readBaselineBulk = (): Promise<Sample> => inWorker({ ...job, url: baseUrl, mode: 'baseline-bulk', pages: bulkPages.length });
const readBaselineRest = (): Promise<Sample> => inWorker({ ...job, url: baseUrl, mode: 'baseline-rest', pages: restPages.length });

const bulk = await medianOf(RUNS, readBulk);
const bulkBase = await medianOf(RUNS, readBaselineBulk);
const rest = await medianOf(RUNS, readRest);
const restBase = await medianOf(RUNS, readBaselineRest);
baseline.close();
await sandbox.close();
const peak = rss.stop();

const report = {
  bench: 'sandbox',
  records: RECORDS,
  runs: RUNS,
  bulkCsv: { recordsPerSecond: Math.round(bulk.rate), baselineRecordsPerSecond: Math.round(bulkBase.rate), ratioToBaseline: +(bulk.rate / bulkBase.rate).toFixed(2), rows: bulk.units, pageSize: PAGE },
  restQuery: { recordsPerSecond: Math.round(rest.rate), baselineRecordsPerSecond: Math.round(restBase.rate), ratioToBaseline: +(rest.rate / restBase.rate).toFixed(2), rows: rest.units, pageSize: 2000 },
  peakRssBytes: peak,
  goal: { bulkCsvRecordsPerSecond: 300_000, met: bulk.rate >= 300_000 },
};
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  process.stdout.write(`bench/sandbox — ${fmt(RECORDS)} Account records, median of ${RUNS} runs\n`);
  process.stdout.write(`  Bulk 2.0 CSV   ${fmt(bulk.rate).padStart(10)} records/s   baseline ${fmt(bulkBase.rate).padStart(10)} records/s   ratio ${report.bulkCsv.ratioToBaseline}   (goal ≥ 300,000: ${report.goal.met ? 'met' : 'NOT met'})\n`);
  process.stdout.write(`  REST query     ${fmt(rest.rate).padStart(10)} records/s   baseline ${fmt(restBase.rate).padStart(10)} records/s   ratio ${report.restQuery.ratioToBaseline}\n`);
  process.stdout.write(`  peak RSS       ${mb(peak)}\n`);
}
