import { SextantError } from '../../domain/sextant-error.ts';
import type { SalesforceClient } from '../salesforce-client.ts';
import { buildExtractSoql } from './soql-window.ts';
import type { ExtractPage, ExtractRequest, ExtractSettings, ExtractWindow } from '../../pipeline/crm-source.port.ts';

/**
 * Bulk API 2.0 extract of one window (queryAll, so soft deletes come too). Results are unordered,
 * so the checkpoint is the job id and the next page's locator: a resumed run continues the same
 * job (results stay available for days), or starts the window again if the job is gone.
 */
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const waitForBulkJob = async (client: SalesforceClient, jobId: string, settings: Pick<ExtractSettings, 'bulkPollIntervalMs' | 'bulkPollTimeoutMs'>): Promise<void> => {
  const deadline = Date.now() + settings.bulkPollTimeoutMs;
  // Start short (small jobs finish in well under a second) and back off, so a long job does not
  // spend the API budget on status checks.
  let interval = Math.min(200, settings.bulkPollIntervalMs);
  for (;;) {
    const job = await client.bulkJobState(jobId);
    if (job.state === 'JobComplete') return;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new SextantError('SF_BULK_JOB_FAILED', `Bulk query job ${jobId} ${job.state}: ${job.errorMessage ?? 'no reason given'}`, { kind: 'transient', data: { jobId } });
    }
    if (Date.now() > deadline) throw new SextantError('SF_BULK_POLL_TIMEOUT', `Bulk query job ${jobId} still ${job.state} at the polling deadline`, { kind: 'transient', data: { jobId } });
    await sleep(interval);
    interval = Math.min(Math.max(interval * 1.5, 100), 10_000);
  }
};

export async function* extractWindowBulk(
  client: SalesforceClient,
  request: ExtractRequest,
  window: ExtractWindow,
  pendingWindows: ExtractWindow[],
  settings: ExtractSettings,
  resume: { jobId: string; locator: string | null; rowsDone: number } | null,
): AsyncGenerator<ExtractPage> {
  let jobId = resume?.jobId ?? null;
  let locator = resume?.locator ?? null;
  let rowsDone = resume?.rowsDone ?? 0;
  if (jobId) {
    try {
      await waitForBulkJob(client, jobId, settings);
    } catch (err) {
      // The job expired or failed since the checkpoint: read the window again from its start.
      if (!(err instanceof SextantError) || !['NOT_FOUND', 'SF_BULK_JOB_FAILED'].includes(err.code)) throw err;
      jobId = null;
      locator = null;
    }
  }
  if (!jobId) {
    const soql = buildExtractSoql(request.sobject, request.fields, window, request.where, false);
    jobId = (await client.createBulkQuery(soql, true)).id;
    await waitForBulkJob(client, jobId, settings);
  }
  // The next page downloads while the caller stores this one: the org (or sandbox) formats
  // CSV on its side while we parse and write on ours.
  const prefetch = (from: string | null): ReturnType<SalesforceClient['bulkPage']> => {
    const p = client.bulkPage(jobId!, from, settings.bulkPageSize);
    p.catch(() => undefined); // awaited below; if the caller stops first, it must not go unhandled
    return p;
  };
  let pending = prefetch(locator);
  for (;;) {
    const page = await pending;
    locator = page.nextLocator;
    if (locator !== null) pending = prefetch(locator);
    rowsDone += page.rows.length;
    const table = { columns: page.columns, cells: page.rows };
    if (locator === null) {
      yield { rows: [], table, source: 'bulk', window, checkpoint: { windows: pendingWindows, rowsDone, bulk: null } };
      return;
    }
    // Checkpoint at the page just delivered: a resume re-fetches the prefetched one.
    yield { rows: [], table, source: 'bulk', window, checkpoint: { windows: [window, ...pendingWindows], rowsDone, bulk: { jobId, locator } } };
  }
}
