import type { FieldValue, RecordSource, SObjectRecord } from '../org/sobject-record.ts';
import type { SchemaCatalog } from '../schema/object-schema.ts';

/**
 * What a compiled query is bound to when it runs. Compilation validates against the catalog
 * once; binding turns the plan into closures over this environment (the record source for
 * parent lookups, `now` for date literals) once per execution, never per row.
 */
export type QueryEnv = {
  source: RecordSource;
  now: Date;
  /** queryAll: soft-deleted rows (IsDeleted = true) are visible. */
  includeDeleted: boolean;
};

export type Getter<R = SObjectRecord> = (row: R) => FieldValue;
export type Predicate<R = SObjectRecord> = (row: R) => boolean;
export type Bindable<T> = (env: QueryEnv) => T;

/** The query text (for error positions) and the catalog it is validated against. */
export type CompileContext = {
  soql: string;
  catalog: SchemaCatalog;
};
