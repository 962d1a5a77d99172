import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeDemoFiles } from '../../../../src/sandbox/demo/write-demo-files.ts';
import type { DemoFilesTruth } from '../../../../src/sandbox/demo/write-demo-files.ts';
import { NPS_COLUMNS } from '../../../../src/sandbox/demo/nps-responses.ts';
import { LICENSE_COLUMNS, USAGE_EVENT_COLUMNS } from '../../../../src/sandbox/demo/usage-events.ts';
import { AS_OF, demoOrg, SEED } from './demo-fixtures.ts';

describe('writeDemoFiles', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const freshDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sextant-demo-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes the usage, license and NPS files and the truth, with their row counts', async () => {
    const dir = await freshDir();
    const org = demoOrg(200);
    const result = await writeDemoFiles(dir, org, { seed: SEED, asOf: AS_OF });
    expect(result.paths).to.deep.equal({
      events: path.join(dir, 'usage', 'events.csv'),
      licenses: path.join(dir, 'usage', 'licenses.csv'),
      nps: path.join(dir, 'nps', 'responses.csv'),
      truth: path.join(dir, 'truth.json'),
    });
    const csv = async (file: string): Promise<Record<string, string>[]> => parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const events = await csv(result.paths.events);
    const licenses = await csv(result.paths.licenses);
    const nps = await csv(result.paths.nps);
    expect(events).to.have.length(result.rows.events);
    expect(licenses).to.have.length(result.rows.licenses).and.have.length(org.warehouse.length);
    expect(nps).to.have.length(result.rows.nps);
    expect(Object.keys(events[0] ?? {})).to.deep.equal([...USAGE_EVENT_COLUMNS]);
    expect(Object.keys(licenses[0] ?? {})).to.deep.equal([...LICENSE_COLUMNS]);
    expect(Object.keys(nps[0] ?? {})).to.deep.equal([...NPS_COLUMNS]);
    expect(result.rows.events / 200).to.be.within(70, 150);
    // Keys with surrounding spaces survive the round trip: they are the data under test.
    const spaced = org.truth.keys.caseOrSpaceVariants.find((c) => c.usageKey !== c.usageKey.trim());
    if (spaced) expect(events.some((e) => e.account_key === spaced.usageKey)).to.equal(true);

    const truth = JSON.parse(await readFile(result.paths.truth, 'utf8')) as DemoFilesTruth;
    expect(truth.accounts).to.equal(200);
    expect(truth.usageFiles.events).to.equal(result.rows.events);
    expect(truth.nps.invalid.length).to.be.at.least(3);
    for (const orphan of truth.keys.orphans) {
      const expected = events.filter((e) => e.account_key === orphan.usageKey).length;
      expect(truth.usageFiles.eventsByKey[orphan.usageKey]).to.equal(expected).and.be.above(0);
    }
  });

  it('writes byte-identical files for the same inputs', async () => {
    const org = demoOrg(40);
    const [a, b] = [await freshDir(), await freshDir()];
    const ra = await writeDemoFiles(a, org, { seed: 3, asOf: AS_OF, days: 30 });
    const rb = await writeDemoFiles(b, org, { seed: 3, asOf: AS_OF, days: 30 });
    for (const key of ['events', 'licenses', 'nps', 'truth'] as const) {
      expect(await readFile(ra.paths[key], 'utf8'), key).to.equal(await readFile(rb.paths[key], 'utf8'));
    }
    expect(ra.rows).to.deep.equal(rb.rows);
  });
});
