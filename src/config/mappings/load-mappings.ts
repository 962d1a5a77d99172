import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CRM_OBJECTS, type CrmObjectName } from '../../domain/crm-records.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import { CANONICAL_FIELDS } from './canonical-fields.ts';
import { didYouMean } from './did-you-mean.ts';
import { CrmObjectNameSchema, MappingFileSchema, type FieldEntry, type MappingFile } from './mapping.schema.ts';
import { mappingRuleIssues, type RuleIssue } from './mapping-rules.ts';
import { formatMappingIssue, type FieldMapping, type MappingIssue, type MappingSet, type ObjectMapping, type SourceLocation } from './object-mapping.ts';
import { locate, pathOfKeyAt, type Anchor, type PathSegment } from './yaml-locations.ts';

/**
 * Reads mappings/*.yaml. Every file is checked in full and every problem of every file is
 * reported in one MAPPING_INVALID error: an admin fixing a mapping should not have to re-run
 * once per typo.
 */
export type ParsedMappingFile = {
  mapping: ObjectMapping | null;
  issues: MappingIssue[];
  /** The canonical object the file declares, even when it has other problems. */
  declares: { object: CrmObjectName; at: SourceLocation } | null;
};

const joinPath = (segments: readonly PathSegment[]): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

const toFieldMapping = (
  target: string, entry: FieldEntry, isExtra: boolean, object: CrmObjectName, at: SourceLocation,
): FieldMapping => {
  const canonical = isExtra ? undefined : CANONICAL_FIELDS[object][target];
  return {
    target,
    isExtra,
    from: entry.from,
    type: canonical?.type ?? entry.type ?? 'string',
    required: canonical?.mustMap === true || entry.required === true,
    transforms: entry.transform ?? [],
    whenNull: canonical?.whenNull ?? null,
    at,
  };
};

const FILE_KEYS = ['object', 'source', 'where', 'fields', 'extra'];
const ENTRY_KEYS = ['from', 'type', 'required', 'transform'];

const zodIssues = (error: z.ZodError): RuleIssue[] =>
  error.issues.flatMap((issue): RuleIssue[] => {
    const base = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = base.length === 0 ? FILE_KEYS : ENTRY_KEYS;
      return issue.keys.map((key) => ({ path: [...base, key], message: `unknown key ${JSON.stringify(key)}${didYouMean(key, known)}`, anchor: 'key' }));
    }
    return [{ path: base, message: issue.message, anchor: 'value' }];
  });

const buildMapping = (file: string, data: MappingFile, at: (path: PathSegment[], anchor: Anchor) => SourceLocation): ObjectMapping => ({
  object: data.object,
  source: data.source,
  where: data.where ?? null,
  fields: Object.entries(data.fields).map(([target, entry]) => toFieldMapping(target, entry, false, data.object, at(['fields', target], 'key'))),
  extra: Object.entries(data.extra ?? {}).map(([target, entry]) => toFieldMapping(target, entry, true, data.object, at(['extra', target], 'key'))),
  file,
  at: { object: at(['object'], 'value'), source: at(['source'], 'value'), where: data.where === undefined ? null : at(['where'], 'value') },
});

/** Parses and validates one file's text; `file` is only used to label locations. */
export const parseMappingText = (text: string, file: string): ParsedMappingFile => {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (segments: PathSegment[], anchor: Anchor): SourceLocation => {
    const { line, col } = locate(doc, lineCounter, segments, anchor);
    return { file, line, col };
  };
  const issue = (segments: PathSegment[], message: string, anchor: Anchor): MappingIssue => {
    const { line, col, resolved } = locate(doc, lineCounter, segments, anchor);
    // `transform: shout` is checked as the list [shout]: print the path as written, without [0].
    let shown = segments.length;
    while (shown > resolved && typeof segments[shown - 1] === 'number') shown--;
    return { file, line, col, path: joinPath(segments.slice(0, shown)), message };
  };

  const issues: MappingIssue[] = doc.errors.map((err) => {
    const pos = lineCounter.linePos(err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      const segments = pathOfKeyAt(doc, err.pos[0]);
      const isTarget = segments.length === 2 && (segments[0] === 'fields' || segments[0] === 'extra');
      return { file, ...pos, path: joinPath(segments), message: isTarget ? 'duplicate target: mapped more than once' : 'duplicate key' };
    }
    return { file, ...pos, path: '', message: `YAML: ${err.message}` };
  });
  // Past a syntax error the tree is a guess; duplicate keys leave it intact, so keep checking.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { mapping: null, issues, declares: null };

  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    return { mapping: null, issues: [...issues, { file, line: 1, col: 1, path: '', message: 'empty mapping file' }], declares: null };
  }
  const declared = CrmObjectNameSchema.safeParse((raw as { object?: unknown }).object);
  const parsed = MappingFileSchema.safeParse(raw);
  if (!parsed.success) issues.push(...zodIssues(parsed.error).map((i) => issue(i.path, i.message, i.anchor)));
  issues.push(...mappingRuleIssues(raw).map((i) => issue(i.path, i.message, i.anchor)));
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  return {
    mapping: parsed.success && issues.length === 0 ? buildMapping(file, parsed.data, at) : null,
    issues,
    declares: declared.success ? { object: declared.data, at: at(['object'], 'value') } : null,
  };
};

export const mappingInvalidError = (issues: readonly MappingIssue[]): SextantError => {
  const lines = issues.map(formatMappingIssue);
  const first = issues[0];
  return new SextantError('MAPPING_INVALID', `${issues.length} problem${issues.length === 1 ? '' : 's'} in mappings:\n  ${lines.join('\n  ')}`, {
    kind: 'config',
    path: first === undefined ? undefined : `${first.file}:${first.line}:${first.col}`,
    data: issues,
    hints: ['Edit each listed file at the line shown; see the header comment of mappings/accounts.yaml for the format.'],
  });
};

const MAPPING_FILE = /\.ya?ml$/i;

/** Loads every *.yaml / *.yml file of `dir` (one object per file) or throws MAPPING_INVALID. */
export const loadMappings = async (dir: string): Promise<MappingSet> => {
  const names = await readdir(dir).catch((cause: unknown) => {
    throw new SextantError('MAPPING_INVALID', `cannot read the mappings directory ${dir}`, {
      kind: 'config', path: dir, cause, hints: ['Run from the project root, or point the config at your mappings directory.'],
    });
  });
  const files = names.filter((n) => MAPPING_FILE.test(n)).sort().map((n) => path.join(dir, n));
  if (files.length === 0) throw mappingInvalidError([{ file: dir, line: 0, col: 0, path: '', message: 'no mapping files (*.yaml) found' }]);

  const issues: MappingIssue[] = [];
  const byObject: Partial<Record<CrmObjectName, ObjectMapping>> = {};
  const declaredAt = new Map<CrmObjectName, SourceLocation>();
  for (const file of files) {
    const parsed = parseMappingText(await readFile(file, 'utf8'), file);
    issues.push(...parsed.issues);
    if (parsed.declares) {
      const { object, at } = parsed.declares;
      const earlier = declaredAt.get(object);
      if (earlier) {
        issues.push({ ...at, path: 'object', message: `${object} is already mapped in ${earlier.file}:${earlier.line}` });
        continue;
      }
      declaredAt.set(object, at);
    }
    if (parsed.mapping) byObject[parsed.mapping.object] = parsed.mapping;
  }
  if (issues.length > 0) throw mappingInvalidError(issues);
  return { objects: CRM_OBJECTS.flatMap((o) => byObject[o] ?? []), byObject };
};
