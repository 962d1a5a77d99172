import { z } from 'zod';
import { SextantError } from '../domain/sextant-error.ts';

/**
 * Every environment variable Sextant reads, in one place (the only reader of process.env).
 * `.env.example` lists the same names; secrets live only here or in `.env`, never in YAML.
 */
const Env = z.object({
  SF_TARGET_ORG: z.string().min(1).optional(),
  SF_INSTANCE_URL: z.url().optional(),
  SF_ACCESS_TOKEN: z.string().min(1).optional(),
  SF_LOGIN_URL: z.url().optional(),
  SF_USERNAME: z.string().min(1).optional(),
  SF_PASSWORD: z.string().min(1).optional(),
  SF_CLIENT_ID: z.string().min(1).optional(),
  SF_CLIENT_SECRET: z.string().min(1).optional(),
  SF_JWT_KEY_FILE: z.string().min(1).optional(),
  SF_API_VERSION: z.string().regex(/^\d{2}\.0$/, 'must look like 62.0').default('62.0'),
  SEXTANT_DATABASE_URL: z.string().min(1).default('sqlite:.sextant/sextant.db'),
  SEXTANT_CONFIG: z.string().min(1).optional(),
  /** Read by bin/node-flags.js when it starts a pipeline command; validated here with the rest. */
  SEXTANT_MAX_OLD_SPACE_MB: z.coerce.number().int().min(128).optional(),
  /** Usage warehouse secrets (the non-secret settings are under `usage:` in sextant.yaml). */
  SEXTANT_USAGE_DATABASE_URL: z.string().min(1).optional(),
  SEXTANT_SNOWFLAKE_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  SEXTANT_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: z.string().min(1).optional(),
  SEXTANT_SNOWFLAKE_TOKEN: z.string().min(1).optional(),
  SEXTANT_BIGQUERY_KEY_FILE: z.string().min(1).optional(),
  SEXTANT_BIGQUERY_ACCESS_TOKEN: z.string().min(1).optional(),
  SEXTANT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SextantEnv = z.infer<typeof Env>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): SextantEnv => {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(blankless);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new SextantError('CONFIG_INVALID', `environment: ${problems.join('; ')}`, {
    kind: 'config',
    path: String(parsed.error.issues[0]?.path[0] ?? ''),
    hints: ['Fix the variable in your environment or .env (see .env.example).'],
  });
};
