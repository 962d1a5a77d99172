import { to15 } from '../../domain/salesforce-id.ts';
import { productKey, slug } from './account-plans.ts';
import type { DirtyKeyTruth } from './demo-truth.ts';
import type { AccountPlan } from './demo-types.ts';
import type { NamePools } from './name-pools.ts';
import type { Rng } from './random.ts';

/** How the warehouse identifies an account: its key, the domain of its users, its name. */
export interface UsageIdentity {
  key: string;
  domain: string;
  name: string;
}

export interface DirtyKeyResult {
  truth: DirtyKeyTruth;
  /** Identity per plan index where it differs from the clean one; null = no warehouse account. */
  identities: Map<number, UsageIdentity | null>;
  orphans: (UsageIdentity & { freeMail: boolean })[];
}

export const FREE_MAIL_DOMAIN = 'gmail.com';

/** Warehouse-side spellings of a clean key: the kinds of drift the case/space rule must absorb. */
const KEY_VARIANTS: readonly ((key: string) => string)[] = [
  (k) => k.toLowerCase(),
  (k) => ` ${k}`,
  (k) => `${k.toLowerCase()} `,
  (k) => `Pa-${k.slice(3)}  `,
];

const rate = (count: number, r: number): number => Math.max(1, Math.round(count * r));

/**
 * Makes the org's keys dirty the way real ones are, on a shuffled pool of plain customer
 * accounts (top-level, with usage), in priority order so a tiny org still gets the most
 * important cases. Mutates the chosen plans and returns what was done.
 */
