import type { ObjectDef, SchemaCatalog } from '../schema/object-schema.ts';
import { formatDateTime } from './field-coercion.ts';
import { coerceRecordInput, requireFields } from './record-input.ts';
import { deriveFields } from './derived-fields.ts';
import { recordError, RecordWriteError } from './record-error.ts';
import { ModstampIndex } from './modstamp-index.ts';
import { isRecordId, makeRecordId, to15, to18 } from '../../domain/salesforce-id.ts';
import type { FieldValue, RecordSource, SObjectRecord } from './sobject-record.ts';

/**
 * The sandbox org's records, in memory. Writes go through the same validation a real org does
 * (required fields, lengths, restricted picklists, read-only fields, unique external ids,
 * reference integrity) and keep the audit fields connectors depend on: SystemModstamp changes
 * on every write, by users or automation; LastModifiedDate only on user writes.
 * SystemModstamp must only change inside this class, which keeps each object's ModstampIndex
 * in step (`#restamped`); a record changed from outside would go missing from indexed queries.
 */
export type OrgStoreOptions = {
  catalog: SchemaCatalog;
  clock: () => Date;
  /** The user that writes are attributed to when no other is given. */
  defaultUserId: string;
};

type ObjectTable = {
  def: ObjectDef;
  rows: SObjectRecord[];
  /** external-id / unique field name → lower-cased value → ids holding it */
  keyIndexes: Map<string, Map<string, Set<string>>>;
  deleted: Array<{ id: string; deletedDate: string }>;
  /** Built on the first query selective on SystemModstamp, then kept in step with every write. */
  modstamp: ModstampIndex | null;
};

export type UpsertOutcome = { id: string; created: boolean };

const normaliseKey = (value: FieldValue): string | null => (value === null ? null : String(value).toLowerCase());

export class OrgStore implements RecordSource {
  readonly catalog: SchemaCatalog;
  readonly #clock: () => Date;
  readonly #tables = new Map<string, ObjectTable>();
  readonly #byId = new Map<string, SObjectRecord>();
  readonly #objectOfId = new Map<string, ObjectTable>();
  #defaultUserId: string;
  /** Undo steps of the running atomic block (allOrNone), newest last; null outside one. */
  #undo: Array<() => void> | null = null;
  #idSequence = 50_000_000;
  #autoNumber = 1000;

  constructor(options: OrgStoreOptions) {
    this.catalog = options.catalog;
    this.#clock = options.clock;
    this.#defaultUserId = options.defaultUserId;
    for (const def of options.catalog.objects) {
      const keyIndexes = new Map<string, Map<string, Set<string>>>();
      for (const f of def.fields) if (f.externalId || f.unique) keyIndexes.set(f.name, new Map());
      this.#tables.set(def.name, { def, rows: [], keyIndexes, deleted: [], modstamp: null });
    }
  }

  get defaultUserId(): string {
    return this.#defaultUserId;
  }

  set defaultUserId(id: string) {
    this.#defaultUserId = id;
  }

  now(): string {
    return formatDateTime(this.#clock());
  }

  records(objectName: string): readonly SObjectRecord[] {
    return this.#table(objectName).rows;
  }

  recordsByModstamp(objectName: string, low: string | null, high: string | null): readonly SObjectRecord[] | undefined {
    const table = this.#table(objectName);
    table.modstamp ??= new ModstampIndex(table.rows);
    return table.modstamp.range(low, high) ?? undefined;
  }

  byId(id: string): SObjectRecord | undefined {
    return this.#byId.get(this.#canonicalId(id));
  }

  objectOf(id: string): ObjectDef | undefined {
    return this.#objectOfId.get(this.#canonicalId(id))?.def;
  }

  /**
   * Runs writes all-or-none: if `fn` throws, every write it made is undone (ids stay consumed, as
   * in Salesforce, where a rolled-back insert never frees its id).
   */
  atomically<T>(fn: () => T): T {
    const outer = this.#undo;
    const undo: Array<() => void> = [];
    this.#undo = undo;
    try {
      return fn();
    } catch (err) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw err;
    } finally {
      this.#undo = outer;
      if (outer) outer.push(...undo);
    }
  }

