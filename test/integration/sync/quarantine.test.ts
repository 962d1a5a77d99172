import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { root, runCli, syncEnv, tempDb } from './sync-fixture.ts';

describe('sync: bad records are quarantined, counted, and never dropped silently', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox({ seed: 'demo', accounts: 80, asOf: new Date('2026-11-20T12:00:00Z') });
  });
  after(() => sandbox.close());

  it('rows failing the mapping go to quarantine with code, path, reason and raw values; the run continues', async () => {
    // A stricter mapping: every account must carry a product key (the demo org has some without).
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sextant-maps-')), 'mappings');
    cpSync(path.join(root, 'mappings'), dir, { recursive: true });
    const file = path.join(dir, 'accounts.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('productKey: { from: Product_Account_Key__c, transform: trim }', 'productKey: { from: Product_Account_Key__c, transform: trim, required: true }'));
    const config = path.join(path.dirname(dir), 'sextant.yaml');
    writeFileSync(config, `mappingsDir: ${dir}\n`);
    const keyless = sandbox.org.store.records('Account').filter((a) => (a.Product_Account_Key__c ?? null) === null);
    expect(keyless.length).to.be.greaterThan(0);

    const db = tempDb();
    const r = await runCli(['sync', '--json'], syncEnv(sandbox, db, config));
    expect(r.status, r.stderr).to.equal(0);
    const accounts = (r.json?.objects as Array<{ object: string; read: number; upserted: number; quarantined: number }>).find((o) => o.object === 'accounts')!;
    expect(accounts.quarantined).to.equal(keyless.length);
    expect(accounts.upserted + accounts.quarantined).to.equal(accounts.read);

    const store = await openStore(db);
    expect(await store.quarantineCount({ runId: String(r.json?.runId), object: 'accounts' })).to.equal(keyless.length);
    const [entry] = await store.listQuarantine({ object: 'accounts', limit: 1 });
    expect(entry).to.include({ code: 'RECORD_REQUIRED_MISSING', sourceId: keyless.find((k) => k.Id === entry?.sourceId)?.Id });
    expect(entry?.path).to.contain('Product_Account_Key__c');
    expect(entry?.raw).to.have.property('Name');
    // The other objects synced normally.
    expect(await store.count('contacts')).to.be.greaterThan(0);
    await store.close();
  });
});
