#!/usr/bin/env node
// The published entry point: Node ≥ 22.18 runs the TypeScript sources directly (type stripping).
// `npx sextant` finds the project's pinned Node 24 first on PATH (devDependency "node").
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`sextant: NODE_TOO_OLD: Node ${process.versions.node} cannot run Sextant; it needs Node >= 22.18 (npm ci installs Node 24 for the project's scripts: use npx sextant or npm run sextant).\n`);
  process.exit(2);
}
await import('../src/cli/main.ts');
