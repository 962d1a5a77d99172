import type { FieldDef } from '../schema/object-schema.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { QueryEnv } from './query-env.ts';
import type { RecordPlan } from './record-plan.ts';
import type { SelectNode } from './select-nodes.ts';
import { objectNameOfRecord } from './field-path.ts';
import { bindChildRows } from './record-run.ts';

/** A record as the REST query resource returns it. */
export type RestRecord = { attributes: { type: string; url?: string }; [field: string]: unknown };

type Writer = (record: SObjectRecord, out: RestRecord) => void;

const labelOf = (field: FieldDef): ((value: unknown) => unknown) => {
  const labels = new Map(field.picklistValues.map((p) => [p.value, p.label]));
  return (value) => (typeof value === 'string' ? (labels.get(value) ?? value) : value);
};

/**
 * Turns a select tree into writer closures once per execution; each row then costs one object
 * and one call per selected column. Keys use the schema's casing in the query's order.
 */
export const bindRestBuilder = (plan: RecordPlan, env: QueryEnv, apiVersion: string): ((record: SObjectRecord) => RestRecord) => {
  const sobjectsUrl = `/services/data/v${apiVersion}/sobjects/`;
  const { source } = env;
  const urlOf = (type: string, record: SObjectRecord): string => `${sobjectsUrl}${type}/${String(record['Id'])}`;

  const writersFor = (nodes: SelectNode[]): Writer[] => nodes.map((node): Writer => {
    const key = node.key;
    switch (node.kind) {
      case 'field': {
        if (node.isTypePseudoField) return (record, out) => { out[key] = objectNameOfRecord(source, record); };
        if (node.toLabel) {
          const label = labelOf(node.field);
          return (record, out) => { out[key] = label(record[key] ?? null); };
        }
        return (record, out) => { out[key] = record[key] ?? null; };
      }
      case 'compound': {
        const components = node.components;
        return (record, out) => {
          const value: Record<string, unknown> = {};
          let any = false;
          for (const [jsonKey, fieldName] of components) {
            const v = fieldName === null ? null : (record[fieldName] ?? null);
            if (v !== null) any = true;
            value[jsonKey] = v;
          }
          out[key] = any ? value : null;
        };
      }
      case 'parent': {
        const ref = node.hop.referenceField;
        const fixedType = node.hop.polymorphic ? null : (node.hop.targets[0]?.name ?? null);
        const children = writersFor(node.children);
        return (record, out) => {
          const id = record[ref];
          const parent = typeof id === 'string' ? source.byId(id) : undefined;
          if (!parent) {
            out[key] = null;
            return;
          }
          // Polymorphic lookups (What, Who) come back typed as the "Name" object, with the
          // real object in the url — as Salesforce returns them without TYPEOF.
          const actual = fixedType ?? objectNameOfRecord(source, parent) ?? 'Name';
          const nested: RestRecord = { attributes: { type: fixedType ?? 'Name', url: urlOf(actual, parent) } };
          for (const w of children) w(parent, nested);
          out[key] = nested;
        };
      }
      case 'typeof': {
        const ref = node.hop.referenceField;
        const byType = new Map([...node.byType].map(([type, nodes]) => [type, writersFor(nodes)]));
        return (record, out) => {
          const id = record[ref];
          const parent = typeof id === 'string' ? source.byId(id) : undefined;
          const actual = parent ? objectNameOfRecord(source, parent) : null;
          if (!parent || !actual) {
            out[key] = null;
            return;
          }
          const nested: RestRecord = { attributes: { type: actual, url: urlOf(actual, parent) } };
          for (const w of byType.get(actual) ?? []) w(parent, nested);
          out[key] = nested;
        };
      }
      case 'children': {
        const rowsOf = bindChildRows(node.plan, node.lookupField, env);
        const build = bindRestBuilder(node.plan, env, apiVersion);
        return (record, out) => {
          const rows = rowsOf(String(record['Id']));
          out[key] = rows.length === 0 ? null : { totalSize: rows.length, done: true, records: rows.map(build) };
        };
      }
    }
  });

  const type = plan.object.name;
  const writers = writersFor(plan.select);
  return (record) => {
    const out: RestRecord = { attributes: { type, url: sobjectsUrl + type + '/' + String(record['Id']) } };
    for (let i = 0; i < writers.length; i++) (writers[i] as Writer)(record, out);
    return out;
  };
};
