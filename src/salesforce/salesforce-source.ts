import type { CallMeter, CrmSource, ExtractPage, ExtractRequest, ExtractSettings, RawRow } from '../pipeline/crm-source.port.ts';
import { flattenRestRecord } from '../config/mappings/rest-row.ts';
import type { SalesforceClient } from './salesforce-client.ts';
import { extractObject } from './extract/extract-object.ts';
import { waitForBulkJob } from './extract/bulk-extract.ts';
import { buildCountSoql, buildExtractSoql } from './extract/soql-window.ts';

/** The Salesforce adapter behind the pipeline's CrmSource port. */
export class SalesforceSource implements CrmSource {
  readonly #client: SalesforceClient;
  readonly #settings: ExtractSettings;

  constructor(client: SalesforceClient, settings: ExtractSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  apiCallsUsed(): number {
    return this.#client.budget.callsUsed;
  }

  preflightCounts(requests: readonly ExtractRequest[]): Promise<number[]> {
    return this.#client.countMany(requests.map((r) => buildCountSoql(r.sobject, r.resume?.windows[0] ?? r.window, r.where)));
  }

  /**
   * Starts the Bulk export of every object that will need one, all at once: the org builds their
   * results in parallel while earlier objects are still being read, instead of each object
   * waiting for its own job in turn. Each such request then resumes its started job.
   */
  async prepare(requests: readonly ExtractRequest[]): Promise<ExtractRequest[]> {
    const out: ExtractRequest[] = [];
    for (const request of requests) {
      const bulk = request.mode === 'bulk' || (request.mode === 'auto' && !request.resume && (request.expectedRows ?? 0) > this.#settings.bulkThreshold);
      if (!bulk || request.resume) {
        out.push(request);
        continue;
      }
      const soql = buildExtractSoql(request.sobject, request.fields, request.window, request.where, false);
      const job = await this.#client.createBulkQuery(soql, true);
      out.push({ ...request, resume: { windows: [request.window], rowsDone: 0, bulk: { jobId: job.id, locator: null } } });
    }
    return out;
  }

  extract(request: ExtractRequest, meter?: CallMeter): AsyncIterable<ExtractPage> {
    return extractObject(this.#clientFor(meter), request, this.#settings);
  }

  #clientFor(meter: CallMeter | undefined): SalesforceClient {
    return meter === undefined ? this.#client : this.#client.metered(meter);
  }

  /**
   * Live ids for a hard-delete sweep: `query` (not queryAll) so soft-deleted rows are absent too.
   * Bulk above the threshold: an Id-only export of a million rows is a handful of calls.
   */
  async *liveIds(sobject: string, where: string | undefined, expectedRows: number | undefined, meter?: CallMeter): AsyncIterable<string[]> {
    const client = this.#clientFor(meter);
    const soql = `SELECT Id FROM ${sobject}${where ? ` WHERE ${where}` : ''}`;
    const count = expectedRows ?? (await client.count(`SELECT COUNT() FROM ${sobject} WHERE IsDeleted = false${where ? ` AND (${where})` : ''}`));
    if (count > this.#settings.bulkThreshold) {
      const job = await client.createBulkQuery(soql, false);
      await waitForBulkJob(client, job.id, this.#settings);
      let locator: string | null = null;
      do {
        const page = await client.bulkPage(job.id, locator, this.#settings.bulkPageSize);
        const idColumn = page.columns.findIndex((c) => c.toLowerCase() === 'id');
        yield page.rows.map((r) => r[idColumn] ?? '');
        locator = page.nextLocator;
      } while (locator !== null);
      return;
    }
    let page = await client.queryFirst<{ Id: string }>(soql, { includeDeleted: false, batchSize: this.#settings.restBatchSize });
    for (;;) {
      yield page.records.map((r) => r.Id);
      if (page.done || !page.nextRecordsUrl) return;
      page = await client.queryMore<{ Id: string }>(page.nextRecordsUrl);
    }
  }

  async readByIds(sobject: string, fields: readonly string[], ids: readonly string[]): Promise<RawRow[]> {
    const select = [...new Set(['Id', 'IsDeleted', 'SystemModstamp', ...fields])].join(', ');
    const out: RawRow[] = [];
    // 200 ids keep the GET URL far below Salesforce's 16,384-character limit.
    for (let i = 0; i < ids.length; i += 200) {
      const list = ids.slice(i, i + 200).filter((id) => /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)).map((id) => `'${id}'`).join(', ');
      if (list === '') continue;
      let page = await this.#client.queryFirst<Record<string, unknown>>(`SELECT ${select} FROM ${sobject} WHERE Id IN (${list})`, { includeDeleted: true, batchSize: 2000 });
      for (;;) {
        out.push(...page.records.map((r) => flattenRestRecord(r) as RawRow));
        if (page.done || !page.nextRecordsUrl) break;
        page = await this.#client.queryMore<Record<string, unknown>>(page.nextRecordsUrl);
      }
    }
    return out;
  }
}
