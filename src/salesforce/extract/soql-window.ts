import type { ExtractWindow } from '../../pipeline/crm-source.port.ts';

/**
 * SOQL for one extract window. REST queries order by (SystemModstamp, Id) so a checkpoint is a
 * position; Bulk 2.0 refuses ORDER BY on large results and gets the bare filter. Datetime
 * literals are unquoted ISO-8601 in UTC, as SOQL requires.
 */
const ALWAYS = ['Id', 'IsDeleted', 'SystemModstamp'];

export const selectList = (fields: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of [...ALWAYS, ...fields]) {
    const key = f.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  }
  return out;
};

/** '2026-11-25T10:00:00.000+0000' or '…Z' → '2026-11-25T10:00:00.000Z' (a SOQL datetime literal). */
export const soqlDateTime = (instant: string): string => new Date(instant.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const windowCondition = (window: ExtractWindow): string => {
  const parts: string[] = [];
  if (window.after && window.after.id !== '') {
    const m = soqlDateTime(window.after.systemModstamp);
    parts.push(`(SystemModstamp > ${m} OR (SystemModstamp = ${m} AND Id > ${quote(window.after.id)}))`);
  } else if (window.after) {
    // An empty id marks a window start saved as a position (Salesforce refuses '' as an Id literal).
    parts.push(`SystemModstamp >= ${soqlDateTime(window.after.systemModstamp)}`);
  } else if (window.from) {
    parts.push(`SystemModstamp >= ${soqlDateTime(window.from)}`);
  }
  parts.push(`SystemModstamp < ${soqlDateTime(window.to)}`);
  return parts.join(' AND ');
};

export const buildExtractSoql = (sobject: string, fields: readonly string[], window: ExtractWindow, where: string | undefined, ordered: boolean): string => {
  const condition = [windowCondition(window), ...(where ? [`(${where})`] : [])].join(' AND ');
  return `SELECT ${selectList(fields).join(', ')} FROM ${sobject} WHERE ${condition}${ordered ? ' ORDER BY SystemModstamp ASC, Id ASC' : ''}`;
};

export const buildCountSoql = (sobject: string, window: ExtractWindow, where: string | undefined): string =>
  `SELECT COUNT() FROM ${sobject} WHERE ${[windowCondition(window), ...(where ? [`(${where})`] : [])].join(' AND ')}`;

/** Splits [from, to) in two halves; null when the window is already as small as allowed. */
export const halveWindow = (window: ExtractWindow, minSliceMs: number, earliest: string): [ExtractWindow, ExtractWindow] | null => {
  const start = Date.parse(soqlDateTime(window.after?.systemModstamp ?? window.from ?? earliest));
  const end = Date.parse(soqlDateTime(window.to));
  if (end - start < 2 * minSliceMs) return null;
  const mid = new Date(start + Math.floor((end - start) / 2)).toISOString();
  return [{ ...window, to: mid }, { from: mid, to: window.to, after: null }];
};
