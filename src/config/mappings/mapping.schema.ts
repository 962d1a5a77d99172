import { z } from 'zod';
import { CRM_OBJECTS } from '../../domain/crm-records.ts';
import { VALUE_TYPES } from './canonical-fields.ts';
import { TRANSFORM_NAMES } from './transforms.ts';

/**
 * The shape of one mappings/*.yaml file. Structure only: which canonical fields an object has,
 * and what each may carry, is checked against the catalog in mapping-rules.ts, so that one run
 * reports every problem of a file instead of stopping at the first structural one.
 */
const listed = (values: readonly string[]): string => values.join(', ');

export const CrmObjectNameSchema = z.enum(CRM_OBJECTS, {
  error: (issue) => issue.input === undefined
    ? `missing: the canonical object this file fills (one of: ${listed(CRM_OBJECTS)})`
    : `unknown canonical object ${JSON.stringify(issue.input)} (one of: ${listed(CRM_OBJECTS)})`,
});

/** An sObject API name: Account, Subscription__c, SBQQ__Subscription__c. */
export const SObjectNameSchema = z.string({
  error: (issue) => (issue.input === undefined ? 'missing: the sObject to read, e.g. source: Account' : 'must be an sObject API name such as Account'),
})
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an sObject API name such as Account or Subscription__c');

/**
 * A field of the source object, or a parent path through lookups (Owner.ManagerId,
 * SBQQ__Product__r.Name). SOQL allows at most 5 levels of child-to-parent relationships.
 */
export const SalesforceFieldPathSchema = z.string({
  error: (issue) => (issue.input === undefined ? 'missing: the Salesforce field to read' : 'must be a Salesforce field API name'),
})
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){0,5}$/,
    'must be a field API name (Name, ARR__c) or a parent path of at most 5 relationships (Owner.ManagerId)',
  );

export const TransformNameSchema = z.enum(TRANSFORM_NAMES, {
  error: (issue) => `unknown transform ${JSON.stringify(issue.input)} (one of: ${listed(TRANSFORM_NAMES)})`,
});

export const ValueTypeSchema = z.enum(VALUE_TYPES, {
  error: (issue) => `unknown type ${JSON.stringify(issue.input)} (one of: ${listed(VALUE_TYPES)})`,
});

const LongFieldEntrySchema = z.strictObject({
  from: SalesforceFieldPathSchema,
  type: ValueTypeSchema.optional(),
  required: z.boolean({ error: 'must be true or false' }).optional(),
  // `transform: trim` is short for `transform: [trim]`.
  transform: z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z.array(TransformNameSchema, { error: 'expected a transform or a list of transforms' }).min(1, 'list at least one transform'),
  ).optional(),
}, { error: 'expected a Salesforce field name, or { from: Field, type?, required?, transform? }' });

/** `arr: ARR__c` is short for `arr: { from: ARR__c }`. */
export const FieldEntrySchema = z.preprocess((value) => (typeof value === 'string' ? { from: value } : value), LongFieldEntrySchema);
export type FieldEntry = z.infer<typeof LongFieldEntrySchema>;

const EntriesSchema = z.record(z.string(), FieldEntrySchema, {
  error: (issue) => (issue.input === undefined ? 'missing: a map of canonical field: Salesforce field' : 'expected a map of canonical field: Salesforce field'),
});

export const MappingFileSchema = z.strictObject({
  object: CrmObjectNameSchema,
  source: SObjectNameSchema,
  /** A SOQL condition without the WHERE keyword; the extract ANDs it with its cursor filter. */
  where: z.string({ error: 'must be a SOQL condition (text)' })
    .trim()
    .min(1, 'must not be empty (remove the key instead)')
    .refine((w) => !/^where\b/i.test(w), 'write the condition without the WHERE keyword')
    // FROM is fine inside a semi-join (`Id IN (SELECT AccountId FROM Contact)`); these are not.
    .refine((w) => !/\b(?:limit|order\s+by|group\s+by)\b/i.test(stripQuoted(w)), 'must be a condition only (no ORDER BY, GROUP BY or LIMIT)')
    .optional(),
  fields: EntriesSchema,
  extra: EntriesSchema.optional(),
});
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** Blanks out '…' literals so keywords inside values ('Closed from web') are not mistaken for clauses. */
export const stripQuoted = (soql: string): string => soql.replace(/'(?:[^'\\]|\\.)*'/g, "''");
