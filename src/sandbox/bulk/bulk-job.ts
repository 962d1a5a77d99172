import { makeRecordId } from '../../domain/salesforce-id.ts';

/**
 * State shared by Bulk API 2.0 query and ingest jobs. Jobs progress on the sandbox clock's wall
 * time: a job created now is InProgress for `processingMs`, then complete — so clients really
 * have to poll, as against a real org.
 */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export type JobBase = {
  id: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  readyAt: number;
  errorMessage: string | null;
};

let jobSequence = 1;
export const newJobId = (): string => makeRecordId('750', jobSequence++);

export const jobInfoCommon = (job: JobBase): Record<string, unknown> => ({
  id: job.id,
  object: job.object,
  createdById: job.createdById,
  createdDate: job.createdDate,
  systemModstamp: job.systemModstamp,
  state: job.state,
  concurrencyMode: 'Parallel',
  contentType: 'CSV',
  apiVersion: job.apiVersion,
  lineEnding: 'LF',
  columnDelimiter: 'COMMA',
  ...(job.errorMessage === null ? {} : { errorMessage: job.errorMessage }),
});

/** CSV value quoting as Salesforce writes it: quote only when the value needs it. */
export const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