export const applyDirtyKeys = (rng: Rng, pools: NamePools, plans: AccountPlan[]): DirtyKeyResult => {
  const count = plans.length;
  const parents = new Set(plans.map((p) => p.parentIndex).filter((i) => i !== null));
  const pool = rng.shuffle(plans.filter((p) =>
    (p.status === 'Active' || p.status === 'Onboarding') && p.parentIndex === null && !parents.has(p.index) && p.pattern !== 'none'));
  const crmDomains = new Set(plans.map((p) => p.domain));
  const truth: DirtyKeyTruth = {
    salesforceIdKeys: [], caseOrSpaceVariants: [], domainOnly: [], freeMailDomain: [], conflicts: [], orphans: [], merged: [], nameProposals: [],
  };
  const identities = new Map<number, UsageIdentity | null>();
  let extra = count;
  // Keys the product has but nobody typed into the CRM: numbered after every CRM key.
  const extraKey = (): string => productKey(++extra);
  const freshDomain = (base: string, tld: string): string => {
    let domain = `${base}.${tld}`;
    for (let n = 2; crmDomains.has(domain); n++) domain = `${base}${n}.${tld}`;
    crmDomains.add(domain);
    return domain;
  };
  const caseOf = (p: AccountPlan) => ({ accountId: p.id, accountName: p.name, arr: p.arr });
  const take = (): AccountPlan | undefined => pool.pop();

  for (let i = 0; i < rate(count, 0.003) && pool.length >= 2; i++) {
    const a = take() as AccountPlan;
    const b = take() as AccountPlan;
    b.productKey = a.productKey;
    b.pattern = 'none';
    b.users = 0;
    b.highUtilization = false;
    identities.set(b.index, null);
    truth.conflicts.push({ key: a.productKey ?? '', accountIds: [a.id, b.id], arr: a.arr + b.arr });
  }

  for (let i = 0; i < rate(count, 0.003) && pool.length >= 2; i++) {
    const survivor = take() as AccountPlan;
    const loser = take() as AccountPlan;
    // The loser was a duplicate of the survivor: same company, spelled differently.
    loser.isDeleted = true;
    loser.masterIndex = survivor.index;
    loser.name = `${survivor.stem} ${rng.pick(['Inc', 'Incorporated', 'Corp.', '(Duplicate)'])}`;
    loser.stem = survivor.stem;
    loser.domain = survivor.domain;
    loser.website = survivor.website;
    identities.set(loser.index, { key: loser.productKey ?? '', domain: survivor.domain, name: loser.name });
    truth.merged.push({
      loserId: loser.id, survivorId: survivor.id, loserKey: loser.productKey ?? '', survivorKey: survivor.productKey ?? '',
      loserName: loser.name, survivorName: survivor.name, arr: survivor.arr,
    });
  }

  for (let i = 0; i < rate(count, 0.01) && pool.length > 0; i++) {
    const p = take() as AccountPlan;
    p.productKey = null;
    const usageKey = to15(p.id);
    identities.set(p.index, { key: usageKey, domain: p.domain, name: p.name });
    truth.salesforceIdKeys.push({ ...caseOf(p), usageKey });
  }

  for (let i = 0; i < rate(count, 0.015) && pool.length > 0; i++) {
    const p = take() as AccountPlan;
    const crmKey = p.productKey ?? '';
    const usageKey = (KEY_VARIANTS[i % KEY_VARIANTS.length] ?? ((k: string) => k))(crmKey);
    identities.set(p.index, { key: usageKey, domain: p.domain, name: p.name });
    truth.caseOrSpaceVariants.push({ ...caseOf(p), crmKey, usageKey });
  }

  for (let i = 0; i < rate(count, 0.01) && pool.length > 0; i++) {
    const p = take() as AccountPlan;
    p.productKey = null;
    // Website spellings a domain rule has to normalise: scheme, www, case, path.
    p.website = rng.pick([`https://www.${p.domain}/`, `WWW.${p.domain.toUpperCase()}`, `http://${p.domain}/about`, `www.${p.domain}`]);
    const usageKey = extraKey();
    identities.set(p.index, { key: usageKey, domain: p.domain, name: p.name });
    truth.domainOnly.push({ ...caseOf(p), website: p.website, usageKey, usageDomain: p.domain });
  }

  for (let i = 0; i < rate(count, 0.005) && pool.length > 0; i++) {
    // Sole traders and tiny teams: the rep copied the signup email's domain into Website.
    const smb = pool.findLastIndex((p) => p.segment === 'SMB');
    const p = (smb >= 0 ? pool.splice(smb, 1)[0] : take()) as AccountPlan;
    p.productKey = null;
    p.domain = FREE_MAIL_DOMAIN;
    p.website = rng.pick([FREE_MAIL_DOMAIN, `www.${FREE_MAIL_DOMAIN}`, `http://${FREE_MAIL_DOMAIN}`]);
    const usageKey = extraKey();
    identities.set(p.index, { key: usageKey, domain: FREE_MAIL_DOMAIN, name: p.name });
    truth.freeMailDomain.push({ ...caseOf(p), website: p.website, usageKey, usageDomain: FREE_MAIL_DOMAIN });
  }

  for (let i = 0; i < rate(count, 0.005) && pool.length > 0; i++) {
    const p = take() as AccountPlan;
    p.productKey = null;
    p.website ??= `https://www.${p.domain}`;
    p.name = `${p.stem} Corp`;
    const usageName = `${p.stem.toUpperCase()} Corporation Inc.`;
    const usageDomain = freshDomain(`${slug(p.stem)}-corporation`, 'io');
    const usageKey = extraKey();
    identities.set(p.index, { key: usageKey, domain: usageDomain, name: usageName });
    truth.nameProposals.push({ ...caseOf(p), usageKey, usageName, usageDomain });
  }

  const orphans: DirtyKeyResult['orphans'] = [];
  for (let i = 0; i < rate(count, 0.01) + 1; i++) {
    const stem = rng.pick(pools.companyStems);
    orphans.push({ key: extraKey(), domain: freshDomain(slug(stem), rng.pick(['com', 'io', 'app'])), name: `${stem} ${rng.pick(['Studio', 'Analytics', 'Co', 'Labs'])}`, freeMail: false });
  }
  for (let i = 0; i < rate(count, 0.003); i++) {
    const name = `${rng.pick(pools.firstNames)} ${rng.pick(pools.lastNames)}`;
    orphans.push({ key: extraKey(), domain: FREE_MAIL_DOMAIN, name, freeMail: true });
  }
  truth.orphans = orphans.map((o) => ({ usageKey: o.key, usageDomain: o.domain, name: o.name, freeMail: o.freeMail }));
  return { truth, identities, orphans };
};
