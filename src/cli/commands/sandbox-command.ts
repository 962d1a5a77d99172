import { SextantError } from '../../domain/sextant-error.ts';
import type { Command } from '../command.ts';
import { parseSandboxOptions, sandboxOptions } from './sandbox-options.ts';

/**
 * `sextant sandbox`: a local org speaking Salesforce's REST and Bulk 2.0 protocol. Prints one
 * JSON line with the connection details when ready (scripts wait for it), serves until SIGINT/SIGTERM.
 */
export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'Start a local Salesforce-API-compatible org (demo or empty data)',
  usage: 'sextant sandbox [--port N] [--seed demo|empty] [--accounts N] [--data-dir DIR] [--daily-api-max N] [--jwt-cert FILE] [--faults FILE]',
  options: { ...sandboxOptions, seed: { type: 'string', default: 'demo' } },
  async run(ctx) {
    const seed = ctx.values.seed;
    if (seed !== 'demo' && seed !== 'empty') {
      throw new SextantError('CLI_USAGE', `--seed must be demo or empty, got '${String(seed)}'`, { kind: 'config', path: '--seed' });
    }
    const options = await parseSandboxOptions(ctx, seed);
    // Heavy modules load on use, so `sextant --help` and other commands start fast.
    const { startSandbox } = await import('../../sandbox/start-sandbox.ts');
    const sandbox = await startSandbox(options);
    if (options.faultPlan !== undefined) sandbox.org.faults.configure(options.faultPlan);
    ctx.logger.info({ url: sandbox.server.url, seed, accounts: options.accounts }, 'sandbox ready');
    ctx.stdout.write(`${JSON.stringify({ ...sandbox.connectionInfo(), seed, records: sandbox.demo?.records ?? {} })}\n`);
    const signal = await ctx.stopSignal;
    ctx.logger.info({ signal }, 'sandbox stopping');
    await sandbox.close();
    return undefined;
  },
};
