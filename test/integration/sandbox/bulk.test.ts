import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { makeRecordId } from '../../../src/domain/salesforce-id.ts';
import { readBulkQuery } from '../../../src/salesforce/bulk-query-reader.ts';
import { passwordConnection, rejectionOf, withSandbox } from '../support/sandbox-fixture.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const runChild = (file: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });

describe('sandbox: Bulk API 2.0', () => {
  let sandbox: RunningSandbox;
  let conn: Connection;

  before(async () => {
    sandbox = await withSandbox();
    sandbox.org.bulk.processingMs = 50;
    sandbox.org.store.load('Account', Array.from({ length: 2500 }, (_, i) => ({
      Id: makeRecordId('001', 10 + i), Name: i === 3 ? 'Comma, "Quoted"\nNewline Inc' : `Bulk ${i}`, ARR__c: i, BillingCity: 'Lyon',
      IsDeleted: i % 500 === 499,
    })));
    conn = await passwordConnection(sandbox);
  });
  after(() => sandbox.close());

  it('pages query results by locator/maxRecords (3+ pages) with Sforce-Locator "null" on the last, read by Sextant\'s pager', async () => {
    const pages = [];
    for await (const page of readBulkQuery(conn, 'SELECT Id, Name, ARR__c, Owner.Name FROM Account', { maxRecords: 1000, pollIntervalMs: 20 })) pages.push(page);
    expect(pages.map((p) => p.rows.length)).to.deep.equal([1000, 1000, 495]);
    expect(pages[0]?.columns).to.deep.equal(['Id', 'Name', 'ARR__c', 'Owner.Name']);
    expect(pages.map((p) => p.locator)).to.deep.equal([null, 'MTAwMA==', 'MjAwMA==']);
    expect(pages.at(-1)?.nextLocator).to.equal(null);
    const quoted = pages[0]?.rows.find((r) => r[0] === makeRecordId('001', 13));
    expect(quoted?.[1]).to.equal('Comma, "Quoted"\nNewline Inc');
    expect(pages[0]?.rows[0]?.[3]).to.equal('Sandbox Admin');
  });

  it('queryAll includes soft-deleted rows', async () => {
    let n = 0;
    for await (const page of readBulkQuery(conn, 'SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true', { operation: 'queryAll', pollIntervalMs: 20 })) n += page.rows.length;
    expect(n).to.equal(5);
  });

  it('refuses what Bulk cannot do: compound fields, subqueries, aggregates', async () => {
    for (const soql of ['SELECT BillingAddress FROM Account', 'SELECT Id, (SELECT Id FROM Contacts) FROM Account', 'SELECT COUNT() FROM Account']) {
      const err = await rejectionOf(async () => { for await (const _ of readBulkQuery(conn, soql)) { /* drain */ } });
      expect(err.name, soql).to.equal('API_ERROR');
    }
  });

  it('reports job state while processing, and 409 when results are read with another API version', async () => {
    sandbox.org.bulk.processingMs = 400;
    const job = await conn.request<{ id: string; state: string }>({ method: 'POST', url: '/services/data/v62.0/jobs/query', body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }), headers: { 'Content-Type': 'application/json' } });
    expect(job.state).to.equal('UploadComplete');
    const polled = await conn.request<{ state: string }>(`/services/data/v62.0/jobs/query/${job.id}`);
    expect(polled.state).to.equal('InProgress');
    const early = await rejectionOf(() => conn.request(`/services/data/v62.0/jobs/query/${job.id}/results`));
    expect(early.name).to.equal('INVALIDJOBSTATE');
    await new Promise((r) => setTimeout(r, 450));
    const res = await fetch(`${sandbox.server.url}/services/data/v61.0/jobs/query/${job.id}/results`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(res.status).to.equal(409);
    sandbox.org.bulk.processingMs = 50;
  });

  it('ingest: upsert on an external id with failed rows reported per row', async () => {
    const csv = [
      'Sextant_Key__c,Subject,Status,ActivityDate',
      'ingest-1,Call the champion,Not Started,2026-12-01',
      `ingest-2,${'x'.repeat(300)},Not Started,2026-12-01`,
      'ingest-3,Bad date,Not Started,2026-13-40',
      'ingest-4,"Subject, with comma",Completed,',
    ].join('\n');
    const job = await conn.bulk2.loadAndWaitForResults({ object: 'Task', operation: 'upsert', externalIdFieldName: 'Sextant_Key__c', input: csv, pollInterval: 20, pollTimeout: 10_000 });
    expect(job.successfulResults.map((r) => (r as Record<string, unknown>).Sextant_Key__c as string)).to.deep.equal(['ingest-1', 'ingest-4']);
    expect(job.successfulResults.every((r) => r.sf__Created === 'true')).to.equal(true);
    expect(job.failedResults.map((r) => [(r as Record<string, unknown>).Sextant_Key__c as string, String(r.sf__Error).split(':')[0]])).to.deep.equal([
      ['ingest-2', 'STRING_TOO_LONG'],
      ['ingest-3', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ]);
    const again = await conn.bulk2.loadAndWaitForResults({ object: 'Task', operation: 'upsert', externalIdFieldName: 'Sextant_Key__c', input: 'Sextant_Key__c,Subject\ningest-1,Renamed', pollInterval: 20, pollTimeout: 10_000 });
    expect(again.successfulResults[0]).to.include({ sf__Created: 'false', Sextant_Key__c: 'ingest-1' });
    expect(sandbox.org.store.findByKey('Task', 'Sextant_Key__c', 'ingest-1')[0]?.Subject).to.equal('Renamed');
  });

  it('pins the jsforce bug: bulk2.query() crashes the process on multi-page results (issues #1546, #1693)', async function () {
    this.timeout(60_000);
    // jsforce's bulk2.query() sends no maxRecords, so the org's default page size decides paging.
    sandbox.org.bulk.defaultPageSize = 1000;
    const info = sandbox.connectionInfo();
    // The child must run asynchronously: this process serves the sandbox it talks to.
    const child = await runChild(path.join(here, '../support/jsforce-bulk2-crash.ts'), { SANDBOX_URL: info.instanceUrl, SANDBOX_TOKEN: conn.accessToken ?? '' });
    sandbox.org.bulk.defaultPageSize = 50_000;
    // If jsforce ever fixes this, the child reads every row and exits 0: the test fails, and the
    // note in src/salesforce/bulk-query-reader.ts can be revisited.
    expect(child.status, child.stdout + child.stderr).to.not.equal(0);
    expect(child.stdout + child.stderr).to.contain('ERR_STREAM_WRITE_AFTER_END');
  });
});
