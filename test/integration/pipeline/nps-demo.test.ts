import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'chai';
import type { NpsDefect, NpsResponseRow } from '../../../src/sandbox/demo/nps-responses.ts';
import type { DemoFilesTruth } from '../../../src/sandbox/demo/write-demo-files.ts';
import type { RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { withSandbox } from '../support/sandbox-fixture.ts';
import { root, runCli, syncEnv, tempDb } from '../sync/sync-fixture.ts';

/**
 * `sextant nps` on the demo org's survey export, after `sextant sync` copied its contacts: every
 * valid response is stored and linked to its contact's account, every defect the demo planted
 * is quarantined with the code that names it, and loading the file again changes nothing.
 */
const CODE_OF: Record<NpsDefect, string> = {
  'score-out-of-range': 'NPS_SCORE_INVALID',
  'unknown-email': 'NPS_RESPONDENT_UNKNOWN',
  'future-date': 'NPS_DATE_INVALID',
};

type Summary = {
  read: number; loaded: number; changed: number; duplicates: number; quarantined: number; accounts: number; runId: string;
  quarantinedByCode: Record<string, number>; statuses: Record<string, number>;
};

describe('sextant nps on the demo org', function () {
  this.timeout(180_000);
  let sandbox: RunningSandbox;
  let dir: string;
  let env: Record<string, string>;
  let databaseUrl: string;
  let truth: DemoFilesTruth;
  let rows: NpsResponseRow[];
  let first: Summary;

  const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore(databaseUrl);
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-nps-'));
    sandbox = await withSandbox({ seed: 'demo', accounts: 200, dataDir: path.join(dir, 'demo') });
    truth = JSON.parse(readFileSync(path.join(dir, 'demo', 'truth.json'), 'utf8')) as DemoFilesTruth;
    rows = parse(readFileSync(path.join(dir, 'demo', 'nps', 'responses.csv')), { columns: true }) as NpsResponseRow[];
    // nps.file is relative to sextant.yaml, wherever sextant runs from.
    const config = path.join(dir, 'sextant.yaml');
    writeFileSync(config, `mappingsDir: ${path.join(root, 'mappings')}\nnps:\n  file: demo/nps/responses.csv\n`);
    databaseUrl = tempDb();
    env = syncEnv(sandbox, databaseUrl, config);
    const sync = await runCli(['sync', '--objects', 'users,accounts,contacts', '--json'], env);
    expect(sync.status, sync.stderr).to.equal(0);
    const out = await runCli(['nps', '--json'], env);
    expect(out.status, out.stderr).to.equal(0);
    first = out.json as Summary;
  });
  after(async () => {
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads every row; loads the valid ones and counts them as the truth does', () => {
    const c = truth.nps.counts;
    expect(truth.nps.invalid.length, 'the demo plants defects').to.be.above(0);
    expect(first).to.include({ read: rows.length, loaded: c.promoters + c.passives + c.detractors, changed: c.promoters + c.passives + c.detractors, duplicates: 0, quarantined: c.invalid });
    expect(first.statuses).to.deep.equal({ promoter: c.promoters, passive: c.passives, detractor: c.detractors });
  });

  it('quarantines every planted defect, with the code that names it, and nothing else', async () => {
    const expected = truth.nps.invalid.map((d) => `${d.response_id} ${CODE_OF[d.defect]}`).sort();
    const byCode: Record<string, number> = {};
    for (const d of truth.nps.invalid) byCode[CODE_OF[d.defect]] = (byCode[CODE_OF[d.defect]] ?? 0) + 1;
    expect(first.quarantinedByCode).to.deep.equal(byCode);
    await withStore(async (store) => {
      const kept = await store.listQuarantine({ runId: first.runId, limit: 1_000 });
      expect(kept.map((q) => `${q.sourceId} ${q.code}`).sort()).to.deep.equal(expected);
      for (const q of kept) {
        expect(q.object).to.equal('nps_responses');
        expect(q.path).to.equal({ NPS_SCORE_INVALID: 'score', NPS_RESPONDENT_UNKNOWN: 'email', NPS_DATE_INVALID: 'responded_at' }[q.code]);
        // The raw row is kept, so a data owner can fix it at the source.
        expect(q.raw.response_id).to.equal(q.sourceId);
      }
    });
  });

  it('links each response to its contact and the contact\'s account, as the org has them', async () => {
    const contacts = new Map(sandbox.org.store.records('Contact').map((c) => [String(c.Id), c]));
    const invalid = new Set(truth.nps.invalid.map((d) => d.response_id));
    await withStore(async (store) => {
      const stored = new Map((await store.npsResponses()).map((r) => [r.sourceId, r]));
      expect(stored.size).to.equal(rows.length - invalid.size);
      const byEmail = new Map([...contacts.values()].map((c) => [String(c.Email).toLowerCase(), c]));
      for (const row of rows) {
        if (invalid.has(row.response_id)) {
          expect(stored.has(row.response_id), row.response_id).to.equal(false);
          continue;
        }
        // The file names some respondents by 18-char id, some by 15-char id, some by email only.
        const contact = byEmail.get(row.email.toLowerCase())!;
        expect(stored.get(row.response_id), row.response_id).to.deep.include({
          contactId: contact.Id, accountId: contact.AccountId, score: Number(row.score), comment: row.comment === '' ? null : row.comment,
          respondedAt: new Date(row.responded_at).toISOString(),
        });
      }
    });
  });

  it('gives the health score each account\'s latest response, as the truth has it', async () => {
    await withStore(async (store) => {
      const latest = await store.latestNpsByAccount(new Date().toISOString());
      const statusOf = (score: number): string => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
      const got: Record<string, string[]> = { promoter: [], passive: [], detractor: [] };
      for (const [accountId, { score }] of latest) got[statusOf(score)]!.push(accountId);
      for (const status of ['promoter', 'passive', 'detractor'] as const) {
        expect(got[status]!.sort(), status).to.deep.equal([...truth.nps.latestByAccount[status]].sort());
      }
      expect(first.accounts).to.equal(latest.size);
    });
  });

  it('loading the same file again (by --file) changes nothing, and says so', async () => {
    const again = await runCli(['nps', '--file', path.join(dir, 'demo', 'nps', 'responses.csv'), '--json'], env);
    expect(again.status, again.stderr).to.equal(0);
    const second = again.json as Summary;
    expect(second).to.include({ read: first.read, loaded: first.loaded, changed: 0, quarantined: first.quarantined });
    await withStore(async (store) => {
      expect(await store.npsResponses()).to.have.length(first.loaded);
      const run = await store.getRun(second.runId);
      expect(run).to.include({ command: 'nps', outcome: 'succeeded' });
      expect(run!.steps[0]).to.include({ read: first.read, upserted: 0, quarantined: first.quarantined });
    });
  });

  it('prints a summary without --json, and fails with NPS_FILE_MISSING when no file is configured', async () => {
    const text = await runCli(['nps'], env);
    expect(text.status, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/^nps succeeded: run \S+, \d+ of \d+ rows loaded, 0 new or changed/);
    expect(text.stdout).to.match(/quarantined: .*NPS_SCORE_INVALID \d+/);
    const { SEXTANT_CONFIG: _config, ...withoutConfig } = env;
    const missing = await runCli(['nps', '--json'], withoutConfig);
    expect(missing.status).to.equal(2);
    expect(missing.json).to.have.nested.property('error.code', 'NPS_FILE_MISSING');
  });
});
