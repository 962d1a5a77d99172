import { MISMATCH_CLASSES, type KeyMismatchReport, type MismatchClass } from '../../reconcile/key-mismatch-report.ts';
import { escapeHtml } from './html-escape.ts';
import { KEY_MISMATCH_CSS } from './key-mismatch-styles.ts';
import { CLASS_COLOURS, renderArrChart, renderLinkBar } from './mismatch-charts.ts';
import { CLASS_LABELS } from './mismatch-class-labels.ts';
import { toProblemLine, type ProblemLine } from './problem-lines.ts';
import { formatCompact, formatPercent, formatWhole } from './report-format.ts';

export type KeyMismatchHtmlOptions = {
  /** Rows shown per class; the CSV has them all. */
  topRows?: number;
  csvFileName?: string;
};

const e = escapeHtml;
/** Keys are shown in code boxes so a leading or trailing space (the problem itself) is visible. */
const keys = (value: string): string => (value === '' ? '' : value.split('; ').map((k) => `<code>${e(k)}</code>`).join(' '));

const accountCell = (line: ProblemLine): string => {
  if (line.accountId === '') return '<span class="id">no account</span>';
  const names = line.accountName.split('; ');
  return line.accountId.split('; ').map((id, i) => `${e(names[i] ?? '')}<span class="id">${e(id)}</span>`).join('');
};

const tableRow = (line: ProblemLine): string => `<tr>
<td>${accountCell(line)}</td><td>${keys(line.accountKey)}</td>
<td class="num">${line.arr > 0 ? e(formatWhole(line.arr)) : '–'}</td><td class="num">${e(formatWhole(line.usageEvents))}</td>
<td class="num">${e(line.lastActiveDay || '–')}</td><td>${e(line.detail)}</td><td>${e(line.suggestedFix)}</td></tr>`;

const section = (report: KeyMismatchReport, c: MismatchClass, topRows: number, csv: string): string => {
  const s = report.classes[c];
  const label = CLASS_LABELS[c];
  const figures = `${formatWhole(s.count)} ${s.count === 1 ? 'row' : 'rows'} · ARR affected ${formatWhole(s.arr)} · ${formatWhole(s.events)} usage events`;
  const head = `<div class="cls-head" style="--c:${CLASS_COLOURS[c]}"><h2>${e(label.title)}</h2><span class="figures">${e(figures)}</span></div>
<p class="meaning">${e(label.meaning)}</p>`;
  if (s.count === 0) return `<section class="card cls" id="${c}">${head}<p class="none">None found.</p></section>`;
  const shown = s.rows.slice(0, topRows).map((r) => tableRow(toProblemLine(r)));
  const more = s.count > topRows ? `<p class="more">Showing the ${topRows} worst of ${formatWhole(s.count)}; the other ${formatWhole(s.count - topRows)} are in ${e(csv)}.</p>` : '';
  return `<section class="card cls" id="${c}">${head}
<table><colgroup><col style="width:17%"><col style="width:13%"><col style="width:8%"><col style="width:7%"><col style="width:9%"><col style="width:24%"><col style="width:22%"></colgroup>
<thead><tr><th>Account</th><th>Usage key</th><th class="num">ARR</th><th class="num">Events</th><th class="num">Last active</th><th>What is wrong</th><th>Suggested fix</th></tr></thead>
<tbody>${shown.join('')}</tbody></table>${more}</section>`;
};

/**
 * The key-mismatch report as one self-contained page for a data owner: the headline (how much
 * usage reaches an account, what ARR each problem touches), then each class worst first.
 * No script and no external asset: it is mailed around and printed.
 */
export const renderKeyMismatchHtml = (report: KeyMismatchReport, options: KeyMismatchHtmlOptions = {}): string => {
  const topRows = options.topRows ?? 25;
  const csv = options.csvFileName ?? 'key-mismatch.csv';
  const { summary } = report;
  const kpi = (value: string, label: string, bad = false): string =>
    `<div class="kpi${bad ? ' bad' : ''}"><div class="kpi-value">${e(value)}</div><div class="kpi-label">${e(label)}</div></div>`;
  const candidates = summary.usageKeys - summary.ignoredKeys;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Key mismatch report · ${e(report.asOf)}</title><style>${KEY_MISMATCH_CSS}</style></head>
<body><main>
<h1>Key mismatch report</h1>
<p class="sub">Salesforce accounts and product usage keys, as of ${e(report.asOf)}. Fix the largest ARR first; every row is also in ${e(csv)}.</p>
<div class="kpis">
${kpi(formatPercent(summary.matchRate), `usage keys linked (${formatWhole(summary.linkedKeys)} of ${formatWhole(candidates)})`, summary.matchRate < 0.9)}
${kpi(formatPercent(summary.eventMatchRate), 'of usage events reach an account', summary.eventMatchRate < 0.9)}
${kpi(`${formatWhole(summary.customersWithUsage)} / ${formatWhole(summary.customers)}`, 'customers with usage')}
${kpi(formatCompact(summary.arrAffected), 'ARR on accounts with a key problem', summary.arrAffected > 0)}
</div>
<section class="card"><h3>How usage keys were linked</h3>${renderLinkBar(report)}
<h3>ARR affected by problem</h3>${renderArrChart(report)}</section>
${MISMATCH_CLASSES.map((c) => section(report, c, topRows, csv)).join('\n')}
<footer>${e(`${formatWhole(summary.accounts)} live accounts (${formatWhole(summary.mergedAccounts)} merged away), ${formatWhole(summary.usageKeys)} usage keys; ${formatWhole(summary.unlistedDormantKeys)} unlinked keys without recent events are not listed.`)} Generated by Sextant.</footer>
</main></body></html>
`;
};
