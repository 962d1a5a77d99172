#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SextantError, isSextantError } from '../domain/sextant-error.ts';
import { readEnv } from '../config/env.ts';
import type { Command, CommandContext } from './command.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { createLogger } from './logger.ts';
import { sandboxCommand } from './commands/sandbox-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { syncCommand } from './commands/sync-command.ts';
import { doctorCommand } from './commands/doctor-command.ts';
import { reconcileCommand } from './commands/reconcile-command.ts';
import { verifyCommand } from './commands/verify-command.ts';
import { scoreCommand } from './commands/score-command.ts';
import { explainCommand } from './commands/explain-command.ts';
import { backtestCommand } from './commands/backtest-command.ts';
import { schemaCommand } from './commands/schema-command.ts';
import { npsCommand } from './commands/nps-command.ts';

/**
 * The composition root: parses arguments, builds the logger and config, runs one command and
 * maps its outcome to output and an exit code. `--json` prints exactly one JSON document on stdout.
 */
const COMMANDS: readonly Command[] = [sandboxCommand, demoCommand, doctorCommand, syncCommand, reconcileCommand, verifyCommand, scoreCommand, explainCommand, backtestCommand, npsCommand, schemaCommand];

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
};

const help = (): string => [
  `sextant ${version()} — customer-success connector for Salesforce`,
  '',
  'Usage: sextant <command> [options]   (every command takes --json)',
  '',
  'Commands:',
  ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
  '',
  'Global options: --json  --help  --version',
  'Run `sextant <command> --help` for a command\'s options.',
].join('\n');

const commandHelp = (c: Command): string => [
  `Usage: ${c.usage}`, '', c.summary, '', 'Options:',
  ...Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}${o.default === undefined ? '' : `  (default ${String(o.default)})`}`),
  '  --json', '  --help',
].join('\n');

const main = async (argv: string[]): Promise<number> => {
  const [name, ...rest] = argv;
  const json = argv.includes('--json');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(json ? `${JSON.stringify({ version: version() })}\n` : `${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) {
      throw new SextantError('CLI_UNKNOWN_COMMAND', `unknown command '${name}'`, { kind: 'config', hints: [`Commands: ${COMMANDS.map((c) => c.name).join(', ')}`] });
    }
    if (rest.includes('--help')) {
      process.stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...command.options, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    } catch (err) {
      throw new SextantError('CLI_USAGE', (err as Error).message, { kind: 'config', hints: [`Usage: ${command.usage}`] });
    }
    const env = readEnv();
    const logger = createLogger(env.SEXTANT_LOG_LEVEL).child({ command: command.name });
    const stopSignal = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const ctx: CommandContext = { values: parsed.values, positionals: parsed.positionals, json, logger, stdout: process.stdout, stopSignal };
    const result = await command.run(ctx);
    if (json && result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    const error = isSextantError(err)
      ? err
      : new SextantError('UNEXPECTED', (err as Error)?.message ?? String(err), { kind: 'fatal', cause: err });
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
    else {
      process.stderr.write(`sextant: ${error.code}: ${error.message}\n`);
      for (const hint of error.hints) process.stderr.write(`  hint: ${hint}\n`);
      if (error.kind === 'fatal' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    }
    return EXIT_CODES[error.kind];
  }
};

const code = await main(process.argv.slice(2));
// A command may have set a more specific code (sync deferred by the API budget exits 4).
process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
