import type { QuarantinedRecord } from '../../domain/crm-records.ts';
import type { NpsResponse, NpsResponseStatus } from '../../domain/nps.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { Store } from '../../store/store.ts';
import { runStoreStep } from '../run-step.ts';
import { readNpsCsv, type NpsCsvRow } from './nps-csv.ts';
import { parseNpsRow, respondentRef, type NpsRowCode } from './parse-nps-row.ts';
import { buildRespondentDirectory, type RespondentDirectory } from './respondent-directory.ts';

export type LoadNpsOptions = {
  store: Store;
  /** The survey export (CSV). */
  file: string;
  /** Responses dated after it are quarantined. */
  asOf: Date;
  runId: string;
  /** Rows per transaction. */
  pageSize?: number;
};

/**
 * A row whose respondent and instant were already read earlier in the file with another score or
 * comment: the first is kept, this one quarantined for a data owner to decide.
 */
export type NpsLoadCode = NpsRowCode | 'NPS_RESPONSE_DUPLICATE';

export type NpsLoadSummary = {
  file: string;
  asOf: string;
  /** Data rows in the file. */
  read: number;
  /** Valid responses (each once, however often the file repeats it). */
  loaded: number;
  /** Responses inserted or changed: 0 when the same file is loaded again. */
  changed: number;
  /** Exact repeats of a response earlier in the file: nothing to load, nothing lost. */
  duplicates: number;
  quarantined: number;
  quarantinedByCode: Partial<Record<NpsLoadCode, number>>;
  statuses: Record<NpsResponseStatus, number>;
  /** Accounts with at least one loaded response. */
  accounts: number;
  seconds: number;
};

const QUARANTINE_OBJECT = 'nps_responses';

/** Which contacts the file can name: only those are indexed, so memory follows the file, not the org. */
const respondentsNamed = async (file: string, pageSize: number): Promise<{ ids: Set<string>; emails: Set<string> }> => {
  const ids = new Set<string>();
  const emails = new Set<string>();
  for await (const page of readNpsCsv(file, pageSize)) {
    for (const { raw } of page) {
      const ref = respondentRef(raw);
      if (ref.id18 !== null) ids.add(ref.id18);
      if (ref.email !== null) emails.add(ref.email);
    }
  }
  return { ids, emails };
};

const sourceIdOf = (row: NpsCsvRow): string => {
  const { response_id: id, contact_id: contact, email, responded_at: at } = row.raw;
  return id?.trim() || `${contact?.trim() || email?.trim() || ''}|${at?.trim() ?? ''}`;
};

/**
 * Loads a survey export into the store. Two passes over the file: the first collects the contact
 * ids and emails it names, to index just those contacts; the second validates every row, links
 * it to its contact's account, and writes each page in one transaction with the rows it
 * quarantines. Responses are keyed by respondent and instant, so a reload changes nothing and an
 * interrupted load is simply re-run. A CSV syntax error fails the first pass, before any write.
 */
export const loadNps = async (options: LoadNpsOptions): Promise<NpsLoadSummary> => {
  const started = performance.now();
  const { store, file, runId } = options;
  const pageSize = options.pageSize ?? 1_000;
  const asOf = options.asOf.toISOString();
  if ((await store.count('contacts', { includeDeleted: true })) === 0) {
    throw new SextantError('NPS_CONTACTS_MISSING', 'the store has no contacts to match survey respondents to', {
      kind: 'config', hints: ['Run `sextant sync` (at least --objects accounts,contacts) before `sextant nps`.'],
    });
  }
  const named = await respondentsNamed(file, pageSize);
  const directory: RespondentDirectory = await buildRespondentDirectory(store.iterateRecords('contacts', { includeDeleted: true }), named);

  const summary: NpsLoadSummary = {
    file, asOf, read: 0, loaded: 0, changed: 0, duplicates: 0, quarantined: 0, quarantinedByCode: {},
    statuses: { promoter: 0, passive: 0, detractor: 0 }, accounts: 0, seconds: 0,
  };
  const accounts = new Set<string>();
  /** Every response id read so far → its values, to tell a repeated row from a conflicting one. */
  const seen = new Map<string, string>();

  for await (const page of readNpsCsv(file, pageSize)) {
    const responses: NpsResponse[] = [];
    const rejected: QuarantinedRecord[] = [];
    const quarantine = (row: NpsCsvRow, r: { code: NpsLoadCode; path: string; reason: string }): void => {
      rejected.push({ runId, object: QUARANTINE_OBJECT, sourceId: sourceIdOf(row), code: r.code, path: r.path, reason: `line ${row.line}: ${r.reason}`, raw: { ...row.raw }, quarantinedAt: asOf });
      summary.quarantinedByCode[r.code] = (summary.quarantinedByCode[r.code] ?? 0) + 1;
    };
    for (const row of page) {
      summary.read++;
      if (row.malformed !== null) {
        quarantine(row, { code: 'NPS_ROW_INVALID', path: '(row)', reason: row.malformed });
        continue;
      }
      const parsed = parseNpsRow(row.raw, { directory, asOf });
      if (!parsed.ok) {
        quarantine(row, parsed);
        continue;
      }
      const r = parsed.response;
      const values = JSON.stringify([r.score, r.comment]);
      const before = seen.get(r.id);
      if (before === values) {
        summary.duplicates++;
        continue;
      }
      if (before !== undefined) {
        quarantine(row, { code: 'NPS_RESPONSE_DUPLICATE', path: 'responded_at', reason: `the file already has a response from this respondent at ${r.respondedAt}, with another score or comment` });
        continue;
      }
      seen.set(r.id, values);
      responses.push(r);
      summary.loaded++;
      summary.statuses[r.status]++;
      if (r.accountId !== null) accounts.add(r.accountId);
    }
    summary.quarantined += rejected.length;
    summary.changed += await store.transaction(async (tx) => {
      await tx.quarantine(rejected);
      return tx.upsertNpsResponses(responses, runId);
    });
  }
  summary.accounts = accounts.size;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
};

/** `loadNps` as a run of its own (command 'nps'), with its counts recorded. */
export const runNpsLoad = (options: Omit<LoadNpsOptions, 'runId'>): Promise<NpsLoadSummary & { runId: string }> =>
  runStoreStep(options.store, 'nps', async (runId) => {
    const result = await loadNps({ ...options, runId });
    return { result, counts: { read: result.read, upserted: result.changed, quarantined: result.quarantined }, summary: { ...result } };
  });
