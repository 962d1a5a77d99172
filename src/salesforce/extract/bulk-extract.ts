import { SextantError } from '../../domain/sextant-error.ts';
import type { SalesforceClient } from '../salesforce-client.ts';
import { buildExtractSoql } from './soql-window.ts';
import { bulkRowsToRaw } from './flatten-record.ts';
import type { ExtractPage, ExtractRequest, ExtractSettings, ExtractWindow } from './extract-types.ts';

/**
 * Bulk API 2.0 extract of one window (queryAll, so soft deletes come too). Results are unordered,
 * so the checkpoint is the job id and the next page's locator: a resumed run continues the same
 * job (results stay available for days), or starts the window again if the job is gone.
 * Polling backs off to 10 s so a long job does not spend the API budget on status checks.
 */
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const waitForJob = async (client: SalesforceClient, jobId: string, settings: ExtractSettings): Promise<void> => {
  const deadline = Date.now() + settings.bulkPollTimeoutMs;
  let interval = settings.bulkPollIntervalMs;
  for (;;) {
    const job = await client.bulkJobState(jobId);
    if (job.state === 'JobComplete') return;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new SextantError('SF_BULK_JOB_FAILED', `Bulk query job ${jobId} ${job.state}: ${job.errorMessage ?? 'no reason given'}`, { kind: 'transient', data: { jobId } });
    }
    if (Date.now() > deadline) throw new SextantError('SF_BULK_POLL_TIMEOUT', `Bulk query job ${jobId} still ${job.state} at the polling deadline`, { kind: 'transient', data: { jobId } });
    await sleep(interval);
    interval = Math.min(interval * 2, 10_000);
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
      await waitForJob(client, jobId, settings);
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
    await waitForJob(client, jobId, settings);
  }
  for (;;) {
    const page = await client.bulkPage(jobId, locator, settings.bulkPageSize);
    const rows = bulkRowsToRaw(page.columns, page.rows);
    rowsDone += rows.length;
    locator = page.nextLocator;
    if (locator === null) {
      yield { rows, source: 'bulk', checkpoint: { windows: pendingWindows, rowsDone, bulk: null } };
      return;
    }
    yield { rows, source: 'bulk', checkpoint: { windows: [window, ...pendingWindows], rowsDone, bulk: { jobId, locator } } };
  }
}
