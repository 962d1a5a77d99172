import type { Logger } from './logger.ts';

/** One CLI command: its options for util.parseArgs, its help line, and what it does. */
export type CommandOptions = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: boolean }>;

export type CommandContext = {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  json: boolean;
  logger: Logger;
  stdout: NodeJS.WriteStream;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
};

export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: CommandOptions;
  run(ctx: CommandContext): Promise<unknown>;
};
