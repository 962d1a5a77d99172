import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Connection } from '@jsforce/jsforce-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = path.join(root, 'src/cli/main.ts');

describe('CLI: sextant sandbox / --help / errors', () => {
  it('`sextant sandbox` prints one JSON line with the contract fields, serves jsforce, and stops on SIGTERM', async function () {
    this.timeout(60_000);
    const child = spawn(process.execPath, [main, 'sandbox', '--seed', 'demo', '--accounts', '20', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code} before ready`)));
    });
    const info = JSON.parse(firstLine) as Record<string, string>;
    expect(info).to.include.keys('instanceUrl', 'loginUrl', 'username', 'password', 'accessToken', 'clientId', 'clientSecret');
    const conn = new Connection({ loginUrl: info.loginUrl, version: '62.0', oauth2: { loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret } });
    await conn.login(info.username!, info.password!);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).to.be.greaterThan(10);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('--version and --help', () => {
    expect(run('--version').stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(run('--version', '--json').stdout)).to.have.property('version');
    const help = run('--help');
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain('sandbox').and.to.contain('demo');
    expect(run('sandbox', '--help').stdout).to.contain('--accounts');
  });

  it('an unknown command exits 2 with CLI_UNKNOWN_COMMAND as JSON', () => {
    const r = run('frobnicate', '--json');
    expect(r.status).to.equal(2);
    expect(JSON.parse(r.stdout)).to.deep.include({ ok: false });
    expect(JSON.parse(r.stdout).error.code).to.equal('CLI_UNKNOWN_COMMAND');
  });

  it('a bad option value exits 2 with CLI_USAGE and the option as path', () => {
    const r = run('sandbox', '--accounts', 'many', '--json');
    expect(r.status).to.equal(2);
    expect(JSON.parse(r.stdout).error).to.include({ code: 'CLI_USAGE', path: '--accounts' });
  });

  it('an invalid environment exits 2 with CONFIG_INVALID naming the variable', () => {
    const r = spawnSync(process.execPath, [main, 'sandbox', '--json'], { encoding: 'utf8', env: { ...process.env, SF_API_VERSION: 'latest' } });
    expect(r.status).to.equal(2);
    expect(JSON.parse(r.stdout).error).to.include({ code: 'CONFIG_INVALID', path: 'SF_API_VERSION' });
  });

  it('`sextant demo --json --exit` checks the demo org over the API, then runs the pipeline on it', function () {
    this.timeout(120_000);
    const r = spawnSync(process.execPath, [main, 'demo', '--json', '--exit', '--accounts', '30', '--data-dir', path.join(root, '.sextant/test-demo')], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    type Pipeline = {
      sync: { outcome: string }; usage: { read: number; quarantined: number }; reconcile: { linkedKeys: number; usageKeys: number };
      report: { html: string; csv: string; json: string }; score: { scored: number; colours: { green: number; yellow: number; red: number; na: number } };
    };
    const summary = JSON.parse(r.stdout) as { ok: boolean; records: Record<string, number>; bulkExport: { rows: number }; files: Record<string, string>; pipeline: Pipeline };
    expect(summary.ok).to.equal(true);
    expect(summary.records.Account).to.be.greaterThan(20);
    expect(summary.bulkExport.rows).to.equal(summary.records.Account);
    expect(summary.files).to.have.keys('events', 'licenses', 'nps', 'truth');
    const p = summary.pipeline;
    expect(p.sync.outcome).to.equal('succeeded');
    expect(p.usage.read).to.be.above(0);
    expect(p.reconcile.linkedKeys).to.be.above(0).and.at.most(p.reconcile.usageKeys);
    for (const file of [p.report.html, p.report.csv, p.report.json]) expect(existsSync(file), file).to.equal(true);
    expect(p.score.scored).to.be.above(10);
    expect(p.score.colours.green + p.score.colours.yellow + p.score.colours.red + p.score.colours.na).to.equal(p.score.scored);
  });
});
