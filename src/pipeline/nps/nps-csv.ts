import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { SextantError } from '../../domain/sextant-error.ts';
import type { RawNpsRow } from './parse-nps-row.ts';

/**
 * Streams a survey export (CSV with a header row) in pages, so a file of any size is read in
 * flat memory. Column names compare trimmed and case-insensitively; columns Sextant does not use
 * are ignored. A row whose field count differs from the header's comes back as `malformed`
 * (the caller quarantines it); a file CSV cannot read past some line fails as a whole.
 */
export const NPS_REQUIRED_COLUMNS = ['score', 'responded_at'] as const;
/** At least one of these identifies the respondent. */
export const NPS_RESPONDENT_COLUMNS = ['contact_id', 'email'] as const;
export const NPS_OPTIONAL_COLUMNS = ['response_id', 'comment'] as const;

export type NpsCsvRow = { line: number; raw: RawNpsRow; malformed: string | null };

/** The demo generator's order (src/sandbox/demo/nps-responses.ts), as a hint; any order reads. */
const EXPECTED = 'response_id, contact_id, email, score, comment, responded_at';

const fileError = (file: string, message: string, cause?: unknown): SextantError =>
  new SextantError('NPS_FILE_INVALID', `${file}: ${message}`, {
    kind: 'data', path: file, cause, hints: [`An NPS file is CSV with a header row naming the columns ${EXPECTED} (contact_id or email may be left out, not both).`],
  });

const checkHeader = (file: string, header: readonly string[]): string[] => {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing: string[] = NPS_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (!NPS_RESPONDENT_COLUMNS.some((c) => names.includes(c))) missing.push('contact_id or email');
  if (missing.length > 0) throw fileError(file, `the header lacks ${missing.join(', ')} (it has ${names.join(', ') || 'nothing'})`);
  const repeated = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (repeated !== undefined) throw fileError(file, `the header names column ${repeated} twice`);
  return names;
};

export async function* readNpsCsv(file: string, pageSize = 1_000): AsyncGenerator<NpsCsvRow[]> {
  try {
    await access(file);
  } catch (err) {
    throw new SextantError('NPS_FILE_UNREADABLE', `cannot read NPS file ${file}: ${(err as Error).message}`, {
      kind: 'config', path: file, cause: err, hints: ['Pass --file PATH, or set nps.file in sextant.yaml (relative to that file).'],
    });
  }
  const input = createReadStream(file);
  // Quotes inside unquoted fields are taken literally (hand-edited exports: 5" screen); the
  // differing field counts are reported per row instead of failing the file.
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  let header: string[] | null = null;
  let page: NpsCsvRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        header = checkHeader(file, record);
        continue;
      }
      const raw: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name !== '') raw[name] = record[i] ?? '';
      });
      const malformed = record.length === header.length ? null : `${record.length} fields where the header has ${header.length}`;
      page.push({ line: info.lines, raw, malformed });
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
  } catch (err) {
    if (err instanceof SextantError) throw err;
    const csv = err as CsvError & { lines?: number };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) throw fileError(file, `not readable as CSV near line ${csv.lines ?? '?'}: ${csv.message}`, err);
    throw new SextantError('NPS_FILE_UNREADABLE', `cannot read NPS file ${file}: ${(err as Error).message}`, { kind: 'config', path: file, cause: err });
  } finally {
    input.destroy();
  }
  if (header === null) throw fileError(file, 'the file is empty');
  if (page.length > 0) yield page;
}
