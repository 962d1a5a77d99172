// V8 heap settings for Sextant's pipeline commands. A sync streams pages through short-lived
// objects; left to itself V8 grows the old generation long before collecting it (peak RSS ~590 MB
// for a 1M-record sync). These bounds keep it near 400 MB at the same throughput (bench/sync).
// Steps that hold every account at once (reconcile matches 100k accounts against 100k keys;
// score, backtest and verify index them) spent a third of their time collecting garbage at
// 256 MB (bench/usage: reconcile 2.0–3.5 s at 256 MB, 0.9 s at 512 MB), so they get more.
// The sandbox and the demo hold whole orgs in memory, so they run with Node's defaults.
const OLD_SPACE_MB = { reconcile: 768, score: 768, backtest: 768, verify: 768 };

export const heapFlags = (env = process.env, command = 'sync') => [
  '--max-semi-space-size=32',
  `--max-old-space-size=${Number(env.SEXTANT_MAX_OLD_SPACE_MB) > 0 ? Number(env.SEXTANT_MAX_OLD_SPACE_MB) : (OLD_SPACE_MB[command] ?? 256)}`,
];

export const UNBOUNDED_COMMANDS = new Set(['sandbox', 'demo']);
