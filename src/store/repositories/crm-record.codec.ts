import type { CrmAccount, CrmContact, CrmObjectName, CrmOpportunity, CrmRecordOf, CrmSubscription, CrmUser, SyncedRecord } from '../../domain/crm-records.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { RecordField } from '../store.ts';

/**
 * How each canonical CRM record maps onto its table: the domain field, its snake_case column,
 * and the conversion a value needs. SQLite hands booleans back as 0/1; both dialects hand JSON
 * back as text; the codec makes every caller see the domain types on either database.
 */
type FieldType = 'text' | 'number' | 'boolean';
/** `extra` only: the additional mapped fields, stored as JSON text. */
type StoredType = FieldType | 'json';
type FieldTypes<R> = { readonly [K in Exclude<keyof R, keyof SyncedRecord>]-?: FieldType };

// `satisfies` makes the compiler reject a missing or misspelt field when a domain type changes.
const accountFields = {
  name: 'text', parentId: 'text', masterRecordId: 'text', ownerId: 'text', csmId: 'text', arr: 'number',
  contractStartDate: 'text', renewalDate: 'text', status: 'text', segment: 'text', industry: 'text',
  website: 'text', productKey: 'text', onboardingComplete: 'boolean', firstValueDate: 'text',
} as const satisfies FieldTypes<CrmAccount>;
const contactFields = {
  accountId: 'text', firstName: 'text', lastName: 'text', email: 'text', title: 'text', role: 'text',
  isPrimary: 'boolean', isChampion: 'boolean', isExecutiveSponsor: 'boolean',
} as const satisfies FieldTypes<CrmContact>;
const opportunityFields = {
  accountId: 'text', name: 'text', type: 'text', stageName: 'text', amount: 'number', closeDate: 'text',
  isClosed: 'boolean', isWon: 'boolean', ownerId: 'text',
} as const satisfies FieldTypes<CrmOpportunity>;
const userFields = {
  username: 'text', name: 'text', email: 'text', managerId: 'text', isActive: 'boolean', title: 'text',
} as const satisfies FieldTypes<CrmUser>;
const subscriptionFields = {
  accountId: 'text', product: 'text', quantity: 'number', startDate: 'text', endDate: 'text', arr: 'number', status: 'text',
} as const satisfies FieldTypes<CrmSubscription>;

const FIELDS: { readonly [O in CrmObjectName]: Readonly<Record<string, FieldType>> } = {
  accounts: accountFields,
  contacts: contactFields,
  opportunities: opportunityFields,
  users: userFields,
  subscriptions: subscriptionFields,
};

const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Field = { name: string; column: string; type: StoredType };

export type StoredRow = Record<string, unknown>;

/** How a dialect binds booleans: PostgreSQL has them; SQLite stores 1/0. */
export type BooleanBinding = 'boolean' | 'integer';

export type CrmRecordCodec<O extends CrmObjectName> = {
  /** Insert column order: `toParameters` lays each record's values out in this order. */
  readonly columns: readonly string[];
  /** The bound values of a multi-row insert of `records`, row after row. */
  toParameters(records: readonly CrmRecordOf[O][], runId: string | null, syncedAt: string, booleans: BooleanBinding): unknown[];
  fromRow(row: StoredRow): CrmRecordOf[O];
  /** Reads only `fields` (and `id`): the columns to select, and records with just those fields, decoded as `fromRow` does. */
  fieldReader<F extends RecordField<O>>(fields: readonly F[]): FieldReader<Pick<CrmRecordOf[O], F | 'id'>>;
};

export type FieldReader<R> = { readonly columns: readonly string[]; fromRow(row: StoredRow): R };

const SYNCED_COLUMNS = ['id', 'is_deleted', 'system_modstamp', 'extra', 'synced_at', 'run_id'] as const;

const readValue = (type: StoredType, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (type === 'json') return JSON.parse(String(value));
  if (type === 'boolean') return value === true || value === 1;
  if (type === 'number') return Number(value);
  return value;
};

const buildCodec = <O extends CrmObjectName>(object: O): CrmRecordCodec<O> => {
  const fields: Field[] = Object.entries(FIELDS[object]).map(([name, type]) => ({ name, column: snakeCase(name), type }));
  const synced: Field[] = [
    { name: 'isDeleted', column: 'is_deleted', type: 'boolean' },
    { name: 'systemModstamp', column: 'system_modstamp', type: 'text' },
    { name: 'extra', column: 'extra', type: 'json' },
  ];
  const byName = new Map([...synced, ...fields].map((f) => [f.name, f]));
  return {
    columns: [...SYNCED_COLUMNS, ...fields.map((f) => f.column)],
    // The hot loop of a sync (a million rows a run): one preallocated array per batch, and
    // booleans bound as the dialect wants them so the SQLite adapter need not copy the array.
    toParameters(records, runId, syncedAt, booleans) {
      const asInteger = booleans === 'integer';
      const out = new Array<unknown>(records.length * (SYNCED_COLUMNS.length + fields.length));
      let i = 0;
      for (const record of records) {
        const values = record as unknown as Record<string, unknown>;
        out[i++] = record.id;
        out[i++] = asInteger ? (record.isDeleted ? 1 : 0) : record.isDeleted;
        out[i++] = record.systemModstamp;
        out[i++] = JSON.stringify(record.extra ?? {});
        out[i++] = syncedAt;
        out[i++] = runId;
        for (const field of fields) {
          // `?? null`: a field a caller left undefined is stored as null, not an error mid-batch.
          const value = values[field.name] ?? null;
          out[i++] = asInteger && typeof value === 'boolean' ? (value ? 1 : 0) : value;
        }
      }
      return out;
    },
    fromRow(row) {
      const record: Record<string, unknown> = {
        id: row.id,
        isDeleted: readValue('boolean', row.is_deleted),
        systemModstamp: row.system_modstamp,
        extra: JSON.parse(String(row.extra)),
      };
      for (const field of fields) record[field.name] = readValue(field.type, row[field.column]);
      return record as CrmRecordOf[O];
    },
    fieldReader(names) {
      const selected = [...new Set(names)].filter((n) => n !== 'id').map((n) => {
        const field = byName.get(n);
        // Only a caller that cast its way past RecordField gets here.
        if (field === undefined) throw new SextantError('UNEXPECTED', `the store has no ${object} field ${n}`, { kind: 'fatal' });
        return field;
      });
      return {
        columns: ['id', ...selected.map((f) => f.column)],
        fromRow(row) {
          const record: Record<string, unknown> = { id: row.id };
          for (const field of selected) record[field.name] = readValue(field.type, row[field.column]);
          return record as Pick<CrmRecordOf[typeof object], (typeof names)[number] | 'id'>;
        },
      };
    },
  };
};

const CODECS: { readonly [O in CrmObjectName]: CrmRecordCodec<O> } = {
  accounts: buildCodec('accounts'),
  contacts: buildCodec('contacts'),
  opportunities: buildCodec('opportunities'),
  users: buildCodec('users'),
  subscriptions: buildCodec('subscriptions'),
};

export const crmRecordCodec = <O extends CrmObjectName>(object: O): CrmRecordCodec<O> => CODECS[object];
