import { readFile } from 'node:fs/promises';
import { SextantError } from '../../domain/sextant-error.ts';
import type { CommandContext, CommandOptions } from '../command.ts';
import type { StartSandboxOptions } from '../../sandbox/start-sandbox.ts';
import { positiveInt } from '../option-values.ts';

/** Options shared by `sextant sandbox` and `sextant demo`, parsed into StartSandboxOptions. */
export const sandboxOptions: CommandOptions = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  accounts: { type: 'string', default: '200' },
  'data-dir': { type: 'string' },
  'daily-api-max': { type: 'string', default: '15000' },
  'jwt-cert': { type: 'string' },
  faults: { type: 'string' },
};


export const parseSandboxOptions = async (ctx: CommandContext, seed: 'demo' | 'empty'): Promise<StartSandboxOptions & { faultPlan?: unknown }> => {
  const v = ctx.values;
  const options: StartSandboxOptions & { faultPlan?: unknown } = {
    port: positiveInt(v.port, 'port', 0),
    host: String(v.host),
    seed,
    accounts: positiveInt(v.accounts, 'accounts'),
    dailyApiMax: positiveInt(v['daily-api-max'], 'daily-api-max'),
  };
  if (typeof v['data-dir'] === 'string') options.dataDir = v['data-dir'];
  if (typeof v['jwt-cert'] === 'string') options.jwtCertificateFile = v['jwt-cert'];
  if (typeof v.faults === 'string') {
    try {
      options.faultPlan = JSON.parse(await readFile(v.faults, 'utf8'));
    } catch (err) {
      throw new SextantError('CONFIG_INVALID', `cannot read fault plan ${v.faults}: ${(err as Error).message}`, { kind: 'config', path: v.faults });
    }
  }
  return options;
};
