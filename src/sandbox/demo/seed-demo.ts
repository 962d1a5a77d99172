import type { SandboxOrg } from '../sandbox-org.ts';
import { generateDemoOrg, writeDemoFiles } from './index.ts';

/**
 * Loads the deterministic demo org into a sandbox and, when asked, writes the matching warehouse
 * usage and NPS files. Objects load parents first, so the records read as a real org's would.
 */
export type DemoSeedSummary = { records: Record<string, number>; files: Record<string, string>; fileRows: Record<string, number> };

const LOAD_ORDER = ['User', 'Account', 'Contact', 'Opportunity', 'Contract', 'Subscription__c', 'Case', 'Task', 'Event'];

export const seedDemoData = async (org: SandboxOrg, options: { accounts: number; asOf: Date; seed?: number; dataDir?: string }): Promise<DemoSeedSummary> => {
  const demo = generateDemoOrg({ accounts: options.accounts, seed: options.seed ?? 1, asOf: options.asOf });
  const names = [...LOAD_ORDER, ...Object.keys(demo.records).filter((n) => !LOAD_ORDER.includes(n))];
  const counts: Record<string, number> = {};
  for (const name of names) {
    const rows = demo.records[name];
    if (!rows || name === 'Organization') continue;
    // The sandbox already has its Organization row and admin user; the demo's own ids never clash
    // with them, but guard anyway so a seed can never shadow the admin.
    const fresh = rows.filter((r) => typeof r.Id !== 'string' || !org.store.byId(r.Id as string));
    org.store.load(name, fresh);
    counts[name] = org.store.records(name).length;
  }
  if (!options.dataDir) return { records: counts, files: {}, fileRows: {} };
  const written = await writeDemoFiles(options.dataDir, demo, { seed: options.seed ?? 1, asOf: options.asOf });
  return { records: counts, files: written.paths, fileRows: written.rows };
};
