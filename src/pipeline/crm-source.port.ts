/**
 * The shapes an extract passes around. A window is a half-open SystemModstamp range
 * [from, to); `after` narrows its start to rows strictly after one (SystemModstamp, Id) — the
 * tie-break that lets a resumed query skip exactly the rows already written, even when many
 * rows share one SystemModstamp.
 */
export type ModstampCursor = { systemModstamp: string; id: string };

export type ExtractWindow = { from: string | null; to: string; after: ModstampCursor | null };

/**
 * Where an object's extract stands, saved after every page so a killed run resumes there: the
 * windows still to read (the first one possibly part-read: `after` set for REST, `bulk` set for
 * a Bulk job part-paged). No windows left = the object is done.
 */
export type ExtractCheckpoint = {
  windows: ExtractWindow[];
  rowsDone: number;
  bulk: { jobId: string; locator: string | null } | null;
};

/** A raw row keyed by Salesforce field path ('Id', 'Owner.ManagerId'); REST gives typed values, Bulk strings. */
export type RawRow = Record<string, string | number | boolean | null>;

/**
 * One page of rows, the window it belongs to, and where the extract stands after it. REST pages
 * come as keyed rows; Bulk pages as the CSV's columns and cells ('' = null), which the
 * normalizer reads by column index without building an object per row.
 */
export type ExtractPage = {
  rows: RawRow[];
  table: { columns: string[]; cells: string[][] } | null;
  checkpoint: ExtractCheckpoint;
  source: 'rest' | 'bulk';
  window: ExtractWindow;
};

export const pageRowCount = (page: ExtractPage): number => (page.table ? page.table.cells.length : page.rows.length);

export type ExtractRequest = {
  sobject: string;
  /** Field paths to select; Id, IsDeleted and SystemModstamp are always added. */
  fields: readonly string[];
  /** The mapping's own filter (a SOQL condition), ANDed in. */
  where?: string | undefined;
  window: ExtractWindow;
  /** A checkpoint from an interrupted run, to resume from instead of `window`. */
  resume: ExtractCheckpoint | null;
  /** 'auto' chooses by the preflight count. */
  mode: 'auto' | 'rest' | 'bulk';
  /** Row count from the preflight, when known (auto mode uses it instead of counting again). */
  expectedRows?: number | undefined;
};

export type ExtractSettings = {
  bulkThreshold: number;
  restBatchSize: number;
  bulkPageSize: number;
  bulkPollIntervalMs: number;
  bulkPollTimeoutMs: number;
  /** Windows are never halved below this, so a persistently failing query still ends. */
  minSliceMs: number;
};

export const DEFAULT_EXTRACT_SETTINGS: ExtractSettings = {
  bulkThreshold: 10_000,
  restBatchSize: 2000,
  bulkPageSize: 100_000,
  bulkPollIntervalMs: 500,
  bulkPollTimeoutMs: 30 * 60_000,
  minSliceMs: 60_000,
};

/**
 * Counts the API calls made on behalf of one object (its extract, its hard-delete sweep),
 * whenever they happen: a run may ask for one object's first page while still storing the last
 * page of another, so "calls since the object started" would bill them to the wrong object.
 */
export type CallMeter = { calls: number };

/**
 * The CRM side of a sync, as the pipeline sees it. The Salesforce adapter implements it over
 * jsforce; tests could implement it over anything that yields pages.
 */
export interface CrmSource {
  /** Calls spent so far by this source (the run records them). */
  apiCallsUsed(): number;
  /** Rows each request's first window would return, in one round trip where the API allows. */
  preflightCounts(requests: readonly ExtractRequest[]): Promise<number[]>;
  /**
   * Called once all requests are counted, before the first extract: a source may start work for
   * later requests now (Salesforce runs Bulk jobs server-side in parallel) and return requests
   * that resume that work. Returns the requests to extract, in the same order.
   */
  prepare(requests: readonly ExtractRequest[]): Promise<ExtractRequest[]>;
  /** Pages of the request's rows; every call made for them is also counted on `meter`. */
  extract(request: ExtractRequest, meter?: CallMeter): AsyncIterable<ExtractPage>;
  /** Ids of every live (not deleted) row, in batches, for a hard-delete sweep by Id-set comparison. */
  liveIds(sobject: string, where: string | undefined, expectedRows: number | undefined, meter?: CallMeter): AsyncIterable<string[]>;
  /**
   * The current version of a few records, read live by Id (deleted ones included, marked
   * IsDeleted), for `sextant verify`. Rows are flat: parent paths as 'Owner.Name'.
   */
  readByIds(sobject: string, fields: readonly string[], ids: readonly string[]): Promise<RawRow[]>;
}
