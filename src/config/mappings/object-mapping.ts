import type { CrmObjectName } from '../../domain/crm-records.ts';
import type { ValueType } from './canonical-fields.ts';
import type { TransformName } from './transforms.ts';

/**
 * A validated mapping, as the rest of Sextant uses it: every entry in long form, with the
 * place in the YAML it came from, so `sextant doctor` can point an admin at the exact line.
 */
export type SourceLocation = { file: string; line: number; col: number };

export type FieldMapping = {
  /** The canonical field (`arr`), or the extra's name (`rating`, stored under record.extra). */
  target: string;
  isExtra: boolean;
  /** Salesforce field or parent path, as written in the YAML (`ARR__c`, `Owner.ManagerId`). */
  from: string;
  type: ValueType;
  /** A null value quarantines the row (RECORD_REQUIRED_MISSING). */
  required: boolean;
  transforms: readonly TransformName[];
  /** Held when the source is null: false for flags the domain keeps non-null, else null. */
  whenNull: null | false;
  at: SourceLocation;
};

export type ObjectMapping = {
  object: CrmObjectName;
  /** The sObject read: Account, Subscription__c, Contract, SBQQ__Subscription__c. */
  source: string;
  /** A SOQL condition (no WHERE keyword) ANDed into every extract query, or null. */
  where: string | null;
  /** Canonical fields, in file order; canonical fields not listed are null (or false). */
  fields: readonly FieldMapping[];
  extra: readonly FieldMapping[];
  file: string;
  at: { object: SourceLocation; source: SourceLocation; where: SourceLocation | null };
};

export type MappingSet = {
  /** In sync order (users, accounts, contacts, opportunities, subscriptions). */
  objects: readonly ObjectMapping[];
  byObject: Readonly<Partial<Record<CrmObjectName, ObjectMapping>>>;
};

/** One problem found while loading: printed as `file:line:col path: message`. */
export type MappingIssue = { file: string; line: number; col: number; path: string; message: string };

export const formatMappingIssue = (issue: MappingIssue): string =>
  `${issue.file}${issue.line > 0 ? `:${issue.line}:${issue.col}` : ''} ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
