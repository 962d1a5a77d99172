import type { CrmAccount, CrmContact, CrmOpportunity, CrmSubscription, CrmUser } from '../../../src/domain/crm-records.ts';

/** 18-char Salesforce-shaped ids: key prefix, then a zero-padded number. */
export const sfId = (prefix: string, n: number, suffix = 'AAA'): string => `${prefix}${String(n).padStart(12, '0')}${suffix}`;

export const T0 = '2026-11-25T10:00:00.000Z';
export const T1 = '2026-11-25T11:00:00.000Z';
export const T2 = '2026-11-25T12:00:00.000Z';

export const account = (n: number, overrides: Partial<CrmAccount> = {}): CrmAccount => ({
  id: sfId('001', n),
  isDeleted: false,
  systemModstamp: T0,
  extra: { tier: 'gold', seats: 40, renewalRisk: false, note: null },
  name: `Account ${n}`,
  parentId: null,
  masterRecordId: null,
  ownerId: sfId('005', 1),
  csmId: sfId('005', 2),
  arr: 120_000.5 + n,
  contractStartDate: '2025-01-01',
  renewalDate: '2026-12-31',
  status: 'Active',
  segment: 'Enterprise',
  industry: 'Technology',
  website: `account${n}.example.com`,
  productKey: `pk-${n}`,
  onboardingComplete: n % 3 === 0 ? null : n % 3 === 1,
  firstValueDate: null,
  ...overrides,
});

export const contact = (n: number, overrides: Partial<CrmContact> = {}): CrmContact => ({
  id: sfId('003', n),
  isDeleted: false,
  systemModstamp: T0,
  extra: {},
  accountId: sfId('001', 1),
  firstName: 'Zoë',
  lastName: `Ńowak ${n}`,
  email: `c${n}@example.com`,
  title: 'VP Operations',
  role: 'Decision Maker',
  isPrimary: true,
  isChampion: false,
  isExecutiveSponsor: true,
  ...overrides,
});

export const opportunity = (n: number, overrides: Partial<CrmOpportunity> = {}): CrmOpportunity => ({
  id: sfId('006', n),
  isDeleted: false,
  systemModstamp: T0,
  extra: { forecast: 'Commit', probability: 0.9 },
  accountId: sfId('001', 1),
  name: `Renewal ${n}`,
  type: 'Renewal',
  stageName: 'Closed Won',
  amount: -1234.75,
  closeDate: '2026-06-30',
  isClosed: true,
  isWon: false,
  ownerId: null,
  ...overrides,
});

export const user = (n: number, overrides: Partial<CrmUser> = {}): CrmUser => ({
  id: sfId('005', n),
  isDeleted: false,
  systemModstamp: T0,
  extra: {},
  username: `csm${n}@example.com.sandbox`,
  name: `CSM ${n}`,
  email: null,
  managerId: sfId('005', 1),
  isActive: false,
  title: '',
  ...overrides,
});

export const subscription = (n: number, overrides: Partial<CrmSubscription> = {}): CrmSubscription => ({
  id: sfId('a0B', n),
  isDeleted: true,
  systemModstamp: T0,
  extra: { nested: 'not allowed by type, so a string', big: 9_007_199_254_740_991 },
  accountId: sfId('001', 1),
  product: 'Analytics',
  quantity: 0,
  startDate: '2026-01-01',
  endDate: null,
  arr: 0.1 + 0.2,
  status: null,
  ...overrides,
});
