// The health scorecard engine: pure, asOf passed in. The pipeline assembles AccountFacts,
// loads rules with loadHealthRules (src/config/rules/health-rules.schema.ts) and calls these.
export type { AccountFacts, AccountUsage, ExecSponsorFacts, ManualMeasureValue, NpsFact, OpenOpportunity, SupportFacts, UsageDayFacts } from './account-facts.ts';
export { deriveSignals, prepareSignals, type AccountSignals } from './derive-signals.ts';
export { buildUsageTimelineFromColumns, type UsageColumnSlice } from './usage-timeline.ts';
export type { HealthRules, MeasureDefinition, Scheme, SignalSettings } from './health-rules.ts';
export { scoreAccount, type ScoreOptions } from './score-account.ts';
export { explainSnapshot } from './explain-snapshot.ts';
export { rollUpHierarchy, type HierarchyAccount, type HierarchyResult } from './hierarchy-rollup.ts';
export { runBacktest, type BacktestInput, type BacktestReport, type FactsTimeline, type RenewalOutcome } from './backtest.ts';
export { NEVER, SIGNAL_CATALOG, type SignalValue } from './signal-catalog.ts';
