import type { Command } from '../command.ts';
import type { DemoPipelineResult } from '../demo-pipeline.ts';
import { wholeNumber as money } from '../option-values.ts';
import { Progress } from '../progress.ts';
import { parseSandboxOptions, sandboxOptions } from './sandbox-options.ts';

/**
 * `sextant demo`: the newcomer's first command. Starts the sandbox org with demo data, writes
 * the matching warehouse usage and NPS files, then proves the org works the way Sextant will use
 * it — an OAuth login, SOQL counts per object and a Bulk 2.0 export read page by page — and
 * prints what it serves. On a terminal it keeps serving until Ctrl-C; elsewhere (CI, scripts) or
 * with --exit it stops.
 */
const OBJECTS = ['User', 'Account', 'Contact', 'Opportunity', 'Subscription__c', 'Contract', 'Task', 'Event', 'Case'];

const printPipeline = (out: NodeJS.WritableStream, p: DemoPipelineResult): void => {
  const synced = p.sync.objects.reduce((n, o) => n + o.upserted, 0);
  out.write(`\nThe pipeline, on the embedded defaults (store: ${p.databaseUrl}):\n`);
  out.write(`  sync        ${synced} records in ${p.sync.apiCalls} API calls (${p.sync.seconds.toFixed(1)}s)\n`);
  out.write(`  usage       ${p.usage.read} daily rollups ${p.usage.range.from} … ${p.usage.range.to} through DuckDB, ${p.usage.quarantined} quarantined\n`);
  if (p.nps !== null) out.write(`  nps         ${p.nps.loaded} survey responses, ${p.nps.quarantined} quarantined\n`);
  out.write(`  reconcile   ${p.reconcile.linkedKeys} of ${p.reconcile.usageKeys} usage keys linked (${(p.reconcile.matchRate * 100).toFixed(1)}%); ARR affected by key problems ${money(p.reconcile.arrAffected)}\n`);
  out.write(`              key-mismatch report: ${p.report.html}\n`);
  const c = p.score.colours;
  out.write(`  score       ${p.score.scored} customers: ${c.green} green, ${c.yellow} yellow, ${c.red} red, ${c.na} without enough data\n`);
  out.write(`  stages      ${Object.entries(p.score.stages).map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
  if (p.atRisk.length > 0) {
    out.write('\nRed accounts to open first (highest ARR):\n');
    for (const a of p.atRisk) out.write(`  ${a.accountName ?? a.accountId} — ${a.score ?? '-'}/100: ${a.drivers}\n`);
    out.write(`\nWhy? SEXTANT_DATABASE_URL=${p.databaseUrl} npm run sextant -- explain "${p.atRisk[0]!.accountName ?? p.atRisk[0]!.accountId}"\n`);
  }
};

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Start the sandbox org with demo data, check it over the API, and show what it serves',
  usage: 'sextant demo [--accounts N] [--port N] [--data-dir DIR] [--exit]',
  options: { ...sandboxOptions, 'data-dir': { type: 'string', default: '.sextant/demo' }, exit: { type: 'boolean', default: false } },
  async run(ctx) {
    const options = await parseSandboxOptions(ctx, 'demo');
    const started = Date.now();
    const [{ Connection }, { startSandbox }, { readBulkQuery }, { runDemoPipeline }] = await Promise.all([
      import('@jsforce/jsforce-node'),
      import('../../sandbox/start-sandbox.ts'),
      import('../../salesforce/bulk-query-reader.ts'),
      import('../demo-pipeline.ts'),
    ]);
    const sandbox = await startSandbox(options);
    const info = sandbox.connectionInfo();
    try {
      const conn = new Connection({ loginUrl: info.loginUrl, version: '62.0', oauth2: { loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret } });
      await conn.login(info.username, info.password);
      const counts: Record<string, number> = {};
      for (const object of OBJECTS) counts[object] = (await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize;
      let bulkRows = 0;
      let bulkPages = 0;
      for await (const page of readBulkQuery(conn, 'SELECT Id, Name, Product_Account_Key__c, ARR__c, Customer_Segment__c, Renewal_Date__c FROM Account', { maxRecords: 100, pollIntervalMs: 100 })) {
        bulkRows += page.rows.length;
        bulkPages += 1;
      }
      const progress = new Progress(process.stderr, !ctx.json);
      const pipeline = await runDemoPipeline(sandbox, String(ctx.values['data-dir']), ctx.logger, progress);
      const summary = {
        ok: true,
        pipeline,
        sandbox: { instanceUrl: info.instanceUrl, loginUrl: info.loginUrl, username: info.username, clientId: info.clientId },
        records: counts,
        bulkExport: { object: 'Account', rows: bulkRows, pages: bulkPages },
        files: sandbox.demo?.files ?? {},
        apiCallsUsed: sandbox.org.usage.used(),
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
      if (ctx.json) return summary;
      const out = ctx.stdout;
      out.write(`Sextant demo org is up at ${info.instanceUrl}\n\n`);
      out.write(`  login URL   ${info.loginUrl}\n  username    ${info.username}\n  password    ${info.password}\n  client id   ${info.clientId}\n\n`);
      out.write('Records (counted with SOQL over the REST API):\n');
      for (const [object, n] of Object.entries(counts)) out.write(`  ${object.padEnd(16)} ${String(n).padStart(7)}\n`);
      out.write(`\nBulk API 2.0 export of Account: ${bulkRows} rows in ${bulkPages} pages (read by Sextant's own pager)\n`);
      if (Object.keys(summary.files).length > 0) {
        out.write('\nWarehouse and survey files for the next steps:\n');
        for (const [name, file] of Object.entries(summary.files)) out.write(`  ${name.padEnd(16)} ${file}\n`);
      }
      printPipeline(out, pipeline);
      out.write(`\nAPI calls used: ${summary.apiCallsUsed}; done in ${summary.seconds}s.\n`);
      if (process.stdout.isTTY && ctx.values.exit !== true) {
        out.write('\nServing until Ctrl-C. Try: curl -H "Authorization: Bearer <token>" ' + `${info.instanceUrl}/services/data/v62.0/limits\n`);
        out.write(`(token: ${info.accessToken})\n`);
        await ctx.stopSignal;
      }
      return undefined;
    } finally {
      await sandbox.close();
    }
  },
};
