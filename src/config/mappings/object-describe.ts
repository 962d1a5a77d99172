import { z } from 'zod';
import { SextantError } from '../../domain/sextant-error.ts';

/**
 * The part of an sObject describe (GET /sobjects/{name}/describe) that mapping checks read.
 * Real describe JSON carries ~60 keys per field; only these are validated, the rest pass
 * through, so the same parser takes Salesforce's answer and the sandbox's.
 */
export const DescribeFieldSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  filterable: z.boolean().optional(),
  referenceTo: z.array(z.string()).nullish(),
  relationshipName: z.string().nullish(),
  compoundFieldName: z.string().nullish(),
});
export type DescribeField = z.infer<typeof DescribeFieldSchema>;

export const ObjectDescribeSchema = z.looseObject({
  name: z.string(),
  queryable: z.boolean().optional(),
  fields: z.array(DescribeFieldSchema),
});
export type ObjectDescribe = z.infer<typeof ObjectDescribeSchema>;

export const parseObjectDescribe = (json: unknown): ObjectDescribe => {
  const parsed = ObjectDescribeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new SextantError('DESCRIBE_INVALID', `unexpected describe response: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`, {
    kind: 'fatal',
    data: parsed.error.issues,
  });
};

/** Describes of the objects parent paths lead to (User for Owner.ManagerId), by sObject name. */
export type RelatedDescribes = Readonly<Record<string, ObjectDescribe>>;

/** Compound fields: Bulk API 2.0 refuses them, REST returns them as nested objects. */
export const isCompoundType = (type: string): boolean => type === 'address' || type === 'location';
