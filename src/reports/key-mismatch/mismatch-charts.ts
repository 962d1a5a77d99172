import { MATCH_RULES, type MatchRule } from '../../domain/identity.ts';
import { MISMATCH_CLASSES, type KeyMismatchReport, type MismatchClass } from '../../reconcile/key-mismatch-report.ts';
import { escapeHtml } from './html-escape.ts';
import { CLASS_LABELS } from './mismatch-class-labels.ts';
import { formatCompact, formatWhole } from './report-format.ts';

/** One colour per class, dark enough to survive a greyscale printer. */
export const CLASS_COLOURS: Readonly<Record<MismatchClass, string>> = {
  'key-conflict': '#b42318',
  'customer-without-usage': '#c4320a',
  'unmatched-usage-key': '#b54708',
  'ambiguous-domain': '#7a5af8',
  'duplicate-keys': '#1570ef',
  'name-proposal': '#0e9384',
  'broken-merge': '#667085',
  'invalid-override': '#344054',
};

const RULE_LABELS: Readonly<Record<MatchRule, string>> = {
  override: 'override', 'product-key': 'product key', 'salesforce-id': 'Salesforce id', domain: 'website domain',
};
const RULE_COLOURS: Readonly<Record<MatchRule, string>> = {
  'product-key': '#1570ef', 'salesforce-id': '#53b1fd', domain: '#0e9384', override: '#7a5af8',
};

const ROW = 30;
const LABEL = 210;
const BAR = 400;
const WIDTH = 820;

/**
 * ARR affected per class as an inline SVG bar chart (no script, no external library; prints
 * as vectors). Classes without ARR (unmatched keys have no account yet) show their count so
 * a zero bar does not read as "no problem". Each label links to its section.
 */
export const renderArrChart = (report: KeyMismatchReport): string => {
  const max = Math.max(1, ...MISMATCH_CLASSES.map((c) => report.classes[c].arr));
  const rows = MISMATCH_CLASSES.map((c, i) => {
    const section = report.classes[c];
    const y = i * ROW;
    const width = section.arr > 0 ? Math.max(2, (section.arr / max) * BAR) : 0;
    const rowCount = `${formatWhole(section.count)} ${section.count === 1 ? 'row' : 'rows'}`;
    const value = section.count === 0
      ? 'none'
      : section.arr > 0 ? `ARR ${formatCompact(section.arr)} · ${rowCount}` : `no ARR yet · ${rowCount} · ${formatCompact(section.events)} events`;
    return `<a href="#${c}"><text x="${LABEL - 10}" y="${y + 19}" text-anchor="end" class="chart-label">${escapeHtml(CLASS_LABELS[c].title)}</text></a>`
      + `<rect x="${LABEL}" y="${y + 6}" width="${BAR}" height="${ROW - 12}" class="chart-track"/>`
      + (width > 0 ? `<rect x="${LABEL}" y="${y + 6}" width="${width.toFixed(1)}" height="${ROW - 12}" fill="${CLASS_COLOURS[c]}"/>` : '')
      + `<text x="${LABEL + BAR + 10}" y="${y + 19}" class="chart-value">${escapeHtml(value)}</text>`;
  });
  const height = MISMATCH_CLASSES.length * ROW;
  return `<svg class="chart" role="img" aria-label="ARR affected by problem class" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${rows.join('')}</svg>`;
};

/** How the usage keys were linked, as one stacked bar with a legend (CSS only). */
export const renderLinkBar = (report: KeyMismatchReport): string => {
  const { summary } = report;
  const parts = [
    ...MATCH_RULES.map((r) => ({ label: RULE_LABELS[r], n: summary.matchedBy[r], colour: RULE_COLOURS[r] })),
    { label: 'not linked', n: summary.unlinkedKeys, colour: '#d0d5dd' },
    { label: 'ignored by override', n: summary.ignoredKeys, colour: '#f2f4f7' },
  ].filter((p) => p.n > 0);
  const total = Math.max(1, parts.reduce((s, p) => s + p.n, 0));
  const segments = parts.map((p) => `<span class="seg" style="width:${((p.n / total) * 100).toFixed(2)}%;background:${p.colour}" title="${escapeHtml(`${p.label}: ${p.n}`)}"></span>`);
  const legend = parts.map((p) => `<li><span class="swatch" style="background:${p.colour}"></span>${escapeHtml(p.label)} <b>${formatWhole(p.n)}</b></li>`);
  return `<div class="linkbar">${segments.join('')}</div><ul class="legend">${legend.join('')}</ul>`;
};
