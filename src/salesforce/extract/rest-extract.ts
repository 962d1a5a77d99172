import type { SalesforceClient } from '../salesforce-client.ts';
import { buildExtractSoql } from './soql-window.ts';
import { flattenRestRecord } from '../../config/mappings/index.ts';
import type { ExtractPage, ExtractRequest, ExtractSettings, ExtractWindow } from '../../pipeline/crm-source.port.ts';

/**
 * REST extract of one window, ordered by (SystemModstamp, Id), `restBatchSize` rows a page. The
 * checkpoint after each page is the last row's (SystemModstamp, Id): a resumed run re-queries
 * strictly after it, so no row is lost and none is read twice — even when thousands share one
 * SystemModstamp. queryAll, so soft-deleted rows arrive with IsDeleted = true.
 */
export async function* extractWindowRest(
  client: SalesforceClient,
  request: ExtractRequest,
  window: ExtractWindow,
  pendingWindows: ExtractWindow[],
  settings: ExtractSettings,
  rowsBefore: number,
): AsyncGenerator<ExtractPage> {
  const soql = buildExtractSoql(request.sobject, request.fields, window, request.where, true);
  let page = await client.queryFirst<Record<string, unknown>>(soql, { includeDeleted: true, batchSize: settings.restBatchSize });
  let rowsDone = rowsBefore;
  for (;;) {
    const done = page.done || !page.nextRecordsUrl;
    // Fetch the next page while the caller stores this one.
    const next = done ? null : client.queryMore<Record<string, unknown>>(page.nextRecordsUrl!);
    next?.catch(() => undefined); // awaited below; a failure surfaces there, not as an unhandled rejection
    const rows = page.records.map((r) => flattenRestRecord(r));
    rowsDone += rows.length;
    const last = rows.at(-1);
    const position: ExtractWindow = last
      ? { ...window, after: { systemModstamp: String(last.SystemModstamp), id: String(last.Id) } }
      : window;
    yield { rows, table: null, source: 'rest', window, checkpoint: { windows: done ? pendingWindows : [position, ...pendingWindows], rowsDone, bulk: null } };
    if (!next) return;
    page = await next;
  }
}
