import { expect } from 'chai';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import { to15 } from '../../../../src/domain/salesforce-id.ts';
import type { SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';
import { demoOrg, usageByKey } from './demo-fixtures.ts';

const normalise = (key: string): string => key.trim().toLowerCase();
const hostOf = (website: string): string => website.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').split('/')[0] ?? '';

describe('demo dirty keys', function () {
  this.timeout(60_000);

  for (const size of [200, 2000]) {
    describe(`${size} accounts`, () => {
      const org = (): DemoOrg => demoOrg(size);
      const accounts = (): Map<string, SObjectRecord> => new Map((org().records.Account ?? []).map((a) => [a.Id as string, a]));
      const warehouseKeys = (): Set<string> => new Set(org().warehouse.map((w) => w.key));
      const crmKeys = (): Set<string> => new Set((org().records.Account ?? []).map((a) => a.Product_Account_Key__c).filter((k) => typeof k === 'string').map((k) => normalise(k as string)));
      const keys = () => org().truth.keys;

      it('records every kind of dirty key', () => {
        for (const [kind, cases] of Object.entries(keys())) expect(cases.length, kind).to.be.above(0);
      });

      it('keys some accounts by their 15-char id in the warehouse, with no key in the CRM', () => {
        for (const c of keys().salesforceIdKeys) {
          const a = accounts().get(c.accountId);
          expect(a?.Product_Account_Key__c).to.equal(null);
          expect(c.usageKey).to.equal(to15(c.accountId)).and.have.length(15);
          expect(warehouseKeys().has(c.usageKey)).to.equal(true);
          expect(c.arr).to.equal(a?.ARR__c).and.be.above(0);
        }
      });

      it('spells some warehouse keys in another case or with spaces', () => {
        for (const c of keys().caseOrSpaceVariants) {
          expect(accounts().get(c.accountId)?.Product_Account_Key__c).to.equal(c.crmKey);
          expect(c.usageKey).to.not.equal(c.crmKey);
          expect(normalise(c.usageKey)).to.equal(normalise(c.crmKey));
          expect(warehouseKeys().has(c.usageKey)).to.equal(true);
          expect(warehouseKeys().has(c.crmKey)).to.equal(false);
        }
      });

      it('leaves some accounts matchable by website domain only', () => {
        for (const c of keys().domainOnly) {
          const a = accounts().get(c.accountId);
          expect(a?.Product_Account_Key__c).to.equal(null);
          expect(hostOf(a?.Website as string)).to.equal(c.usageDomain);
          expect(crmKeys().has(normalise(c.usageKey))).to.equal(false);
          expect(org().warehouse.find((w) => w.key === c.usageKey)?.domain).to.equal(c.usageDomain);
        }
      });

      it('puts free-mail domains on both sides, which must not match by domain', () => {
        for (const c of keys().freeMailDomain) {
          expect(hostOf(accounts().get(c.accountId)?.Website as string)).to.equal('gmail.com');
          expect(c.usageDomain).to.equal('gmail.com');
          expect(crmKeys().has(normalise(c.usageKey))).to.equal(false);
        }
        expect(keys().orphans.some((o) => o.freeMail && o.usageDomain === 'gmail.com')).to.equal(true);
      });

      it('puts one key on two accounts', () => {
        for (const c of keys().conflicts) {
          const holders = [...accounts().values()].filter((a) => a.Product_Account_Key__c === c.key && !a.IsDeleted).map((a) => a.Id);
          expect(holders).to.have.members(c.accountIds).and.have.length(2);
          expect(c.arr).to.equal(c.accountIds.reduce((sum, id) => sum + (accounts().get(id)?.ARR__c as number), 0));
          expect(warehouseKeys().has(c.key)).to.equal(true);
        }
      });

      it('has orphan usage keys, with volume, that no account holds', () => {
        const usage = usageByKey(org());
        for (const o of keys().orphans) {
          expect(crmKeys().has(normalise(o.usageKey))).to.equal(false);
          expect(usage.get(o.usageKey)?.events ?? 0, o.usageKey).to.be.above(0);
        }
      });

      it('merges duplicates: the loser is deleted, points at the survivor, and its key is still in use', () => {
        const usage = usageByKey(org());
        for (const c of keys().merged) {
          const loser = accounts().get(c.loserId);
          const survivor = accounts().get(c.survivorId);
          expect(loser?.IsDeleted).to.equal(true);
          expect(loser?.MasterRecordId).to.equal(c.survivorId);
          expect(survivor?.IsDeleted).to.equal(false);
          expect(loser?.Product_Account_Key__c).to.equal(c.loserKey).and.not.equal(c.survivorKey);
          expect(survivor?.Product_Account_Key__c).to.equal(c.survivorKey);
          expect(usage.get(c.loserKey)?.events ?? 0).to.be.above(0);
          for (const name of ['Contact', 'Opportunity', 'Subscription__c', 'Case']) {
            const field = name === 'Subscription__c' ? 'Account__c' : 'AccountId';
            expect((org().records[name] ?? []).some((r) => r[field] === c.loserId), name).to.equal(false);
          }
        }
      });

      it('has similar names where nothing else matches', () => {
        const usage = org().warehouse;
        for (const c of keys().nameProposals) {
          const a = accounts().get(c.accountId);
          expect(a?.Product_Account_Key__c).to.equal(null);
          expect(a?.Name).to.equal(c.accountName);
          expect(c.usageName.toLowerCase()).to.include((a?.Name as string).split(' ')[0]?.toLowerCase());
          expect(c.usageName).to.not.equal(c.accountName);
          expect(hostOf(a?.Website as string)).to.not.equal(c.usageDomain);
          expect(usage.find((w) => w.key === c.usageKey)?.name).to.equal(c.usageName);
        }
      });

      it('keeps every other warehouse domain unique to one live account', () => {
        const owners = new Map<string, number>();
        for (const a of accounts().values()) {
          if (a.IsDeleted || typeof a.Website !== 'string') continue;
          const host = hostOf(a.Website);
          owners.set(host, (owners.get(host) ?? 0) + 1);
        }
        for (const [host, n] of owners) if (host !== 'gmail.com') expect(n, host).to.equal(1);
      });
    });
  }

  it('fits what it can into a 10-account org', () => {
    const keys = demoOrg(10).truth.keys;
    expect(keys.conflicts.length + keys.merged.length).to.be.above(0);
    expect(keys.orphans.length).to.be.above(0);
  });
});
