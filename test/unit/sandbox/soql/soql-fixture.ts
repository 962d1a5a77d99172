import { buildCatalog } from '../../../../src/sandbox/schema/catalog.ts';
import { standardObjects, stubObjects } from '../../../../src/sandbox/schema/standard-objects.ts';
import { auditFields, currency, datetime, idField, lookup, multiPicklist, text } from '../../../../src/sandbox/schema/field-builders.ts';
import type { ObjectDef, SchemaCatalog } from '../../../../src/sandbox/schema/object-schema.ts';
import type { FieldValue, RecordSource, SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';
import { makeRecordId, to15, to18 } from '../../../../src/domain/salesforce-id.ts';
import type { ExecuteOptions, QueryResult } from '../../../../src/sandbox/soql/execute-query.ts';
import { runSoql } from '../../../../src/sandbox/soql/execute-query.ts';

/** A custom object with a multipicklist and a custom lookup, like the package's Subscription__c. */
const subscriptionObject = (): ObjectDef => ({
  name: 'Subscription__c',
  label: 'Subscription',
  labelPlural: 'Subscriptions',
  keyPrefix: 'a01',
  custom: true,
  queryable: true,
  createable: true,
  updateable: true,
  deletable: true,
  fields: [
    idField(),
    text('Name', 80),
    lookup('Account__c', ['Account'], 'Account__r', { childRelationshipName: 'Subscriptions__r' }),
    multiPicklist('Modules__c', ['Core', 'Analytics', 'Billing', 'Support']),
    currency('Mrr__c'),
    datetime('RenewedAt__c'),
    ...auditFields(),
  ],
  childRelationships: [],
});

export const catalog: SchemaCatalog = buildCatalog([...standardObjects(), ...stubObjects(), subscriptionObject()]);

export const ids = {
  ada: makeRecordId('005', 1),
  bob: makeRecordId('005', 2),
  acme: makeRecordId('001', 1),
  beta: makeRecordId('001', 2),
  gone: makeRecordId('001', 3),
  delta: makeRecordId('001', 4),
  ann: makeRecordId('003', 1),
  carl: makeRecordId('003', 2),
  dora: makeRecordId('003', 3),
  ghost: makeRecordId('003', 4),
  opp1: makeRecordId('006', 1),
  opp2: makeRecordId('006', 2),
  opp3: makeRecordId('006', 3),
  task1: makeRecordId('00T', 1),
  task2: makeRecordId('00T', 2),
  task3: makeRecordId('00T', 3),
  sub1: makeRecordId('a01', 1),
  sub2: makeRecordId('a01', 2),
  sub3: makeRecordId('a01', 3),
  oldCase: makeRecordId('500', 1),
};

const audit = (stamp: string, owner = ids.ada): Record<string, FieldValue> => ({
  OwnerId: owner, IsDeleted: false, CreatedDate: stamp, CreatedById: ids.ada,
  LastModifiedDate: stamp, LastModifiedById: ids.ada, SystemModstamp: stamp,
});

const rows: Record<string, SObjectRecord[]> = {
  User: [
    { Id: ids.ada, Name: 'Ada Admin', Username: 'ada@example.com', LastName: 'Admin', IsActive: true, ManagerId: null, ...audit('2023-06-01T00:00:00.000+0000') },
    { Id: ids.bob, Name: 'Bob Builder', Username: 'bob@example.com', LastName: 'Builder', IsActive: false, ManagerId: ids.ada, ...audit('2023-06-01T00:00:00.000+0000') },
  ],
  Account: [
    {
      Id: ids.acme, Name: 'Acme', Industry: 'Technology', Rating: 'Hot', AnnualRevenue: 1000, NumberOfEmployees: 10,
      BillingStreet: '1 Main St', BillingCity: 'Paris', BillingState: null, BillingPostalCode: '75001', BillingCountry: 'France',
      Description: 'Long, "quoted"\ntext', ParentId: null, Type: 'Customer - Direct',
      ...audit('2024-03-10T10:00:00.000+0000'),
    },
    {
      Id: ids.beta, Name: 'beta corp', Industry: 'Finance', Rating: 'Cold', AnnualRevenue: 500, NumberOfEmployees: 3,
      BillingCity: null, Description: null, ParentId: ids.acme, Type: 'Prospect',
      ...audit('2024-03-14T23:59:59.999+0000', ids.bob),
    },
    {
      Id: ids.gone, Name: 'Gone Ltd', Industry: 'Retail', Rating: 'Warm', AnnualRevenue: 50, NumberOfEmployees: 1,
      ...audit('2024-03-01T00:00:00.000+0000'), IsDeleted: true,
    },
    {
      Id: ids.delta, Name: 'Delta, Inc.', Industry: null, Rating: 'Warm', AnnualRevenue: null, NumberOfEmployees: null,
      ParentId: ids.acme, Type: null,
      ...audit('2024-03-15T00:00:00.000+0000', ids.bob),
    },
  ],
  Contact: [
    { Id: ids.ann, AccountId: ids.acme, FirstName: 'Ann', LastName: 'Alpha', Name: 'Ann Alpha', Email: 'ann@acme.test', ReportsToId: null, ...audit('2024-03-11T00:00:00.000+0000') },
    { Id: ids.carl, AccountId: ids.acme, FirstName: 'Carl', LastName: 'Zed', Name: 'Carl Zed', Email: null, ReportsToId: ids.ann, ...audit('2024-03-12T00:00:00.000+0000') },
    { Id: ids.dora, AccountId: ids.beta, FirstName: 'Dora', LastName: 'Beta', Name: 'Dora Beta', Email: 'dora@beta.test', ReportsToId: null, ...audit('2024-03-13T00:00:00.000+0000', ids.bob) },
    { Id: ids.ghost, AccountId: ids.acme, FirstName: 'Ghost', LastName: 'Gone', Name: 'Ghost Gone', Email: null, ...audit('2024-03-01T00:00:00.000+0000'), IsDeleted: true },
  ],
  Opportunity: [
    { Id: ids.opp1, AccountId: ids.acme, Name: 'Acme renewal', StageName: 'Closed Won', Amount: 100, CloseDate: '2024-03-15', IsClosed: true, IsWon: true, ...audit('2024-03-15T08:00:00.000+0000') },
    { Id: ids.opp2, AccountId: ids.acme, Name: 'Acme upsell', StageName: 'Prospecting', Amount: 200, CloseDate: '2024-04-01', IsClosed: false, IsWon: false, ...audit('2024-03-15T09:00:00.000+0000') },
    { Id: ids.opp3, AccountId: ids.beta, Name: 'Beta new', StageName: 'Negotiation/Review', Amount: 50.5, CloseDate: '2024-02-29', IsClosed: false, IsWon: false, ...audit('2024-03-15T10:00:00.000+0000', ids.bob) },
  ],
  Task: [
    { Id: ids.task1, WhatId: ids.acme, WhoId: ids.ann, Subject: 'Call Ann', Status: 'Completed', Priority: 'High', ActivityDate: '2024-03-14', IsClosed: true, ...audit('2024-03-14T12:00:00.000+0000') },
    { Id: ids.task2, WhatId: ids.opp1, WhoId: null, Subject: 'Send quote', Status: 'Not Started', Priority: 'Normal', ActivityDate: '2024-03-16', IsClosed: false, ...audit('2024-03-15T12:00:00.000+0000') },
    { Id: ids.task3, WhatId: null, WhoId: null, Subject: 'Tidy up', Status: 'Deferred', Priority: 'Low', ActivityDate: null, IsClosed: false, ...audit('2024-03-15T13:00:00.000+0000') },
  ],
  // A case whose account is in the recycle bin: parent lookups still resolve.
  Case: [
    { Id: ids.oldCase, AccountId: ids.gone, Subject: 'Old issue', Status: 'Closed', ...audit('2024-03-02T00:00:00.000+0000') },
  ],
  Subscription__c: [
    { Id: ids.sub1, Name: 'S-1', Account__c: ids.acme, Modules__c: 'Core;Analytics', Mrr__c: 100, RenewedAt__c: '2024-03-15T06:00:00.000+0000', ...audit('2024-03-15T00:00:00.000+0000') },
    { Id: ids.sub2, Name: 'S-2', Account__c: ids.beta, Modules__c: 'Core;Billing;Support', Mrr__c: 50, RenewedAt__c: '2024-03-14T23:00:00.000+0000', ...audit('2024-03-15T00:00:00.000+0000') },
    { Id: ids.sub3, Name: 'S-3', Account__c: ids.acme, Modules__c: null, Mrr__c: null, RenewedAt__c: null, ...audit('2024-03-15T00:00:00.000+0000') },
  ],
};

/** The tiny in-memory RecordSource the tests query; ids resolve in either form. */
export const source: RecordSource = (() => {
  const index = new Map<string, SObjectRecord>();
  for (const list of Object.values(rows)) for (const r of list) index.set(String(r['Id']), r);
  return {
    catalog,
    records: (objectName) => rows[catalog.object(objectName)?.name ?? ''] ?? [],
    byId: (id) => index.get(id.length === 15 ? to18(id) : to18(to15(id))),
  };
})();

/** Friday 15 March 2024, 12:00 UTC. */
export const NOW = new Date('2024-03-15T12:00:00.000Z');

export const run = (soql: string, options: Partial<ExecuteOptions> = {}): QueryResult =>
  runSoql(soql, source, { includeDeleted: false, now: NOW, apiVersion: '62.0', ...options });

/** The REST records of a query, in order. */
export const rest = (soql: string, options: Partial<ExecuteOptions> = {}): Array<Record<string, unknown>> => {
  const result = run(soql, options);
  return Array.from({ length: result.rowCount }, (_, i) => result.restRecord(i));
};

/** One column of a query's REST records. */
export const column = (soql: string, key: string, options: Partial<ExecuteOptions> = {}): unknown[] =>
  rest(soql, options).map((r) => r[key]);
