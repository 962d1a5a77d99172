import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { SextantError } from '../../domain/sextant-error.ts';
import type { FieldDef, ObjectDef } from './object-schema.ts';
import { auditFields, bool, currency, date, datetime, double, email, idField, lookup, percent, phone, picklist, multiPicklist, text, textArea, url } from './field-builders.ts';

/**
 * Reads custom objects and fields from an sfdx source tree (force-app/main/default/objects),
 * so the sandbox's describe shows exactly what deploying sfdx-project/ would add to a real org.
 */
/** XML booleans are the strings 'true'/'false'; z.coerce.boolean would read 'false' as true. */
const XmlBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
const PicklistValueXml = z.object({ fullName: z.union([z.string(), z.number()]).transform(String) });
const CustomFieldXml = z.object({
  fullName: z.string(),
  label: z.string(),
  type: z.enum(['Text', 'TextArea', 'LongTextArea', 'Number', 'Currency', 'Percent', 'Date', 'DateTime', 'Checkbox', 'Picklist', 'MultiselectPicklist', 'Lookup', 'Email', 'Url', 'Phone']),
  length: z.coerce.number().int().positive().optional(),
  precision: z.coerce.number().int().positive().optional(),
  scale: z.coerce.number().int().nonnegative().optional(),
  externalId: XmlBoolean.optional(),
  unique: XmlBoolean.optional(),
  required: XmlBoolean.optional(),
  defaultValue: z.unknown().optional(),
  referenceTo: z.string().optional(),
  relationshipName: z.string().optional(),
  valueSet: z.object({
    restricted: XmlBoolean.optional(),
    valueSetDefinition: z.object({ value: z.union([PicklistValueXml, z.array(PicklistValueXml)]) }),
  }).optional(),
});
type CustomFieldXml = z.infer<typeof CustomFieldXml>;

const CustomObjectXml = z.object({ label: z.string(), pluralLabel: z.string() });

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

const readXml = async (file: string, root: string): Promise<unknown> => {
  const xml = await readFile(file, 'utf8');
  // fast-xml-parser accepts malformed XML when parsing; validate first so a broken file is an
  // error here rather than a silently missing field in a deployed org.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SextantError('METADATA_INVALID', `${file}:${valid.err.line}: ${valid.err.msg}`, { kind: 'config', path: `${file}:${valid.err.line}` });
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  return doc[root];
};

const parseOrThrow = <T>(schema: z.ZodType<T>, value: unknown, file: string): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new SextantError('METADATA_INVALID', `${file}: ${issues}`, { kind: 'config', path: file });
};

const toFieldDef = (xml: CustomFieldXml): FieldDef => {
  const common = { label: xml.label, externalId: xml.externalId ?? false, unique: xml.unique ?? false, nillable: !(xml.required ?? false), custom: true };
  const values = (): string[] => {
    const v = xml.valueSet?.valueSetDefinition.value;
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((p) => p.fullName);
  };
  const name = xml.fullName;
  switch (xml.type) {
    case 'Text': return text(name, xml.length ?? 255, { ...common, idLookup: common.externalId || common.unique });
    case 'TextArea': return textArea(name, 255, common);
    case 'LongTextArea': return textArea(name, xml.length ?? 32768, common);
    case 'Number': return double(name, xml.precision ?? 18, xml.scale ?? 0, common);
    case 'Currency': return currency(name, { ...common, precision: xml.precision ?? 18, scale: xml.scale ?? 2 });
    case 'Percent': return percent(name, common);
    case 'Date': return date(name, common);
    case 'DateTime': return datetime(name, common);
    case 'Checkbox': return bool(name, { ...common, nillable: false, defaultValue: String(xml.defaultValue) === 'true' });
    case 'Picklist': return picklist(name, values(), { ...common, restrictedPicklist: xml.valueSet?.restricted ?? false });
    case 'MultiselectPicklist': return multiPicklist(name, values(), { ...common, restrictedPicklist: xml.valueSet?.restricted ?? false });
    case 'Email': return email(name, { ...common, idLookup: common.externalId });
    case 'Url': return url(name, common);
    case 'Phone': return phone(name, common);
    case 'Lookup':
      return lookup(name, [xml.referenceTo ?? 'Account'], name.replace(/__c$/, '__r'), {
        ...common,
        childRelationshipName: xml.relationshipName === undefined ? null : `${xml.relationshipName}__r`,
      });
  }
};

/** Custom objects get key prefixes a0A…a0z by their first letter, like an org's a0X prefixes. */
const assignKeyPrefix = (name: string, taken: Set<string>): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const first = name[0]?.toUpperCase() ?? 'A';
  const start = Math.max(0, alphabet.indexOf(first));
  for (let i = 0; i < alphabet.length; i++) {
    const prefix = `a0${alphabet[(start + i) % alphabet.length]}`;
    if (!taken.has(prefix)) return prefix;
  }
  throw new SextantError('METADATA_INVALID', 'too many custom objects', { kind: 'config' });
};

const listDir = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
};

/**
 * Applies the metadata under `objectsDir` to the standard objects: custom fields are appended to
 * existing objects, custom objects (`X__c` folders with an .object-meta.xml) are created.
 */
export const loadCustomMetadata = async (objectsDir: string, standard: readonly ObjectDef[]): Promise<ObjectDef[]> => {
  const objects = standard.map((o) => ({ ...o, fields: [...o.fields] }));
  const taken = new Set(objects.map((o) => o.keyPrefix));
  for (const folder of await listDir(objectsDir)) {
    let target = objects.find((o) => o.name === folder);
    if (!target) {
      const file = path.join(objectsDir, folder, `${folder}.object-meta.xml`);
      const meta = parseOrThrow(CustomObjectXml, await readXml(file, 'CustomObject'), file);
      const keyPrefix = assignKeyPrefix(folder.replace(/__c$/, ''), taken);
      taken.add(keyPrefix);
      target = {
        name: folder, label: meta.label, labelPlural: meta.pluralLabel, keyPrefix, custom: true,
        queryable: true, createable: true, updateable: true, deletable: true,
        fields: [idField(), text('Name', 80, { label: `${meta.label} Name`, nillable: false }), ...auditFields()],
        childRelationships: [],
      };
      objects.push(target);
    }
    const fieldsDir = path.join(objectsDir, folder, 'fields');
    for (const entry of await listDir(fieldsDir)) {
      if (!entry.endsWith('.field-meta.xml')) continue;
      const file = path.join(fieldsDir, entry);
      const field = toFieldDef(parseOrThrow(CustomFieldXml, await readXml(file, 'CustomField'), file));
      const audit = target.fields.findIndex((f) => f.name === 'OwnerId' || f.name === 'IsDeleted');
      // Keep audit fields last, as describe lists them after the object's own fields.
      target.fields.splice(audit === -1 ? target.fields.length : audit, 0, field);
    }
  }
  return objects;
};
