import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MISMATCH_CLASSES } from '../../../../src/reconcile/key-mismatch-report.ts';
import { escapeHtml } from '../../../../src/reports/key-mismatch/html-escape.ts';
import { renderKeyMismatchHtml } from '../../../../src/reports/key-mismatch/key-mismatch-html.ts';
import { writeKeyMismatchReport } from '../../../../src/reports/key-mismatch/write-key-mismatch-report.ts';
import { account, reconcile, usage } from '../../reconcile/support/reconcile-fixtures.ts';
import { HOSTILE, sampleReport } from './report-fixture.ts';

describe('key-mismatch HTML', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes every value from outside: names, keys and override notes', () => {
    const html = renderKeyMismatchHtml(sampleReport());
    expect(html).to.not.contain('<script>');
    expect(html).to.not.contain('<b>bold</b>');
    expect(html).to.contain(escapeHtml(HOSTILE.scriptName));
    expect(html).to.contain(escapeHtml(HOSTILE.formulaName));
    expect(html).to.contain(escapeHtml(HOSTILE.quoteName));
    expect(html).to.contain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('is self-contained: no script, no external stylesheet, image, font or link', () => {
    const html = renderKeyMismatchHtml(sampleReport());
    expect(html).to.not.match(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).to.not.match(/(?:src|href)="(?!#)/i);
    expect(html).to.match(/^<!doctype html>/);
    expect(html).to.contain('@media print');
  });

  it('has the headline, a chart of ARR per class, and a section per class', () => {
    const report = sampleReport();
    const html = renderKeyMismatchHtml(report);
    expect(html).to.contain(`${(report.summary.matchRate * 100).toFixed(1)}%`);
    expect(html).to.match(/<svg class="chart"[^>]*>/);
    for (const c of MISMATCH_CLASSES) {
      expect(html).to.contain(`<section class="card cls" id="${c}">`);
      expect(html).to.contain(`href="#${c}"`);
    }
  });

  it('shows the worst rows first and says how many more are in the CSV', () => {
    const accounts = Array.from({ length: 30 }, (_, i) => account(i + 1, { status: 'Active' }));
    const report = reconcile(accounts, [usage('ORPHAN')]).report;
    const html = renderKeyMismatchHtml(report, { topRows: 10, csvFileName: 'km.csv' });
    const section = html.slice(html.indexOf('id="customer-without-usage"'), html.indexOf('id="unmatched-usage-key"'));
    expect(section.match(/<tr>/g)).to.have.length(1 + 10);
    expect(section).to.contain('Showing the 10 worst of 30; the other 20 are in km.csv.');
    // ARR desc: account 30 (30,000) first.
    expect(section.indexOf('Firm30')).to.be.below(section.indexOf('Firm29'));
  });

  it('writes the three files', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'sextant-km-')), 'out');
    const files = await writeKeyMismatchReport(dir, sampleReport());
    expect(path.basename(files.csv)).to.equal('key-mismatch.csv');
    expect((await readFile(files.csv, 'utf8')).charCodeAt(0)).to.equal(0xfeff);
    expect(JSON.parse(await readFile(files.json, 'utf8')).summary.usageKeys).to.equal(10);
    expect(await readFile(files.html, 'utf8')).to.contain('key-mismatch.csv');
  });
});
