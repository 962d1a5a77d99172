import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyMismatchReport } from '../../reconcile/key-mismatch-report.ts';
import { renderKeyMismatchCsv } from './key-mismatch-csv.ts';
import { renderKeyMismatchHtml } from './key-mismatch-html.ts';
import { renderKeyMismatchJson } from './key-mismatch-json.ts';

export type WrittenKeyMismatchReport = { csv: string; json: string; html: string };

/** Writes key-mismatch.csv, .json and .html into `dir` (created if missing); returns their paths. */
export const writeKeyMismatchReport = async (dir: string, report: KeyMismatchReport): Promise<WrittenKeyMismatchReport> => {
  await mkdir(dir, { recursive: true });
  const files = {
    csv: path.join(dir, 'key-mismatch.csv'),
    json: path.join(dir, 'key-mismatch.json'),
    html: path.join(dir, 'key-mismatch.html'),
  };
  await Promise.all([
    writeFile(files.csv, renderKeyMismatchCsv(report), 'utf8'),
    writeFile(files.json, renderKeyMismatchJson(report), 'utf8'),
    writeFile(files.html, renderKeyMismatchHtml(report, { csvFileName: 'key-mismatch.csv' }), 'utf8'),
  ]);
  return files;
};
