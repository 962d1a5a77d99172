// V8 heap settings for Sextant's pipeline commands. A sync streams pages through short-lived
// objects; left to itself V8 grows the old generation long before collecting it (peak RSS ~590 MB
// for a 1M-record sync). These bounds keep it near 400 MB at the same throughput (bench/sync).
// The sandbox and the demo hold whole orgs in memory, so they run with Node's defaults.
export const heapFlags = (env = process.env) => [
  '--max-semi-space-size=32',
  `--max-old-space-size=${Number(env.SEXTANT_MAX_OLD_SPACE_MB) > 0 ? Number(env.SEXTANT_MAX_OLD_SPACE_MB) : 256}`,
];

export const UNBOUNDED_COMMANDS = new Set(['sandbox', 'demo']);
