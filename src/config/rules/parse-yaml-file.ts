import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { SextantError } from '../../domain/sextant-error.ts';
import { locate, type PathSegment } from '../mappings/yaml-locations.ts';

/** One problem in a YAML file, placed on the line an admin has to edit. */
export type YamlProblem = { file: string; line: number; col: number; path: string; message: string };

export const formatYamlProblem = (p: YamlProblem): string => `${p.file}:${p.line}:${p.col} ${p.path || '(root)'}: ${p.message}`;

/**
 * Parses a reviewed YAML file (rules/*.yaml, overrides) against its zod schema and reports every
 * problem at once, each with file:line:col and the path inside the file, as one SextantError
 * with `code` (RULES_INVALID, OVERRIDES_INVALID …) and the problems in `data`.
 */
export const parseYamlFile = <S extends z.ZodType>(text: string, file: string, schema: S, code: string): z.infer<S> => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: YamlProblem[] = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { file, line, col, path: '', message: e.message.split('\n')[0] ?? e.message };
  });
  if (problems.length === 0) {
    const parsed = schema.safeParse(doc.toJS() ?? {});
    if (parsed.success) return parsed.data as z.infer<S>;
    for (const issue of parsed.error.issues) {
      const segments = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s)) as PathSegment[];
      const { line, col } = locate(doc, lineCounter, segments);
      problems.push({ file, line, col, path: segments.join('.'), message: issue.message });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  throw new SextantError(code, problems.map(formatYamlProblem).join('\n'), {
    kind: 'config',
    path: `${file}:${problems[0]?.line ?? 1}`,
    data: problems,
    hints: [`fix ${file} and run \`sextant doctor\` to check it`],
  });
};
