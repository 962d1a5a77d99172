/** The demo data generator's public surface: the org, its warehouse usage, NPS, and files. */
export { generateDemoOrg } from './generate-demo-org.ts';
export { DEFAULT_DEMO_ACCOUNTS, SEGMENTS } from './demo-types.ts';
export type { AccountPlan, CustomerStatus, DemoOrg, DemoOrgOptions, Segment, UsagePattern, WarehouseAccount } from './demo-types.ts';
export type { ChurnCase, DemoTruth, DirtyKeyTruth, KeyCase } from './demo-truth.ts';
export type { SharedStamp } from './audit-stamps.ts';
export { activityLevel, CORE_FEATURES, DEFAULT_USAGE_DAYS, generateLicenseRows, generateUsageEvents, LICENSE_COLUMNS, USAGE_EVENT_COLUMNS } from './usage-events.ts';
export type { CoreFeature, LicenseRow, UsageEvent, UsageOptions } from './usage-events.ts';
export { generateNpsResponses, NPS_COLUMNS } from './nps-responses.ts';
export type { NpsDefect, NpsResponseRow, NpsTruth } from './nps-responses.ts';
export { writeDemoFiles } from './write-demo-files.ts';
export type { DemoFilesOptions, DemoFilesResult, DemoFilesTruth } from './write-demo-files.ts';
