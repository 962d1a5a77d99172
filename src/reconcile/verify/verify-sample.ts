import type { CrmAccount } from '../../domain/crm-records.ts';
import type { HealthColour } from '../../domain/health.ts';
import { mulberry32 } from '../../domain/seeded-random.ts';

/**
 * `sextant verify` picks accounts a CSM would look at first: half healthy, half at risk. With
 * health scores stored, the bands are the overall colour; before the first score run, usage
 * stands in (recent activity = healthy, none in two weeks or no linked key = at risk), and the
 * report says which was used.
 */
export type VerifyBand = 'healthy' | 'at-risk';
export type SampledAccount = { account: CrmAccount; band: VerifyBand; why: string };
export type AccountActivity = { lastActiveDay: string | null; keys: number };

export type SampleInput = {
  accounts: readonly CrmAccount[];
  /** Latest overall colour per account id; null when nothing has been scored yet. */
  colours: ReadonlyMap<string, HealthColour> | null;
  activity: ReadonlyMap<string, AccountActivity>;
  size: number;
  seed: number;
  asOf: Date;
  /** Which accounts are customers (reconcile.yaml's `customers`). */
  isCustomer: (account: CrmAccount) => boolean;
};

const DAY_MS = 86_400_000;

const shuffled = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

export const pickVerifySample = (input: SampleInput): { sample: SampledAccount[]; basis: 'health' | 'usage' } => {
  const customers = input.accounts
    .filter((a) => !a.isDeleted && input.isCustomer(a))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const today = Math.floor(input.asOf.getTime() / DAY_MS);
  const daysSince = (day: string | null): number | null => (day === null ? null : today - Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS));
  const healthy: SampledAccount[] = [];
  const atRisk: SampledAccount[] = [];
  for (const account of customers) {
    if (input.colours !== null) {
      const colour = input.colours.get(account.id);
      if (colour === 'green') healthy.push({ account, band: 'healthy', why: 'health green' });
      else if (colour === 'red' || colour === 'yellow') atRisk.push({ account, band: 'at-risk', why: `health ${colour}` });
      continue;
    }
    const activity = input.activity.get(account.id);
    const idle = daysSince(activity?.lastActiveDay ?? null);
    if (activity === undefined || activity.keys === 0) atRisk.push({ account, band: 'at-risk', why: 'no usage key linked' });
    else if (idle === null || idle > 14) atRisk.push({ account, band: 'at-risk', why: idle === null ? 'no usage' : `no usage for ${idle} days` });
    else if (idle <= 7) healthy.push({ account, band: 'healthy', why: idle === 0 ? 'used today' : `used ${idle} days ago` });
  }
  const random = mulberry32(input.seed);
  const half = Math.ceil(input.size / 2);
  const pickedHealthy = shuffled(healthy, random).slice(0, half);
  // A short band leaves its places to the other, so the sample keeps its size where it can.
  const pickedRisk = shuffled(atRisk, random).slice(0, input.size - pickedHealthy.length);
  const topUp = shuffled(healthy, random).filter((s) => !pickedHealthy.includes(s)).slice(0, input.size - pickedHealthy.length - pickedRisk.length);
  return { sample: [...pickedHealthy, ...topUp, ...pickedRisk], basis: input.colours === null ? 'usage' : 'health' };
};
