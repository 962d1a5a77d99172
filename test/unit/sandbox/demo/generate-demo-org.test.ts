import { expect } from 'chai';
import { generateDemoOrg } from '../../../../src/sandbox/demo/generate-demo-org.ts';
import type { DemoOrg } from '../../../../src/sandbox/demo/demo-types.ts';
import type { SObjectRecord } from '../../../../src/sandbox/org/sobject-record.ts';
import { AS_OF, AS_OF_DAY, demoOrg, SEED } from './demo-fixtures.ts';

const DAY = 86_400_000;
const rows = (org: DemoOrg, name: string): SObjectRecord[] => org.records[name] ?? [];
const ids = (org: DemoOrg, name: string): Set<string> => new Set(rows(org, name).map((r) => r.Id as string));
const dayOfDate = (s: unknown): number => Date.parse(`${String(s)}T00:00:00Z`) / DAY;
const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const SF_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('generateDemoOrg', function () {
  this.timeout(60_000);

  describe('determinism', () => {
    it('gives byte-identical output for the same seed and asOf', () => {
      const a = generateDemoOrg({ accounts: 150, seed: 7, asOf: AS_OF });
      const b = generateDemoOrg({ accounts: 150, seed: 7, asOf: AS_OF });
      expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
    });

    it('gives different data for a different seed', () => {
      const a = generateDemoOrg({ accounts: 150, seed: 7, asOf: AS_OF });
      const b = generateDemoOrg({ accounts: 150, seed: 8, asOf: AS_OF });
      expect(JSON.stringify(a.records.Account)).to.not.equal(JSON.stringify(b.records.Account));
    });

    it('defaults to 200 accounts and rejects nonsense sizes', () => {
      expect(rows(demoOrg(200), 'Account')).to.have.length(200);
      expect(() => generateDemoOrg({ accounts: 0, seed: 1, asOf: AS_OF })).to.throw(RangeError);
      expect(() => generateDemoOrg({ accounts: 10, seed: 1, asOf: new Date('nope') })).to.throw(RangeError);
    });
  });

  for (const size of [10, 200, 2000]) {
    describe(`${size} accounts`, () => {
      const org = (): DemoOrg => demoOrg(size);

      it('has the organization, users and exactly the requested accounts', () => {
        expect(rows(org(), 'Organization')).to.have.length(1);
        expect(rows(org(), 'Account')).to.have.length(size);
        expect(org().truth.counts.Account).to.equal(size);
        expect(org().truth.accounts).to.equal(size);
      });

      it('keeps every reference pointing at a generated record', () => {
        const users = ids(org(), 'User');
        const accounts = ids(org(), 'Account');
        const contacts = ids(org(), 'Contact');
        const contracts = ids(org(), 'Contract');
        const refs: [string, string, Set<string>][] = [
          ['User', 'ManagerId', users], ['Account', 'OwnerId', users], ['Account', 'CSM__c', users], ['Account', 'ParentId', accounts],
          ['Account', 'MasterRecordId', accounts], ['Contact', 'AccountId', accounts], ['Contact', 'OwnerId', users],
          ['Opportunity', 'AccountId', accounts], ['Opportunity', 'OwnerId', users], ['Opportunity', 'ContractId', contracts],
          ['Contract', 'AccountId', accounts], ['Subscription__c', 'Account__c', accounts], ['Subscription__c', 'OwnerId', users],
          ['Task', 'WhatId', accounts], ['Task', 'WhoId', contacts], ['Task', 'OwnerId', users], ['Event', 'WhatId', accounts],
          ['Event', 'WhoId', contacts], ['Case', 'AccountId', accounts], ['Case', 'ContactId', contacts], ['Case', 'OwnerId', users],
        ];
        for (const [object, field, targets] of refs) {
          for (const r of rows(org(), object)) {
            const value = r[field];
            if (value !== null) expect(targets.has(value as string), `${object}.${field} ${String(value)}`).to.equal(true);
          }
        }
        for (const [name, records] of Object.entries(org().records)) {
          for (const r of records) {
            expect(users.has(r.CreatedById as string), `${name}.CreatedById`).to.equal(true);
            expect(users.has(r.LastModifiedById as string), `${name}.LastModifiedById`).to.equal(true);
          }
        }
      });

      it('links activities to a contact of the same account', () => {
        const accountOf = new Map(rows(org(), 'Contact').map((c) => [c.Id, c.AccountId]));
        for (const r of [...rows(org(), 'Task'), ...rows(org(), 'Event')]) {
          if (r.WhoId !== null) expect(accountOf.get(r.WhoId)).to.equal(r.WhatId);
        }
      });

      it('stamps audit fields in order and before asOf, with unique 18-char ids', () => {
        const seen = new Set<string>();
        for (const [name, records] of Object.entries(org().records)) {
          for (const r of records) {
            expect(r.Id as string).to.match(/^[a-zA-Z0-9]{15}[A-Z0-5]{3}$/);
            expect(seen.has(r.Id as string), `${name} ${String(r.Id)} duplicated`).to.equal(false);
            seen.add(r.Id as string);
            for (const f of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) expect(r[f] as string, `${name}.${f}`).to.match(SF_DATETIME);
            expect(r.CreatedDate as string <= (r.LastModifiedDate as string), `${name} created after modified`).to.equal(true);
            expect(r.SystemModstamp).to.equal(r.LastModifiedDate);
            expect(Date.parse((r.SystemModstamp as string).replace('+0000', 'Z'))).to.be.below(AS_OF.getTime());
          }
        }
      });

      it('makes several records share one SystemModstamp', () => {
        const counts = new Map<string, number>();
        for (const records of Object.values(org().records)) {
          for (const r of records) counts.set(r.SystemModstamp as string, (counts.get(r.SystemModstamp as string) ?? 0) + 1);
        }
        const shared = org().truth.sharedSystemModstamps[0];
        expect(shared).to.not.equal(undefined);
        expect(counts.get(shared?.stamp ?? '')).to.be.at.least(5);
        const accounts = rows(org(), 'Account').filter((a) => a.SystemModstamp === shared?.stamp);
        expect(accounts.length).to.equal(shared?.counts.Account);
      });

      it('leaves read-only derived fields to the org', () => {
        for (const r of [...rows(org(), 'Contact'), ...rows(org(), 'User')]) expect(r).to.not.have.property('Name');
        for (const r of rows(org(), 'Opportunity')) expect(r).to.not.have.any.keys('IsClosed', 'IsWon');
        for (const r of rows(org(), 'Task')) expect(r).to.not.have.any.keys('IsClosed', 'CompletedDateTime');
        for (const r of rows(org(), 'Case')) expect(r).to.not.have.any.keys('IsClosed', 'CaseNumber', 'ClosedDate');
        for (const r of rows(org(), 'Event')) expect(r).to.not.have.property('ActivityDate');
        for (const r of rows(org(), 'Contract')) expect(r).to.not.have.any.keys('EndDate', 'ContractNumber');
      });
    });
  }

  describe('content at 2,000 accounts', () => {
    const org = (): DemoOrg => demoOrg(2000);
    const accounts = (): SObjectRecord[] => rows(org(), 'Account');

    it('averages about 4 contacts, 3 opportunities and 2 subscriptions per account', () => {
      const per = (name: string): number => rows(org(), name).length / 2000;
      expect(per('Contact')).to.be.within(3.6, 4.4);
      expect(per('Opportunity')).to.be.within(2.6, 3.4);
      expect(per('Subscription__c')).to.be.within(1.7, 2.3);
      expect(per('Task') + per('Event')).to.be.above(1.5);
      expect(per('Case')).to.be.above(0.1);
    });

    it('covers every segment with its ARR range, and every status', () => {
      const range: Record<string, [number, number]> = {
        Strategic: [500_000, 3_000_000], Enterprise: [100_000, 500_000], 'Mid-Market': [20_000, 100_000], SMB: [2_000, 20_000],
      };
      for (const a of accounts()) {
        const [min, max] = range[a.Customer_Segment__c as string] ?? [0, 0];
        if (a.Customer_Status__c === 'Active' || a.Customer_Status__c === 'Onboarding') expect(a.ARR__c as number).to.be.within(min, max);
        else expect(a.ARR__c).to.equal(0);
        expect(a.Type).to.equal(a.Customer_Status__c === 'Prospect' ? 'Prospect' : 'Customer - Direct');
      }
      for (const n of Object.values(org().truth.segments)) expect(n).to.be.above(0);
      for (const n of Object.values(org().truth.statuses)) expect(n).to.be.above(0);
      expect(org().truth.segments.SMB).to.be.above(org().truth.segments.Strategic);
    });

    it('writes date fields as dates, spread around asOf, with renewals inside the 90/120-day windows', () => {
      const { within90Days, within120Days } = org().truth.renewals;
      expect(within90Days.length).to.be.above(0);
      expect(within120Days.length).to.be.above(within90Days.length);
      const byId = new Map(accounts().map((a) => [a.Id, a]));
      for (const id of within120Days) {
        const renewal = dayOfDate(byId.get(id)?.Renewal_Date__c) - AS_OF_DAY;
        expect(renewal).to.be.within(1, 120);
      }
      for (const a of accounts()) {
        for (const f of ['Contract_Start_Date__c', 'Renewal_Date__c', 'First_Value_Date__c']) if (a[f] !== null) expect(a[f] as string).to.match(SF_DATE);
        if (a.Customer_Status__c === 'Active') expect(dayOfDate(a.Renewal_Date__c) - AS_OF_DAY).to.be.within(1, 366);
        if (a.Contract_Start_Date__c !== null) expect(dayOfDate(a.Contract_Start_Date__c)).to.be.below(AS_OF_DAY + 1);
      }
    });

    it('has onboarding accounts from recent Closed Won deals, some stuck over 60 days', () => {
      const byId = new Map(accounts().map((a) => [a.Id, a]));
      const { accountIds, over60Days } = org().truth.onboarding;
      expect(accountIds.length).to.be.above(0);
      expect(over60Days.length).to.be.above(0);
      for (const id of accountIds) {
        const a = byId.get(id);
        expect(a?.Onboarding_Complete__c).to.equal(false);
        expect(AS_OF_DAY - dayOfDate(a?.Contract_Start_Date__c)).to.be.within(0, 100);
        const won = rows(org(), 'Opportunity').find((o) => o.AccountId === id && o.Type === 'New Business');
        expect(won?.StageName).to.equal('Closed Won');
      }
    });

    it('gives churned accounts a Closed Lost renewal at their renewal date', () => {
      const { recent, older, recentlyRenewed } = org().truth.churn;
      expect(recent.length).to.be.above(5);
      expect(older.length).to.be.above(5);
      expect(recentlyRenewed.length).to.be.above(recent.length);
      expect(recent.some((c) => c.signal) && recent.some((c) => !c.signal)).to.equal(true);
      const opps = new Map(rows(org(), 'Opportunity').map((o) => [o.Id, o]));
      for (const c of [...recent, ...older]) {
        const opp = opps.get(c.opportunityId);
        expect(opp?.AccountId).to.equal(c.accountId);
        expect(opp?.Type).to.equal('Renewal');
        expect(opp?.StageName).to.equal('Closed Lost');
        expect(opp?.CloseDate).to.equal(c.renewalDate);
        expect(c.lostArr).to.be.above(0);
      }
      for (const c of recent) expect(AS_OF_DAY - dayOfDate(c.renewalDate)).to.be.within(5, 45);
    });

    it('has open renewals, open expansions and closed history', () => {
      const opps = rows(org(), 'Opportunity');
      const has = (type: string, stage: (s: string) => boolean): boolean => opps.some((o) => o.Type === type && stage(o.StageName as string));
      const open = (s: string): boolean => !s.startsWith('Closed');
      expect(has('Renewal', open)).to.equal(true);
      expect(has('Renewal', (s) => s === 'Closed Won')).to.equal(true);
      expect(has('Expansion', open)).to.equal(true);
      expect(has('New Business', (s) => s === 'Closed Won')).to.equal(true);
      for (const o of opps.filter((x) => x.Type === 'Renewal' && open(x.StageName as string))) {
        expect(dayOfDate(o.CloseDate) - AS_OF_DAY).to.be.within(1, 150);
      }
    });

    it('has parent/child hierarchies under Strategic and Enterprise parents', () => {
      const byId = new Map(accounts().map((a) => [a.Id, a]));
      expect(org().truth.hierarchy.length).to.be.above(5);
      for (const { parentId, childIds } of org().truth.hierarchy) {
        expect(['Strategic', 'Enterprise']).to.include(byId.get(parentId)?.Customer_Segment__c);
        for (const child of childIds) expect(byId.get(child)?.ParentId).to.equal(parentId);
      }
    });

    it('sums subscription ARR to the account ARR for most customers', () => {
      const sums = new Map<string, number>();
      for (const s of rows(org(), 'Subscription__c')) {
        if (s.Status__c === 'Active') sums.set(s.Account__c as string, (sums.get(s.Account__c as string) ?? 0) + (s.ARR__c as number));
        expect(s.Quantity__c as number).to.be.at.least(1);
      }
      const live = accounts().filter((a) => a.Customer_Status__c === 'Active' && !a.IsDeleted);
      const close = live.filter((a) => Math.abs((sums.get(a.Id as string) ?? 0) - (a.ARR__c as number)) <= 0.02 * (a.ARR__c as number));
      expect(close.length / live.length).to.be.within(0.9, 1);
    });

    it('gives customers roles, but not all of them', () => {
      const contacts = rows(org(), 'Contact');
      const byAccount = new Map<string, SObjectRecord[]>();
      for (const c of contacts) byAccount.set(c.AccountId as string, [...(byAccount.get(c.AccountId as string) ?? []), c]);
      const customers = accounts().filter((a) => a.Customer_Status__c === 'Active');
      const share = (flag: string): number => customers.filter((a) => (byAccount.get(a.Id as string) ?? []).some((c) => c[flag] === true)).length / customers.length;
      expect(share('Is_Primary__c')).to.be.within(0.8, 0.95);
      expect(share('Is_Champion__c')).to.be.within(0.55, 0.85);
      expect(share('Is_Executive_Sponsor__c')).to.be.within(0.4, 0.8);
      const none = customers.filter((a) => !(byAccount.get(a.Id as string) ?? []).some((c) => c.Contact_Role__c === 'Admin' || c.Is_Champion__c || c.Is_Executive_Sponsor__c));
      expect(none.length).to.be.above(0);
      const byId = new Map(accounts().map((a) => [a.Id, a]));
      for (const c of contacts) {
        const account = byId.get(c.AccountId);
        if (typeof c.Email === 'string' && typeof account?.Website === 'string' && !account.Website.includes('gmail')) {
          expect(account.Website.toLowerCase()).to.include(c.Email.split('@')[1] ?? '?');
        }
      }
    });

    it('buckets exec sponsor engagement by the latest sponsor meeting', () => {
      const { green, yellow, red, noSponsor } = org().truth.execSponsor;
      for (const bucket of [green, yellow, red, noSponsor]) expect(bucket.length).to.be.above(0);
      const sponsors = new Set(rows(org(), 'Contact').filter((c) => c.Is_Executive_Sponsor__c).map((c) => c.Id));
      const last = new Map<string, number>();
      for (const r of [...rows(org(), 'Event'), ...rows(org(), 'Task')]) {
        if (!sponsors.has(r.WhoId as string)) continue;
        const day = r.StartDateTime ? Date.parse((r.StartDateTime as string).replace('+0000', 'Z')) / DAY : dayOfDate(r.ActivityDate);
        last.set(r.WhatId as string, Math.max(last.get(r.WhatId as string) ?? -Infinity, Math.floor(day)));
      }
      const age = (id: string): number => AS_OF_DAY - (last.get(id) ?? -Infinity);
      for (const id of green) expect(age(id)).to.be.at.most(60);
      for (const id of yellow) expect(age(id)).to.be.within(61, 120);
      for (const id of red) expect(age(id)).to.be.above(120);
    });

    it('owns accounts by segment: senior CSMs, named CSMs, the digital queue, an inactive user', () => {
      const { seniorCsmIds, csmIds, digitalQueueId, inactiveUserId } = org().truth.users;
      const owners = (segment: string): Set<unknown> => new Set(accounts().filter((a) => a.Customer_Segment__c === segment && a.Customer_Status__c !== 'Prospect').map((a) => a.OwnerId));
      for (const owner of owners('Strategic')) expect(seniorCsmIds).to.include(owner);
      expect([...owners('SMB')]).to.deep.equal([digitalQueueId]);
      for (const owner of owners('Enterprise')) expect([...csmIds, inactiveUserId]).to.include(owner);
      const users = new Map(rows(org(), 'User').map((u) => [u.Id, u]));
      expect(users.get(inactiveUserId)?.IsActive).to.equal(false);
      for (const id of org().truth.inactiveOwnerAccountIds) expect(accounts().find((a) => a.Id === id)?.OwnerId).to.equal(inactiveUserId);
      for (const id of csmIds) expect(org().truth.users.managerIds).to.include(users.get(id)?.ManagerId);
    });

    it('has open high-priority and escalated cases', () => {
      const cases = rows(org(), 'Case');
      expect(cases.some((c) => c.Priority === 'High' && c.Status !== 'Closed')).to.equal(true);
      expect(cases.some((c) => c.IsEscalated === true)).to.equal(true);
      expect(org().truth.support.escalated.length).to.be.above(0);
    });
  });

  it('generates without a clock: a later asOf shifts every date', () => {
    const a = generateDemoOrg({ accounts: 20, seed: SEED, asOf: AS_OF });
    const b = generateDemoOrg({ accounts: 20, seed: SEED, asOf: new Date(AS_OF.getTime() + 7 * DAY) });
    expect(rows(a, 'Account').map((r) => r.Name)).to.deep.equal(rows(b, 'Account').map((r) => r.Name));
    const active = rows(a, 'Account').findIndex((r) => r.Customer_Status__c === 'Active');
    expect(dayOfDate(rows(b, 'Account')[active]?.Renewal_Date__c) - dayOfDate(rows(a, 'Account')[active]?.Renewal_Date__c)).to.equal(7);
  });
});
