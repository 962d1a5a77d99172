import type { CrmObjectName } from '../../domain/crm-records.ts';

/**
 * What each canonical object (src/domain/crm-records.ts) accepts from a mapping: the value type
 * of every field, whether a mapping must feed it, and what it holds when nothing feeds it.
 * `id`, `isDeleted` and `systemModstamp` are not here: every object reads them from Id,
 * IsDeleted and SystemModstamp, because the sync cursor and delete tracking depend on them.
 */
export type ValueType = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime';
export const VALUE_TYPES: readonly ValueType[] = ['id', 'string', 'number', 'boolean', 'date', 'datetime'];

export type CanonicalField = {
  type: ValueType;
  /** The domain type is not nullable and no default makes sense: the mapping must feed it. */
  mustMap: boolean;
  /** Held when the field is unmapped or its source is null (only for non-null domain booleans). */
  whenNull: null | false;
  /** For fields a mapping must feed: the standard field that usually does, quoted in errors. */
  typicalSource: string | null;
};

const f = (type: ValueType, options: Partial<Omit<CanonicalField, 'type'>> = {}): CanonicalField => ({
  type, mustMap: options.mustMap ?? false, whenNull: options.whenNull ?? null, typicalSource: options.typicalSource ?? null,
});
const must = (type: ValueType, typicalSource: string): CanonicalField => f(type, { mustMap: true, typicalSource });
const flag = (): CanonicalField => f('boolean', { whenNull: false });

export const CANONICAL_FIELDS: Readonly<Record<CrmObjectName, Readonly<Record<string, CanonicalField>>>> = {
  accounts: {
    name: must('string', 'Name'),
    parentId: f('id'),
    masterRecordId: f('id'),
    ownerId: f('id'),
    csmId: f('id'),
    arr: f('number'),
    contractStartDate: f('date'),
    renewalDate: f('date'),
    status: f('string'),
    segment: f('string'),
    industry: f('string'),
    website: f('string'),
    productKey: f('string'),
    onboardingComplete: f('boolean'),
    firstValueDate: f('date'),
  },
  contacts: {
    accountId: f('id'),
    firstName: f('string'),
    lastName: must('string', 'LastName'),
    email: f('string'),
    title: f('string'),
    role: f('string'),
    // An org without these flags simply has no champions marked: false, not unknown.
    isPrimary: flag(),
    isChampion: flag(),
    isExecutiveSponsor: flag(),
  },
  opportunities: {
    accountId: f('id'),
    name: must('string', 'Name'),
    type: f('string'),
    stageName: must('string', 'StageName'),
    amount: f('number'),
    closeDate: f('date'),
    // Every org has IsClosed/IsWon; defaulting them to false would count won deals as open.
    isClosed: must('boolean', 'IsClosed'),
    isWon: must('boolean', 'IsWon'),
    ownerId: f('id'),
  },
  users: {
    username: must('string', 'Username'),
    name: f('string'),
    email: f('string'),
    managerId: f('id'),
    isActive: must('boolean', 'IsActive'),
    title: f('string'),
  },
  subscriptions: {
    accountId: f('id'),
    product: f('string'),
    quantity: f('number'),
    startDate: f('date'),
    endDate: f('date'),
    arr: f('number'),
    status: f('string'),
  },
};

/** Read by every object's extract and normalizer regardless of the mapping. */
export const SYSTEM_SOURCE_FIELDS = { id: 'Id', isDeleted: 'IsDeleted', systemModstamp: 'SystemModstamp' } as const;
export const SYSTEM_TARGETS: readonly string[] = ['id', 'isDeleted', 'systemModstamp', 'extra'];
