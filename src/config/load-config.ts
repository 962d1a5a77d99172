import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { SextantError } from '../domain/sextant-error.ts';
import { SextantConfig } from './sextant-config.schema.ts';

/**
 * Reads sextant.yaml (from --config, SEXTANT_CONFIG, or ./sextant.yaml when present). Every
 * problem is reported at once as `file:line path: message`, with code CONFIG_INVALID. Relative
 * directories in the file resolve against the file's folder.
 */
/** Files named in sextant.yaml are relative to the file's folder, wherever sextant runs from. */
export const resolvePaths = (config: SextantConfig, dir: string): SextantConfig => {
  const usage = config.usage;
  const source = usage?.source;
  return {
    ...config,
    mappingsDir: path.resolve(dir, config.mappingsDir),
    rulesDir: path.resolve(dir, config.rulesDir),
    ...(config.keyOverridesFile === undefined ? {} : { keyOverridesFile: path.resolve(dir, config.keyOverridesFile) }),
    ...(config.nps === undefined ? {} : { nps: { ...config.nps, file: path.resolve(dir, config.nps.file) } }),
    ...(usage === undefined || source?.kind !== 'files' ? {} : {
      usage: { ...usage, source: { ...source, events: path.resolve(dir, source.events), ...(source.licenses === undefined ? {} : { licenses: path.resolve(dir, source.licenses) }) } },
    }),
  };
};

export const loadConfig = async (explicitPath: string | undefined): Promise<SextantConfig & { file: string | null }> => {
  const file = explicitPath ?? 'sextant.yaml';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && explicitPath === undefined) {
      const defaults = SextantConfig.parse({});
      return { ...resolvePaths(defaults, process.cwd()), file: null };
    }
    throw new SextantError('CONFIG_INVALID', `cannot read ${file}: ${(err as Error).message}`, { kind: 'config', path: file });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const { line, col } = lineCounter.linePos(e.pos[0]);
    throw new SextantError('CONFIG_INVALID', `${file}:${line}:${col}: ${e.message.split('\n')[0]}`, { kind: 'config', path: `${file}:${line}` });
  }
  const parsed = SextantConfig.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const node = doc.getIn(issue.path as Array<string | number>, true) as { range?: [number, number] } | undefined;
      const parent = doc.getIn(issue.path.slice(0, -1) as Array<string | number>, true) as { range?: [number, number] } | undefined;
      const at = node?.range?.[0] ?? parent?.range?.[0];
      const line = at === undefined ? 1 : lineCounter.linePos(at).line;
      return { line, text: `${file}:${line} ${issue.path.join('.') || '(root)'}: ${issue.message}` };
    });
    throw new SextantError('CONFIG_INVALID', problems.map((p) => p.text).join('\n'), { kind: 'config', path: `${file}:${problems[0]?.line ?? 1}`, data: problems });
  }
  const dir = path.dirname(path.resolve(file));
  return { ...resolvePaths(parsed.data, dir), file };
};
