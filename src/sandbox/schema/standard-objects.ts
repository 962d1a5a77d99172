import type { FieldDef, ObjectDef } from './object-schema.ts';
import {
  address, auditFields, bool, currency, date, datetime, email, idField, int, lookup, percent, phone, picklist, text, textArea, url,
} from './field-builders.ts';

/**
 * The standard objects Sextant reads and writes, with the fields a customer-success connector
 * touches. Field names, types and key prefixes are Salesforce's; the list is a subset.
 */
const standardObject = (
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  options: { owned?: boolean; labelPlural?: string; createable?: boolean } = {},
): ObjectDef => {
  const audit = auditFields().filter((f) => options.owned !== false || f.name !== 'OwnerId');
  return {
    name,
    label: name,
    labelPlural: options.labelPlural ?? `${name}s`,
    keyPrefix,
    custom: false,
    queryable: true,
    createable: options.createable ?? true,
    updateable: options.createable ?? true,
    deletable: options.createable ?? true,
    fields: [idField(), ...fields, ...audit],
    childRelationships: [],
  };
};

const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Manufacturing', 'Retail', 'Education', 'Media', 'Government', 'Energy', 'Other'];
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

export const standardObjects = (): ObjectDef[] => [
  standardObject('Organization', '00D', [
    text('Name', 80, { nillable: false }),
    text('InstanceName', 5),
    bool('IsSandbox'),
    picklist('OrganizationType', ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition', 'Professional Edition']),
    text('TimeZoneSidKey', 40),
  ], { owned: false, createable: false }),

  standardObject('User', '005', [
    text('Username', 80, { nillable: false, unique: true, idLookup: true }),
    text('FirstName', 40),
    text('LastName', 80, { nillable: false }),
    text('Name', 121, { createable: false, updateable: false }),
    email('Email', { nillable: false }),
    text('Alias', 8, { nillable: false }),
    bool('IsActive', { defaultValue: true }),
    text('Title', 80),
    text('Department', 80),
    lookup('ManagerId', ['User'], 'Manager'),
    lookup('UserRoleId', ['UserRole'], 'UserRole'),
    picklist('UserType', ['Standard', 'PowerPartner', 'CsnOnly'], { defaultedOnCreate: true, defaultValue: 'Standard' }),
    text('TimeZoneSidKey', 40, { nillable: false, defaultedOnCreate: true, defaultValue: 'America/Los_Angeles' }),
    datetime('LastLoginDate', { createable: false, updateable: false }),
  ], { owned: false }),

  standardObject('Account', '001', [
    text('Name', 255, { nillable: false, idLookup: false }),
    picklist('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
    lookup('ParentId', ['Account'], 'Parent'),
    lookup('MasterRecordId', ['Account'], 'MasterRecord', { createable: false, updateable: false }),
    ...address('Billing'),
    phone('Phone'),
    url('Website'),
    picklist('Industry', INDUSTRIES),
    currency('AnnualRevenue'),
    int('NumberOfEmployees', { precision: 8 }),
    textArea('Description', 32000),
    text('AccountNumber', 40),
    picklist('Rating', ['Hot', 'Warm', 'Cold']),
  ]),

  standardObject('Contact', '003', [
    lookup('AccountId', ['Account'], 'Account'),
    text('FirstName', 40),
    text('LastName', 80, { nillable: false }),
    text('Name', 121, { createable: false, updateable: false }),
    email('Email'),
    phone('Phone'),
    text('Title', 128),
    text('Department', 80),
    lookup('ReportsToId', ['Contact'], 'ReportsTo'),
    bool('HasOptedOutOfEmail'),
    lookup('MasterRecordId', ['Contact'], 'MasterRecord', { createable: false, updateable: false }),
    ...address('Mailing'),
  ]),

  standardObject('Opportunity', '006', [
    lookup('AccountId', ['Account'], 'Account'),
    text('Name', 120, { nillable: false }),
    picklist('StageName', STAGES, { nillable: false, restrictedPicklist: true }),
    currency('Amount'),
    date('CloseDate', { nillable: false }),
    picklist('Type', ['New Business', 'Renewal', 'Expansion', 'Existing Customer - Upgrade', 'Existing Customer - Downgrade']),
    percent('Probability'),
    bool('IsClosed', { createable: false, updateable: false }),
    bool('IsWon', { createable: false, updateable: false }),
    text('NextStep', 255),
    picklist('ForecastCategoryName', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
    lookup('ContractId', ['Contract'], 'Contract'),
  ]),

  standardObject('Contract', '800', [
    lookup('AccountId', ['Account'], 'Account', { nillable: false }),
    text('ContractNumber', 30, { createable: false, updateable: false }),
    picklist('Status', ['Draft', 'In Approval Process', 'Activated'], { nillable: false, defaultedOnCreate: true, defaultValue: 'Draft', restrictedPicklist: true }),
    date('StartDate'),
    date('EndDate', { createable: false, updateable: false }),
    int('ContractTerm', { precision: 4 }),
    textArea('Description', 32000),
  ]),

  standardObject('Task', '00T', [
    lookup('WhoId', ['Contact', 'Lead'], 'Who'),
    lookup('WhatId', ['Account', 'Opportunity', 'Contract'], 'What'),
    text('Subject', 255),
    date('ActivityDate'),
    picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], { nillable: false, defaultedOnCreate: true, defaultValue: 'Not Started' }),
    picklist('Priority', ['High', 'Normal', 'Low'], { nillable: false, defaultedOnCreate: true, defaultValue: 'Normal' }),
    bool('IsClosed', { createable: false, updateable: false }),
    textArea('Description', 32000),
    picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
    datetime('CompletedDateTime', { createable: false, updateable: false }),
  ], { labelPlural: 'Tasks' }),

  standardObject('Event', '00U', [
    lookup('WhoId', ['Contact', 'Lead'], 'Who'),
    lookup('WhatId', ['Account', 'Opportunity', 'Contract'], 'What'),
    text('Subject', 255),
    datetime('StartDateTime', { nillable: false }),
    datetime('EndDateTime', { nillable: false }),
    date('ActivityDate', { createable: false, updateable: false }),
    picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
  ]),

  standardObject('Case', '500', [
    lookup('AccountId', ['Account'], 'Account'),
    lookup('ContactId', ['Contact'], 'Contact'),
    text('CaseNumber', 30, { createable: false, updateable: false }),
    text('Subject', 255),
    picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], { nillable: false, defaultedOnCreate: true, defaultValue: 'New' }),
    picklist('Priority', ['High', 'Medium', 'Low'], { defaultedOnCreate: true, defaultValue: 'Medium' }),
    bool('IsClosed', { createable: false, updateable: false }),
    bool('IsEscalated'),
    datetime('ClosedDate', { createable: false, updateable: false }),
  ]),
];

/** Objects whose relationships are referenced but which the sandbox does not populate. */
export const stubObjects = (): ObjectDef[] => [
  standardObject('Lead', '00Q', [text('LastName', 80, { nillable: false }), text('Company', 255, { nillable: false })]),
  standardObject('UserRole', '00E', [text('Name', 80, { nillable: false })], { owned: false }),
];