  /** Ids whose records changed in [start, end), for getUpdated (which Salesforce bases on SystemModstamp). */
  updatedIds(objectName: string, start: string, end: string): string[] {
    return (this.recordsByModstamp(objectName, start, end) ?? this.#table(objectName).rows)
      .filter((r) => !r.IsDeleted && (r.SystemModstamp as string) >= start && (r.SystemModstamp as string) < end)
      .map((r) => r.Id as string);
  }

  deletedRecords(objectName: string, start: string, end: string): Array<{ id: string; deletedDate: string }> {
    return this.#table(objectName).deleted.filter((d) => d.deletedDate >= start && d.deletedDate < end);
  }

  /**
   * Trusted bulk load for seeding (demo data, benchmarks): fills defaults and derived fields, no
   * validation. Null fields are left out of the stored object (readers treat a missing field as
   * null), which keeps a million-row org within a few hundred MB.
   */
  load(objectName: string, rows: readonly SObjectRecord[]): void {
    const table = this.#table(objectName);
    const now = this.now();
    const defaults = table.def.fields.filter((f) => f.defaultValue !== null && f.defaultValue !== undefined);
    const has = (name: string): boolean => table.def.fields.some((f) => f.name === name);
    const [owned, audited] = [has('OwnerId'), has('CreatedById')];
    for (const input of rows) {
      const record: SObjectRecord = {};
      for (const key in input) {
        const value = input[key];
        if (value !== null && value !== undefined) record[key] = value;
      }
      for (const f of defaults) if (record[f.name] === undefined) record[f.name] = f.defaultValue as FieldValue;
      record.Id = to18(String(input.Id ?? this.#newId(table.def)));
      record.IsDeleted = input.IsDeleted === true;
      record.CreatedDate ??= now;
      record.LastModifiedDate ??= record.CreatedDate;
      record.SystemModstamp ??= record.LastModifiedDate;
      if (audited) {
        record.CreatedById ??= this.#defaultUserId;
        record.LastModifiedById ??= this.#defaultUserId;
      }
      if (owned) record.OwnerId ??= this.#defaultUserId;
      deriveFields(table.def.name, record, now, () => this.#autoNumber++);
      this.#add(table, record);
      if (record.IsDeleted) table.deleted.push({ id: record.Id, deletedDate: record.SystemModstamp as string });
    }
  }

  insert(objectName: string, input: Record<string, unknown>, userId = this.#defaultUserId): SObjectRecord {
    const table = this.#table(objectName);
    const values = coerceRecordInput(this.catalog, table.def, input, 'create');
    const now = this.now();
    const record: SObjectRecord = {};
    for (const f of table.def.fields) record[f.name] = values.has(f.name) ? (values.get(f.name) as FieldValue) : ((f.defaultValue as FieldValue) ?? null);
    requireFields(table.def, record, 'create', values);
    Object.assign(record, {
      Id: this.#newId(table.def), IsDeleted: false, CreatedDate: now, LastModifiedDate: now, SystemModstamp: now,
      CreatedById: userId, LastModifiedById: userId,
    });
    if (table.def.fields.some((f) => f.name === 'OwnerId')) record.OwnerId ??= userId;
    this.#checkReferences(table.def, record, [...values.keys()]);
    this.#checkUnique(table, record, [...values.keys()]);
    deriveFields(table.def.name, record, now, () => this.#autoNumber++);
    this.#add(table, record);
    this.#undo?.push(() => this.#remove(table, record));
    return record;
  }

  update(objectName: string, id: string, input: Record<string, unknown>, userId = this.#defaultUserId): SObjectRecord {
    const table = this.#table(objectName);
    const record = this.#live(table, id);
    const values = coerceRecordInput(this.catalog, table.def, input, 'update');
    const candidate: SObjectRecord = { ...record };
    for (const [name, value] of values) candidate[name] = value;
    requireFields(table.def, candidate, 'update', values);
    this.#checkReferences(table.def, candidate, [...values.keys()]);
    this.#checkUnique(table, candidate, [...values.keys()]);
    this.#unindexKeys(table, record);
    const before = { ...record };
    this.#undo?.push(() => {
      this.#unindexKeys(table, record);
      Object.assign(record, before);
      this.#indexKeys(table, record);
      this.#restamped(table, record);
    });
    const now = this.now();
    Object.assign(record, candidate, { LastModifiedDate: now, SystemModstamp: now, LastModifiedById: userId });
    deriveFields(table.def.name, record, now, () => this.#autoNumber++);
    this.#indexKeys(table, record);
    this.#restamped(table, record);
    return record;
  }

  /**
   * Upsert on an external-id field (or Id): no match creates (201), one match updates (200),
   * several matches refuse with 300 MULTIPLE_CHOICES, as Salesforce does for non-unique keys.
   */
  upsert(objectName: string, keyField: string, keyValue: string, input: Record<string, unknown>, userId = this.#defaultUserId): UpsertOutcome {
    this.#table(objectName); // NOT_FOUND for an unknown object, before the field check
    const field = this.catalog.field(objectName, keyField);
    if (!field || !(field.externalId || field.idLookup || field.name === 'Id')) {
      throw new RecordWriteError([recordError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${keyField}`)], 404);
    }
    const body = { ...input };
    for (const k of Object.keys(body)) if (k.toLowerCase() === field.name.toLowerCase()) delete body[k];
    if (field.name === 'Id') {
      const existing = isRecordId(keyValue) ? this.byId(keyValue) : undefined;
      if (!existing || existing.IsDeleted) throw new RecordWriteError([recordError('NOT_FOUND', 'The requested resource does not exist')], 404);
      this.update(objectName, existing.Id as string, body, userId);
      return { id: existing.Id as string, created: false };
    }
    const matches = this.findByKey(objectName, field.name, keyValue);
    if (matches.length > 1) {
      throw new RecordWriteError([recordError('MULTIPLE_CHOICES', `Multiple records found for ${field.name} = ${keyValue}: ${matches.map((m) => m.Id).join(', ')}`, [field.name])], 300);
    }
    const [match] = matches;
    if (match) {
      this.update(objectName, match.Id as string, body, userId);
      return { id: match.Id as string, created: false };
    }
    const created = this.insert(objectName, { ...body, [field.name]: keyValue }, userId);
    return { id: created.Id as string, created: true };
  }

  findByKey(objectName: string, fieldName: string, value: string): SObjectRecord[] {
    const table = this.#table(objectName);
    const index = table.keyIndexes.get(fieldName);
    const ids = index?.get(value.toLowerCase()) ?? new Set<string>();
    return [...ids].map((id) => this.#byId.get(id)).filter((r): r is SObjectRecord => r !== undefined && !r.IsDeleted);
  }

  /** Soft delete: the row stays visible to queryAll with IsDeleted = true, and to getDeleted. */
  delete(objectName: string, id: string): void {
    const table = this.#table(objectName);
    const record = this.#live(table, id);
    const now = this.now();
    this.#unindexKeys(table, record);
    const stamp = record.SystemModstamp;
    record.IsDeleted = true;
    record.SystemModstamp = now;
    this.#restamped(table, record);
    const entry = { id: record.Id as string, deletedDate: now };
    table.deleted.push(entry);
    this.#undo?.push(() => {
      record.IsDeleted = false;
      record.SystemModstamp = stamp ?? null;
      this.#restamped(table, record);
      table.deleted.splice(table.deleted.indexOf(entry), 1);
      this.#indexKeys(table, record);
    });
  }

  /** Merge as Salesforce does: losers are deleted with MasterRecordId = master; children move to the master. */
  merge(objectName: string, masterId: string, loserIds: readonly string[]): void {
    const table = this.#table(objectName);
    const master = this.#live(table, masterId);
    const now = this.now();
    for (const loserId of loserIds) {
      const loser = this.#live(table, loserId);
      for (const rel of table.def.childRelationships) {
        const childTable = this.#table(rel.childSObject);
        for (const child of childTable.rows) {
          if (child[rel.field] === loser.Id && !child.IsDeleted) {
            child[rel.field] = master.Id as string;
            child.SystemModstamp = now;
            child.LastModifiedDate = now;
            this.#restamped(childTable, child);
          }
        }
      }
      this.delete(objectName, loser.Id as string);
      loser.MasterRecordId = master.Id as string;
    }
    master.SystemModstamp = now;
    master.LastModifiedDate = now;
    this.#restamped(table, master);
  }

  /** Emptying the Recycle Bin: the row is gone for good; only an Id-set comparison can tell. */
  purge(id: string): void {
    const canonical = this.#canonicalId(id);
    const table = this.#objectOfId.get(canonical);
    const record = this.#byId.get(canonical);
    if (!table || !record) return;
    this.#remove(table, record);
    table.deleted = table.deleted.filter((d) => d.id !== canonical);
  }

  /** A write by automation (flow, trigger, formula recalculation job): SystemModstamp only. */
  touch(id: string, values: Record<string, FieldValue> = {}): void {
    const record = this.byId(id);
    const table = record && this.#objectOfId.get(record.Id as string);
    if (!record || !table) return;
    Object.assign(record, values, { SystemModstamp: this.now() });
    this.#restamped(table, record);
  }

  #table(objectName: string): ObjectTable {
    const def = this.catalog.object(objectName);
    const table = def && this.#tables.get(def.name);
    if (!table) throw new RecordWriteError([recordError('NOT_FOUND', `The requested resource does not exist`)], 404);
    return table;
  }

  #live(table: ObjectTable, id: string): SObjectRecord {
    const record = this.byId(id);
    if (!record || this.#objectOfId.get(record.Id as string) !== table) {
      throw new RecordWriteError([recordError('NOT_FOUND', 'The requested resource does not exist')], 404);
    }
    if (record.IsDeleted) throw new RecordWriteError([recordError('ENTITY_IS_DELETED', 'entity is deleted')], 404);
    return record;
  }

  #canonicalId(id: string): string {
    if (id.length === 15) return to18(id);
    if (this.#byId.has(id)) return id;
    return id.length === 18 ? to18(to15(id)) : id;
  }

  #newId(def: ObjectDef): string {
    let id = makeRecordId(def.keyPrefix, this.#idSequence++);
    while (this.#byId.has(id)) id = makeRecordId(def.keyPrefix, this.#idSequence++);
    return id;
  }

  #add(table: ObjectTable, record: SObjectRecord): void {
    table.rows.push(record);
    table.modstamp?.add(record);
    this.#byId.set(record.Id as string, record);
    this.#objectOfId.set(record.Id as string, table);
    if (!record.IsDeleted) this.#indexKeys(table, record);
  }

  #remove(table: ObjectTable, record: SObjectRecord): void {
    this.#unindexKeys(table, record);
    const at = table.rows.lastIndexOf(record);
    if (at >= 0) table.rows.splice(at, 1);
    table.modstamp?.remove(record);
    this.#byId.delete(record.Id as string);
    this.#objectOfId.delete(record.Id as string);
  }

  #restamped(table: ObjectTable, record: SObjectRecord): void {
    table.modstamp?.restamp(record);
  }

  #indexKeys(table: ObjectTable, record: SObjectRecord): void {
    for (const [field, index] of table.keyIndexes) {
      const key = normaliseKey(record[field] ?? null);
      if (key === null) continue;
      let ids = index.get(key);
      if (!ids) index.set(key, (ids = new Set()));
      ids.add(record.Id as string);
    }
  }

  #unindexKeys(table: ObjectTable, record: SObjectRecord): void {
    for (const [field, index] of table.keyIndexes) {
      const key = normaliseKey(record[field] ?? null);
      if (key !== null) index.get(key)?.delete(record.Id as string);
    }
  }

  #checkReferences(def: ObjectDef, record: SObjectRecord, changed: readonly string[]): void {
    for (const name of changed) {
      const field = this.catalog.field(def.name, name);
      const value = record[name];
      if (!field || field.type !== 'reference' || typeof value !== 'string') continue;
      const target = this.byId(value);
      const targetType = target && this.objectOf(value)?.name;
      if (!target || target.IsDeleted) {
        throw new RecordWriteError([recordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name])]);
      }
      if (!field.referenceTo.includes(targetType ?? '')) {
        throw new RecordWriteError([recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name])]);
      }
    }
  }

  #checkUnique(table: ObjectTable, record: SObjectRecord, changed: readonly string[]): void {
    for (const name of changed) {
      const field = this.catalog.field(table.def.name, name);
      if (!field?.unique) continue;
      const key = normaliseKey(record[field.name] ?? null);
      if (key === null) continue;
      const holders = [...(table.keyIndexes.get(field.name)?.get(key) ?? [])].filter((id) => id !== record.Id);
      if (holders.length > 0) {
        throw new RecordWriteError([recordError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${holders[0]}`, [field.name])]);
      }
    }
  }
}
