import type { CrmAccount } from '../../../../src/domain/crm-records.ts';
import type { UsageAccount } from '../../../../src/domain/usage.ts';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import { formatDay } from '../../../../src/sandbox/demo/time-format.ts';
import type { SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';

const text = (r: SObjectRecord, field: string): string | null => (typeof r[field] === 'string' ? (r[field] as string) : null);

/** What mappings/accounts.yaml would make of a demo Account record (the fields reconciliation reads). */
export const toCrmAccount = (r: SObjectRecord): CrmAccount => ({
  id: r.Id as string,
  isDeleted: r.IsDeleted === true,
  systemModstamp: text(r, 'SystemModstamp') ?? '',
  extra: {},
  name: text(r, 'Name') ?? '',
  parentId: text(r, 'ParentId'),
  masterRecordId: text(r, 'MasterRecordId'),
  ownerId: text(r, 'OwnerId'),
  csmId: text(r, 'CSM__c'),
  arr: typeof r.ARR__c === 'number' ? r.ARR__c : null,
  contractStartDate: text(r, 'Contract_Start_Date__c'),
  renewalDate: text(r, 'Renewal_Date__c'),
  status: text(r, 'Customer_Status__c'),
  segment: text(r, 'Customer_Segment__c'),
  industry: text(r, 'Industry'),
  website: text(r, 'Website')?.trim() ?? null,
  productKey: text(r, 'Product_Account_Key__c')?.trim() ?? null,
  onboardingComplete: r.Onboarding_Complete__c === true,
  firstValueDate: text(r, 'First_Value_Date__c'),
});

/**
 * The warehouse side of the demo: one usage account per warehouse account, keys verbatim.
 * Volume stands in for the event count the warehouse SQL would return: pattern 'none' (the
 * customers without usage) has none, everyone else some, more for more users.
 */
export const toUsageAccounts = (org: DemoOrg): UsageAccount[] =>
  org.warehouse.map((w) => {
    const active = w.pattern !== 'none' && w.untilDay >= w.fromDay;
    return {
      accountKey: w.key,
      domain: w.domain,
      name: w.name,
      events: active ? 50 + w.users * 20 : 0,
      firstDay: active ? formatDay(w.fromDay) : null,
      lastDay: active ? formatDay(w.untilDay) : null,
      licenses: w.licenses,
    };
  });

export const demoAccounts = (org: DemoOrg): CrmAccount[] => (org.records.Account ?? []).map(toCrmAccount);
