import type { SchemaCatalog } from '../schema/object-schema.ts';

/**
 * One stored record, keyed by exact field API name. Value encodings (the API's JSON forms):
 * text/picklist/reference/id → string; multipicklist → 'a;b'; numbers → number;
 * boolean → boolean; date → 'YYYY-MM-DD'; datetime → 'YYYY-MM-DDTHH:mm:ss.SSS+0000' (UTC, so
 * plain string comparison orders them); missing or blank → null.
 * Every record has Id (18-char) and IsDeleted (true once soft-deleted, visible to queryAll).
 */
export type FieldValue = string | number | boolean | null;
export type SObjectRecord = Record<string, FieldValue>;

/** Read access the SOQL engine needs; the org store implements it. */
export interface RecordSource {
  readonly catalog: SchemaCatalog;
  /** Every record of an object in insertion order, soft-deleted ones included. */
  records(objectName: string): readonly SObjectRecord[];
  /**
   * Optional: the records with low ≤ SystemModstamp ≤ high (null: unbounded), in insertion
   * order, soft-deleted included, read from an index instead of a scan; undefined when the
   * source cannot answer, and the caller scans `records`. The bounds may be loose: callers
   * apply their whole filter to what comes back.
   */
  recordsByModstamp?(objectName: string, low: string | null, high: string | null): readonly SObjectRecord[] | undefined;
  /** Any record by 15- or 18-char id, whatever its object; soft-deleted included. */
  byId(id: string): SObjectRecord | undefined;
}
