import type { SalesforceClient } from '../salesforce-client.ts';
import { buildExtractSoql, selectList } from './soql-window.ts';
import { flattenRestRecord } from './flatten-record.ts';
import type { ExtractPage, ExtractRequest, ExtractSettings, ExtractWindow } from './extract-types.ts';

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
  const paths = selectList(request.fields);
  const soql = buildExtractSoql(request.sobject, request.fields, window, request.where, true);
  let page = await client.queryFirst<Record<string, unknown>>(soql, { includeDeleted: true, batchSize: settings.restBatchSize });
  let rowsDone = rowsBefore;
  for (;;) {
    const rows = page.records.map((r) => flattenRestRecord(r, paths));
    rowsDone += rows.length;
    const last = rows.at(-1);
    const done = page.done || !page.nextRecordsUrl;
    const position: ExtractWindow = last
      ? { ...window, after: { systemModstamp: String(last.SystemModstamp), id: String(last.Id) } }
      : window;
    yield { rows, source: 'rest', checkpoint: { windows: done ? pendingWindows : [position, ...pendingWindows], rowsDone, bulk: null } };
    if (done) return;
    page = await client.queryMore<Record<string, unknown>>(page.nextRecordsUrl!);
  }
}
