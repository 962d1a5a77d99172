import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import type { AccountPlan, Segment } from './demo-types.ts';
import type { NamePools } from './name-pools.ts';
import type { Rng } from './random.ts';
import { DAY_MS, flat, formatDay } from './time-format.ts';

const EMPLOYEES: Record<Segment, readonly [number, number]> = {
  Strategic: [5_000, 120_000], Enterprise: [1_000, 10_000], 'Mid-Market': [200, 1_500], SMB: [5, 200],
};

/** US-style numbers in the 555 fictional exchange. */
export const phoneNumber = (rng: Rng): string => flat('(', rng.int(201, 989), ') 555-', String(rng.int(100, 9999)).padStart(4, '0'));

const dayOrNull = (day: number | null): string | null => (day === null ? null : formatDay(day));

/**
 * Account records from the plans. Sextant's write-back fields are present and null: the org
 * has them (they are deployed), nothing has scored the account yet.
 */
export const buildAccountRecords = (
  rng: Rng,
  pools: NamePools,
  plans: readonly AccountPlan[],
  stamper: AuditStamper,
  adminId: string,
): SObjectRecord[] =>
  plans.map((plan) => {
    const audit = stamper.stamp('Account', plan.createdDay * DAY_MS + rng.int(0, DAY_MS - 1));
    const place = rng.pick(pools.cities);
    const [minEmp, maxEmp] = EMPLOYEES[plan.segment];
    const employees = Math.round(rng.logUniform(minEmp, maxEmp));
    const parent = plan.parentIndex === null ? null : plans[plan.parentIndex];
    const master = plan.masterIndex === null ? null : plans[plan.masterIndex];
    const customer = plan.status !== 'Prospect';
    return {
      Id: plan.id,
      OwnerId: plan.ownerId,
      IsDeleted: plan.isDeleted,
      CreatedDate: audit.created,
      CreatedById: adminId,
      LastModifiedDate: audit.modified,
      LastModifiedById: adminId,
      SystemModstamp: audit.modified,
      Name: plan.name,
      Type: customer ? 'Customer - Direct' : 'Prospect',
      ParentId: parent?.id ?? null,
      MasterRecordId: master?.id ?? null,
      BillingStreet: rng.pick(pools.streets),
      BillingCity: place.city,
      BillingState: place.state,
      BillingPostalCode: place.postalCode,
      BillingCountry: 'United States',
      Phone: phoneNumber(rng),
      Website: plan.website,
      Industry: plan.industry,
      AnnualRevenue: Math.round(employees * rng.float(80_000, 300_000) / 1000) * 1000,
      NumberOfEmployees: employees,
      Product_Account_Key__c: plan.productKey,
      ARR__c: plan.arr,
      Customer_Segment__c: plan.segment,
      Contract_Start_Date__c: dayOrNull(plan.startDay),
      Renewal_Date__c: dayOrNull(plan.renewalDay),
      Customer_Status__c: plan.status,
      CSM__c: plan.csmId,
      Onboarding_Complete__c: plan.onboardingComplete,
      First_Value_Date__c: dayOrNull(plan.firstValueDay),
      Health_Score__c: null,
      Health_Colour__c: null,
      Health_Trend__c: null,
      Health_Drivers__c: null,
      Lifecycle_Stage__c: null,
      Stage_Entered_Date__c: null,
      Last_Scored_At__c: null,
      ARR_At_Risk__c: null,
    };
  });
