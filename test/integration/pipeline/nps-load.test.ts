import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { to15 } from '../../../src/domain/salesforce-id.ts';
import { runNpsLoad } from '../../../src/pipeline/nps/load-nps.ts';
import { account, contact } from '../store/crm-record-fixtures.ts';
import { describeOnEachDialect, rejectionOf } from '../store/store-targets.ts';

/**
 * The load step's own rules on both store dialects, with files written to show them: repeats in
 * a file, conflicting repeats, malformed rows, ambiguous emails, pages, corrections and relinks.
 */
const HEADER = 'response_id,contact_id,email,score,comment,responded_at';
const ASOF = new Date('2026-03-02T06:00:00Z');

describeOnEachDialect('nps load', (ctx) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sextant-nps-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (lines: string[]): string => {
    const f = path.join(dir, 'responses.csv');
    writeFileSync(f, `${[HEADER, ...lines].join('\n')}\n`);
    return f;
  };
  const seed = async (): Promise<void> => {
    const store = ctx.store();
    await store.upsertRecords('accounts', [account(1), account(2)]);
    await store.upsertRecords('contacts', [
      contact(1, { accountId: account(1).id, email: 'ann@acme.com' }),
      contact(2, { accountId: account(1).id, email: 'bo@acme.com' }),
      contact(3, { accountId: account(1).id, email: 'pat@consult.io' }),
      contact(4, { accountId: account(2).id, email: 'pat@consult.io' }),
    ]);
  };

  it('refuses to run before contacts are synced, recording the failed run', async () => {
    const store = ctx.store();
    const err = await rejectionOf(() => runNpsLoad({ store, file: file([]), asOf: ASOF }));
    expect(err).to.have.property('code', 'NPS_CONTACTS_MISSING');
    expect((await store.lastRuns(1))[0]).to.deep.include({ command: 'nps', outcome: 'failed', error: { code: 'NPS_CONTACTS_MISSING', message: (err as Error).message } });
  });

  it('loads each response once, quarantines conflicting repeats, malformed rows and ambiguous emails; a reload changes nothing', async () => {
    await seed();
    const store = ctx.store();
    const f = file([
      `N1,${contact(1).id},ann@acme.com,9,Great.,2026-02-01T10:00:00Z`,
      `N2,,bo@acme.com,3,Slow.,2026-02-02T10:00:00Z`,
      // The same response exported twice (on another page: pages are two rows here).
      `N1,${to15(contact(1).id)},,9,Great.,2026-02-01T10:00:00Z`,
      // Bo again at the same instant with another score: which one is true is the data owner's call.
      `N2b,,BO@acme.com,8,,2026-02-02T10:00:00Z`,
      `N3,,pat@consult.io,7,,2026-02-03T10:00:00Z`,
      `N4,,ann@acme.com,10`,
      `N5,,ann@acme.com,6,Worse.,2026-02-05T10:00:00Z`,
    ]);
    const first = await runNpsLoad({ store, file: f, asOf: ASOF, pageSize: 2 });
    expect(first).to.deep.include({
      read: 7, loaded: 3, changed: 3, duplicates: 1, quarantined: 3, accounts: 1,
      quarantinedByCode: { NPS_RESPONSE_DUPLICATE: 1, NPS_RESPONDENT_AMBIGUOUS: 1, NPS_ROW_INVALID: 1 },
      statuses: { promoter: 1, passive: 0, detractor: 2 },
    });
    const kept = await store.listQuarantine({ runId: first.runId, limit: 10 });
    expect(kept.map((q) => `${q.sourceId} ${q.code} ${q.path}`).sort()).to.deep.equal([
      'N2b NPS_RESPONSE_DUPLICATE responded_at', 'N3 NPS_RESPONDENT_AMBIGUOUS email', 'N4 NPS_ROW_INVALID (row)',
    ]);
    expect(kept.find((q) => q.sourceId === 'N4')?.reason).to.match(/^line 7: 4 fields where the header has 6/);
    expect((await store.npsResponses()).map((r) => `${r.sourceId} ${r.score} ${r.accountId}`)).to.deep.equal([
      `N1 9 ${account(1).id}`, `N2 3 ${account(1).id}`, `N5 6 ${account(1).id}`,
    ]);
    expect(Object.fromEntries(await store.latestNpsByAccount(ASOF.toISOString()))).to.deep.equal({ [account(1).id]: { score: 6, respondedAt: '2026-02-05T10:00:00.000Z' } });

    const again = await runNpsLoad({ store, file: f, asOf: ASOF, pageSize: 2 });
    expect(again).to.deep.include({ read: 7, loaded: 3, changed: 0, duplicates: 1, quarantined: 3 });
  });

  it('rewrites a corrected response and relinks one whose contact moved account, in place', async () => {
    await seed();
    const store = ctx.store();
    const lines = [`N1,${contact(1).id},ann@acme.com,9,,2026-02-01T10:00:00Z`, `N2,,bo@acme.com,3,,2026-02-02T10:00:00Z`];
    expect(await runNpsLoad({ store, file: file(lines), asOf: ASOF })).to.include({ changed: 2 });
    await store.upsertRecords('contacts', [contact(2, { accountId: account(2).id, email: 'bo@acme.com', systemModstamp: '2026-11-26T00:00:00.000Z' })]);
    const corrected = [`N1,${contact(1).id},ann@acme.com,10,Even better.,2026-02-01T10:00:00Z`, lines[1]!];
    expect(await runNpsLoad({ store, file: file(corrected), asOf: ASOF })).to.include({ changed: 2, loaded: 2 });
    expect((await store.npsResponses()).map((r) => `${r.sourceId} ${r.score} ${r.comment} ${r.accountId}`)).to.deep.equal([
      `N1 10 Even better. ${account(1).id}`, `N2 3 null ${account(2).id}`,
    ]);
  });

  it('fails a file CSV cannot read before writing anything from it', async () => {
    await seed();
    const store = ctx.store();
    const f = file([`N1,,ann@acme.com,9,,2026-02-01T10:00:00Z`, `N2,,bo@acme.com,3,"Slow.,2026-02-02T10:00:00Z`]);
    expect(await rejectionOf(() => runNpsLoad({ store, file: f, asOf: ASOF }))).to.have.property('code', 'NPS_FILE_INVALID');
    expect(await store.npsResponses()).to.deep.equal([]);
    expect(await store.quarantineCount({ object: 'nps_responses' })).to.equal(0);
  });
});
