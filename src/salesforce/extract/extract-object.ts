import { SextantError } from '../../domain/sextant-error.ts';
import type { SalesforceClient } from '../salesforce-client.ts';
import { extractWindowBulk } from './bulk-extract.ts';
import { extractWindowRest } from './rest-extract.ts';
import { buildCountSoql, halveWindow } from './soql-window.ts';
import type { ExtractPage, ExtractRequest, ExtractSettings, ExtractWindow } from '../../pipeline/crm-source.port.ts';

/**
 * Extracts one object: REST or Bulk 2.0 per window (chosen by a COUNT() preflight unless the
 * caller already knows the count), resuming from a checkpoint, and halving a window whose query
 * times out or whose Bulk job fails — the failure other connectors report as a 0-row success.
 */
const EARLIEST = '2000-01-01T00:00:00.000Z';

const halvable = (err: unknown): boolean =>
  err instanceof SextantError && (err.code === 'QUERY_TIMEOUT' || err.code === 'SF_BULK_JOB_FAILED');

export async function* extractObject(client: SalesforceClient, request: ExtractRequest, settings: ExtractSettings): AsyncGenerator<ExtractPage> {
  const windows: ExtractWindow[] = request.resume ? [...request.resume.windows] : [request.window];
  let bulkResume = request.resume?.bulk ?? null;
  let rowsDone = request.resume?.rowsDone ?? 0;
  let knownCount = request.resume ? undefined : request.expectedRows;
  while (windows.length > 0) {
    const window = windows.shift()!;
    const pending = [...windows];
    // How far this window has got: a failure mid-window halves only what is left of it.
    let position = window;
    try {
      let useBulk: boolean;
      if (bulkResume) useBulk = true;
      else if (request.mode !== 'auto') useBulk = request.mode === 'bulk';
      else {
        const count = knownCount ?? (await client.count(buildCountSoql(request.sobject, window, request.where)));
        useBulk = count > settings.bulkThreshold;
      }
      knownCount = undefined;
      const pages = useBulk
        ? extractWindowBulk(client, request, window, pending, settings, bulkResume ? { ...bulkResume, rowsDone } : null)
        : extractWindowRest(client, request, window, pending, settings, rowsDone);
      bulkResume = null;
      for await (const page of pages) {
        rowsDone = page.checkpoint.rowsDone;
        if (page.checkpoint.windows.length > pending.length && !page.checkpoint.bulk) position = page.checkpoint.windows[0]!;
        yield page;
      }
    } catch (err) {
      if (!halvable(err)) throw err;
      const halves = halveWindow(position, settings.minSliceMs, EARLIEST);
      if (!halves) {
        throw new SextantError('SF_EXTRACT_SLICE_TOO_SMALL', `${request.sobject}: the query keeps failing even on a ${Math.round(settings.minSliceMs / 1000)} s window`, {
          kind: 'transient', cause: err, hints: ['Add a selective filter (where:) to the mapping, or ask Salesforce for a custom index on SystemModstamp.'],
        });
      }
      windows.unshift(...halves);
    }
  }
}
