// Child process for the bulk test: reads a multi-page Bulk 2.0 query with jsforce's own reader in
// the event style of jsforce issue #1546 (`on('record')`), whose multi-page handling writes to an
// ended stream (ERR_STREAM_WRITE_AFTER_END, also #1693). Prints the row count if it survives.
import { Connection } from '@jsforce/jsforce-node';

const conn = new Connection({ instanceUrl: process.env.SANDBOX_URL, accessToken: process.env.SANDBOX_TOKEN, version: '62.0' });
const stream = await conn.bulk2.query('SELECT Id, Name FROM Account', { maxRecords: 1000, pollInterval: 50, pollTimeout: 20_000 } as never);
let n = 0;
stream
  .on('record', () => { n++; })
  .on('end', () => process.stdout.write(`read ${n} rows\n`));
