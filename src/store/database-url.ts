import path from 'node:path';
import { SextantError } from '../domain/sextant-error.ts';

export type DatabaseLocation =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

/** Shows where Sextant tried to connect without printing the password. */
export const redactDatabaseUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
};

const invalid = (databaseUrl: string, why: string): SextantError =>
  new SextantError('CONFIG_INVALID', `SEXTANT_DATABASE_URL ${JSON.stringify(redactDatabaseUrl(databaseUrl))}: ${why}`, {
    kind: 'config',
    path: 'SEXTANT_DATABASE_URL',
    hints: ['Use sqlite:PATH (e.g. sqlite:.sextant/sextant.db) or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.'],
  });

/**
 * Reads `SEXTANT_DATABASE_URL`: `sqlite:PATH` (relative to `cwd`; `sqlite::memory:` for an
 * in-memory store; `sqlite:///abs/path` also accepted) or `postgres://…` / `postgresql://…`.
 */
export const parseDatabaseUrl = (databaseUrl: string, cwd: string = process.cwd()): DatabaseLocation => {
  const url = databaseUrl.trim();
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2);
    if (file === '') throw invalid(databaseUrl, 'no SQLite file path after "sqlite:"');
    if (file === ':memory:') return { dialect: 'sqlite', file };
    return { dialect: 'sqlite', file: path.resolve(cwd, file) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    if (!URL.canParse(url)) throw invalid(databaseUrl, 'not a valid URL');
    return { dialect: 'postgres', url };
  }
  throw invalid(databaseUrl, 'must start with sqlite: or postgres://');
};
