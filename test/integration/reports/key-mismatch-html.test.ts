import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DEFAULT_RECONCILE_RULES } from '../../../src/config/rules/reconcile-rules.schema.ts';
import { reconcileKeys } from '../../../src/reconcile/reconcile-keys.ts';
import { generateDemoOrg } from '../../../src/sandbox/demo/generate-demo-org.ts';
import { writeKeyMismatchReport } from '../../../src/reports/key-mismatch/write-key-mismatch-report.ts';
import { demoAccounts, toUsageAccounts } from '../../unit/reconcile/support/demo-identities.ts';

const CHROMIUM = '/usr/bin/chromium';
const WIDTH = 1280;
const HEIGHT = 2000;

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
const pngSize = (png: Buffer): { width: number; height: number } => {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').to.equal(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('key-mismatch HTML in a browser', function () {
  this.timeout(120_000);
  let dir: string;

  before(async function () {
    // Debian: apt-get install -y chromium. CI installs it and sets SEXTANT_REQUIRE_BROWSER, so
    // there a missing browser fails the run instead of skipping the only look at the page.
    if (!existsSync(CHROMIUM)) {
      if (process.env.SEXTANT_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
      this.skip();
    }
    dir = await mkdtemp(path.join(tmpdir(), 'sextant-km-html-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the demo report to a screenshot of sane size', async () => {
    const org = generateDemoOrg({ accounts: 600, seed: 42, asOf: new Date('2026-05-01T08:00:00.000Z') });
    const { report } = reconcileKeys({
      accounts: demoAccounts(org), usageAccounts: toUsageAccounts(org), overrides: [], rules: DEFAULT_RECONCILE_RULES, asOf: '2026-05-01',
    });
    const files = await writeKeyMismatchReport(path.join(dir, 'report'), report);
    const screenshot = path.join(dir, 'key-mismatch.png');
    await promisify(execFile)(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`,
      `--screenshot=${screenshot}`, `--window-size=${WIDTH},${HEIGHT}`, pathToFileURL(files.html).href,
    ], { timeout: 90_000 });

    const png = await readFile(screenshot);
    expect(pngSize(png)).to.deep.equal({ width: WIDTH, height: HEIGHT });
    // A blank page of this size compresses to ~10 KB; the report's text and charts are far more.
    expect((await stat(screenshot)).size).to.be.above(60_000);
  });
});
