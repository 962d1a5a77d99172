#!/usr/bin/env node
// The published entry point: Node ≥ 22.18 runs the TypeScript sources directly (type stripping).
// `npx sextant` finds the project's pinned Node 24 first on PATH (devDependency "node").
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { heapFlags, UNBOUNDED_COMMANDS } from './node-flags.js';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`sextant: NODE_TOO_OLD: Node ${process.versions.node} cannot run Sextant; it needs Node >= 22.18 (npm ci installs Node 24 for the project's scripts: use npx sextant or npm run sextant).\n`);
  process.exit(2);
}

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const command = process.argv[2] ?? '';
const bounded = !UNBOUNDED_COMMANDS.has(command) && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'));
if (bounded) {
  // Heap bounds can only be set when V8 starts: run the command in a Node started with them.
  const child = spawn(process.execPath, [...heapFlags(process.env, command), main, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 0)));
} else {
  await import(main);
}
