import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { root, runCli, syncEnv, tempDb } from './sync-fixture.ts';

describe('sextant doctor', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
  });
  after(() => sandbox.close());

  it('passes with the shipped mappings against an org with the sfdx-project fields', async () => {
    const r = await runCli(['doctor', '--json'], syncEnv(sandbox, tempDb()));
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    const checks = (r.json as { checks: Array<{ check: string; ok: boolean }> }).checks;
    expect(checks.filter((c) => c.check.startsWith('mapping '))).to.have.length(5);
    expect(checks.every((c) => c.ok)).to.equal(true);
  });

  it('reports every mapping problem at once with its file:line, and exits 2', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sextant-maps-')), 'mappings');
    cpSync(path.join(root, 'mappings'), dir, { recursive: true });
    const file = path.join(dir, 'accounts.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('renewalDate: Renewal_Date__c', 'renewalDate: Renewal_Dat__c').replace('arr: ARR__c', 'arr: Name'));
    const config = path.join(path.dirname(dir), 'sextant.yaml');
    writeFileSync(config, `mappingsDir: ${dir}\n`);
    const r = await runCli(['doctor', '--json'], syncEnv(sandbox, tempDb(), config));
    expect(r.status).to.equal(2);
    const failed = (r.json as { checks: Array<{ ok: boolean; code?: string; path?: string; message: string }> }).checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.code).sort()).to.deep.equal(['MAPPING_FIELD_MISSING', 'MAPPING_TYPE_MISMATCH']);
    const missing = failed.find((c) => c.code === 'MAPPING_FIELD_MISSING')!;
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('Renewal_Dat__c')) + 1;
    expect(missing.path).to.match(new RegExp(`accounts\\.yaml:${line}:\\d+$`));
    expect(missing.message).to.contain('Renewal_Date__c'); // the did-you-mean
  });

  it('reports a bad login as SF_AUTH_FAILED', async () => {
    const env = { ...syncEnv(sandbox, tempDb()), SF_PASSWORD: 'wrong' };
    const r = await runCli(['doctor', '--json'], env);
    expect(r.status).to.equal(2);
    const failed = (r.json as { checks: Array<{ ok: boolean; code?: string }> }).checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.code)).to.include('SF_AUTH_FAILED');
  });
});
