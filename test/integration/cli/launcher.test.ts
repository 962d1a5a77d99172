import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { heapFlags } from '../../../bin/node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin/sextant.js');

describe('CLI launcher (bin/sextant.js)', function () {
  this.timeout(60_000);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SF_') && !k.startsWith('SEXTANT_')));

  it('bounds the heap of pipeline commands, and SEXTANT_MAX_OLD_SPACE_MB overrides it', () => {
    expect(heapFlags({})).to.deep.equal(['--max-semi-space-size=32', '--max-old-space-size=256']);
    expect(heapFlags({ SEXTANT_MAX_OLD_SPACE_MB: '1024' })).to.include('--max-old-space-size=1024');
    // Steps that hold every account at once get more room; the variable still wins.
    expect(heapFlags({}, 'reconcile')).to.include('--max-old-space-size=768');
    expect(heapFlags({}, 'sync')).to.include('--max-old-space-size=256');
    expect(heapFlags({ SEXTANT_MAX_OLD_SPACE_MB: '300' }, 'score')).to.include('--max-old-space-size=300');
  });

  it('runs a pipeline command in a bounded child and passes its exit code and JSON through', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'sextant-home-'));
    const r = spawnSync(process.execPath, [bin, 'sync', '--json'], { encoding: 'utf8', cwd: root, env: { ...clean, HOME: home, SEXTANT_DATABASE_URL: `sqlite:${path.join(home, 'db.sqlite')}` } });
    expect(r.status, r.stderr).to.equal(2);
    expect(JSON.parse(r.stdout).error.code).to.equal('SF_CONNECTION_UNCONFIGURED');
  });

  it('--version works through the launcher', () => {
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', cwd: root });
    expect(r.status).to.equal(0);
    expect(r.stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
  });
});
