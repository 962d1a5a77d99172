/** Types for node-flags.js (plain JS: the launcher must run before TypeScript can). */
export declare const heapFlags: (env?: NodeJS.ProcessEnv, command?: string) => string[];
export declare const UNBOUNDED_COMMANDS: ReadonlySet<string>;
