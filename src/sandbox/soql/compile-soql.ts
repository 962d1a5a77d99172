import type { FieldType as SelectField, Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, SchemaCatalog } from '../schema/object-schema.ts';
import type { CompileContext } from './query-env.ts';
import type { RecordPlan } from './record-plan.ts';
import { compileRecordPlan } from './record-plan.ts';
import type { AggregatePlan } from './aggregate-plan.ts';
import { AGGREGATE_FUNCTIONS, compileAggregatePlan } from './aggregate-plan.ts';
import { parseSoql } from './parse-soql.ts';
import { invalidType, malformedQuery } from './soql-error.ts';

/**
 * A validated query, ready to run any number of times. `records` is a plain SELECT (with
 * parent paths and child subqueries), `count` is SELECT COUNT(), `aggregate` returns
 * AggregateResult rows (GROUP BY and/or aggregate functions).
 */
export type CompiledQuery =
  | { mode: 'records'; soql: string; object: ObjectDef; plan: RecordPlan; hasOffset: boolean }
  | { mode: 'count'; soql: string; object: ObjectDef; plan: RecordPlan; hasOffset: boolean }
  | { mode: 'aggregate'; soql: string; object: ObjectDef; aggregate: AggregatePlan; hasOffset: boolean };

const isAggregateCall = (field: SelectField): boolean =>
  field.type === 'FieldFunctionExpression' && AGGREGATE_FUNCTIONS.has(field.functionName.toUpperCase());

const isCountStar = (field: SelectField): boolean =>
  field.type === 'FieldFunctionExpression' && field.functionName.toUpperCase() === 'COUNT' && field.parameters.length === 0;

const hasGroupBy = (query: Query): boolean =>
  query.groupBy !== undefined && (!Array.isArray(query.groupBy) || query.groupBy.length > 0);

/** Parses and validates a query against the org's schema; throws SoqlError as Salesforce would. */
export const compileSoql = (soql: string, catalog: SchemaCatalog): CompiledQuery => {
  const query = parseSoql(soql);
  const ctx: CompileContext = { soql, catalog };
  const object = catalog.object(query.sObject ?? '');
  if (!object || !object.queryable) throw invalidType(soql, query.sObject ?? '');
  const fields = query.fields ?? [];
  const hasOffset = query.offset !== undefined;

  if (fields.some(isCountStar)) {
    if (fields.length > 1 || hasGroupBy(query)) throw malformedQuery(soql, 'COUNT() can only be used alone in the SELECT list', 'COUNT');
    return { mode: 'count', soql, object, plan: compileRecordPlan(ctx, object, { ...query, fields: [] }, false), hasOffset };
  }
  if (fields.some(isAggregateCall) || hasGroupBy(query)) {
    return { mode: 'aggregate', soql, object, aggregate: compileAggregatePlan(ctx, object, query), hasOffset };
  }
  if (query.having) throw malformedQuery(soql, 'HAVING requires GROUP BY or an aggregate function', 'HAVING');
  return { mode: 'records', soql, object, plan: compileRecordPlan(ctx, object, query, false), hasOffset };
};

/**
 * Bulk API 2.0 rejects what it cannot chunk: GROUP BY, OFFSET, TYPEOF, aggregate functions,
 * compound address fields and parent-to-child subqueries (child-to-parent paths are fine).
 * Returns the reason for the HTTP layer to turn into an error, or null when Bulk can run it.
 */
export const bulkUnsupportedReason = (compiled: CompiledQuery): string | null => {
  if (compiled.mode === 'aggregate' && compiled.aggregate.groups.length > 0) return 'GROUP BY is not supported by Bulk API 2.0';
  if (compiled.mode !== 'records') return 'Aggregate functions such as COUNT() are not supported by Bulk API 2.0';
  if (compiled.hasOffset) return 'OFFSET is not supported by Bulk API 2.0';
  const { childSubqueries, typeofFields, compoundFields } = compiled.plan.features;
  if (childSubqueries.length > 0) return `Parent-to-child relationship queries are not supported by Bulk API 2.0: ${childSubqueries.join(', ')}`;
  if (typeofFields.length > 0) return `TYPEOF is not supported by Bulk API 2.0: ${typeofFields.join(', ')}`;
  if (compoundFields.length > 0) {
    return `Compound fields are not supported by Bulk API 2.0 (query their components instead): ${compoundFields.join(', ')}`;
  }
  return null;
};
