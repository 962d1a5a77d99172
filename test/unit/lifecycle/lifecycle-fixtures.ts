import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLifecycleRules } from '../../../src/config/rules/lifecycle-rules.schema.ts';
import type { CrmAccount, CrmOpportunity } from '../../../src/domain/crm-records.ts';
import type { LifecycleFacts } from '../../../src/lifecycle/lifecycle-facts.ts';
import type { LifecycleRules } from '../../../src/lifecycle/lifecycle-rules.ts';

export const SHIPPED_RULES_FILE = fileURLToPath(new URL('../../../rules/lifecycle.yaml', import.meta.url));

/** rules/lifecycle.yaml as shipped: the engine tests run on the defaults RevOps starts from. */
export const shippedRules = (): LifecycleRules => loadLifecycleRules(readFileSync(SHIPPED_RULES_FILE, 'utf8'), 'rules/lifecycle.yaml');

export const AS_OF = '2026-11-25';

/**
 * A mature customer that no stage rule takes by itself: signed, onboarded, first value
 * reached, green, renewal far away, adoption targets not met, no expansion signal. Each test
 * changes only what it is about.
 */
export const facts = (overrides: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  accountId: '001000000000001AAA',
  asOf: AS_OF,
  segment: 'Enterprise',
  healthColour: 'green',
  escalationOpen: false,
  daysUntilRenewal: 300,
  contractSigned: true,
  onboardingComplete: true,
  firstValueReached: true,
  adoptionTargetMetDays: 0,
  expansionOpportunityOpen: false,
  licenseUtilization: 0.5,
  churned: false,
  status: 'Active',
  renewalDate: '2027-09-21',
  contractSignedOn: '2025-09-21',
  firstValueOn: '2025-11-10',
  adoptionTargetMetSince: null,
  ...overrides,
});

export const account = (overrides: Partial<CrmAccount> = {}): CrmAccount => ({
  id: '001000000000001AAA',
  isDeleted: false,
  systemModstamp: '2026-11-01T00:00:00.000Z',
  extra: {},
  name: 'Northwind',
  parentId: null,
  masterRecordId: null,
  ownerId: '005000000000001AAA',
  csmId: null,
  arr: 120_000,
  contractStartDate: '2025-09-21',
  renewalDate: '2027-09-21',
  status: 'Active',
  segment: 'Enterprise',
  industry: 'Retail',
  website: 'northwind.example',
  productKey: 'nw-1',
  onboardingComplete: true,
  firstValueDate: '2025-11-10',
  ...overrides,
});

export const opportunity = (overrides: Partial<CrmOpportunity> = {}): CrmOpportunity => ({
  id: '006000000000001AAA',
  isDeleted: false,
  systemModstamp: '2026-11-01T00:00:00.000Z',
  extra: {},
  accountId: '001000000000001AAA',
  name: 'Northwind deal',
  type: 'New Business',
  stageName: 'Closed Won',
  amount: 120_000,
  closeDate: '2026-10-01',
  isClosed: true,
  isWon: true,
  ownerId: '005000000000001AAA',
  ...overrides,
});
