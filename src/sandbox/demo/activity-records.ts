import { demoRecordId } from './demo-ids.ts';
import type { SObjectRecord } from '../org/sobject-record.ts';
import type { AuditStamper } from './audit-stamps.ts';
import type { DemoTruth } from './demo-truth.ts';
import type { AccountPlan, UsagePattern } from './demo-types.ts';
import type { Rng } from './random.ts';
import { DAY_MS, formatDay, formatSfDateTime } from './time-format.ts';
import type { UserRoster } from './user-records.ts';

export interface ActivityResult {
  tasks: SObjectRecord[];
  events: SObjectRecord[];
  execSponsor: DemoTruth['execSponsor'];
}

/** Days since the last CSM meeting, by usage pattern: engaged accounts are met more recently. */
const CSM_MEETING_AGE: Record<UsagePattern, readonly [number, number]> = {
  healthy: [3, 60], steady: [5, 90], 'low-adoption': [10, 100], declining: [20, 120], inactive: [40, 200],
  ramping: [2, 30], churning: [5, 60], 'churn-noise': [5, 60], none: [10, 150],
};
const AT_RISK = new Set<UsagePattern>(['declining', 'inactive', 'churning']);
const SPONSOR_AT_RISK = { green: 25, yellow: 30, red: 45 } as const;
const SPONSOR_ENGAGED = { green: 55, yellow: 25, red: 20 } as const;
const CSM_MEETINGS = { Strategic: 3, Enterprise: 2, 'Mid-Market': 1, SMB: 0 } as const;
const OPEN_TASKS = ['Prepare QBR deck', 'Follow up on support escalation', 'Send adoption report', 'Confirm training dates'];

/**
 * Tasks and Events on each customer: CSM meetings and calls with the champion or admin, and
 * meetings with the executive sponsor whose recency is varied on purpose (≤ 60 days, 61–120,
 * older or never), so the exec-sponsor engagement measure has green, yellow and red accounts.
 */
export const buildActivityRecords = (
  rng: Rng,
  plans: readonly AccountPlan[],
  contacts: readonly SObjectRecord[],
  roster: UserRoster,
  stamper: AuditStamper,
  asOfDay: number,
): ActivityResult => {
  const tasks: SObjectRecord[] = [];
  const events: SObjectRecord[] = [];
  const execSponsor: DemoTruth['execSponsor'] = { green: [], yellow: [], red: [], noSponsor: [] };
  // Reuse the contacts' own Id strings: a second copy per reference would cost memory at scale.
  const contactId = (index: number): string | null => (index < 0 ? null : ((contacts[index]?.Id as string | undefined) ?? null));
  const audit = (objectName: string, day: number) => stamper.stamp(objectName, Math.min(day, asOfDay - 1) * DAY_MS + rng.int(0, DAY_MS - 1));

  const event = (plan: AccountPlan, ownerId: string, who: number, subject: string, day: number): void => {
    const startMs = day * DAY_MS + rng.int(15, 21) * 3_600_000 + rng.pick([0, 30]) * 60_000;
    const a = audit('Event', day - rng.int(1, 14));
    events.push({
      Id: demoRecordId('00U', events.length + 1), OwnerId: ownerId, IsDeleted: false,
      CreatedDate: a.created, CreatedById: roster.adminId, LastModifiedDate: a.modified, LastModifiedById: roster.adminId, SystemModstamp: a.modified,
      WhoId: contactId(who), WhatId: plan.id, Subject: subject,
      StartDateTime: formatSfDateTime(startMs), EndDateTime: formatSfDateTime(startMs + rng.pick([30, 60]) * 60_000), Type: 'Meeting',
    });
  };
  const task = (plan: AccountPlan, ownerId: string, who: number, subject: string, day: number, type: string, status: string, priority = 'Normal'): void => {
    const a = audit('Task', status === 'Completed' ? day : Math.min(day, asOfDay - 1) - rng.int(1, 10));
    tasks.push({
      Id: demoRecordId('00T', tasks.length + 1), OwnerId: ownerId, IsDeleted: false,
      CreatedDate: a.created, CreatedById: roster.adminId, LastModifiedDate: a.modified, LastModifiedById: roster.adminId, SystemModstamp: a.modified,
      WhoId: contactId(who), WhatId: plan.id, Subject: subject, ActivityDate: formatDay(day), Status: status, Priority: priority,
      Description: null, Type: type, Sextant_Key__c: null,
    });
  };
  /** Logs a past meeting as an Event, or (a fifth of the time) as a completed meeting Task. */
  const meeting = (plan: AccountPlan, ownerId: string, who: number, subject: string, day: number): void => {
    if (rng.chance(0.8)) event(plan, ownerId, who, subject, day);
    else task(plan, ownerId, who, subject, day, 'Meeting', 'Completed');
  };

  for (const plan of plans) {
    if (plan.isDeleted || plan.status === 'Prospect') continue;
    const csm = plan.csmId ?? plan.ownerId;
    const churned = plan.status === 'Churned';
    // Churned accounts' history ends at the lost renewal.
    const lastDay = churned ? Math.min(asOfDay - 1, plan.renewalDay ?? asOfDay) : asOfDay - 1;
    const earliest = plan.createdDay;
    // Day-to-day meetings are with the champion or admin, never the sponsor: sponsor recency
    // must come from sponsor meetings alone, or the engagement buckets would blur.
    const other = Array.from({ length: plan.contactCount }, (_, i) => plan.contactStart + i).find((i) => i !== plan.sponsorContact) ?? -1;
    const focus = plan.championContact >= 0 ? plan.championContact : plan.adminContact >= 0 ? plan.adminContact : other;

    if (plan.sponsorContact >= 0) {
      const bucket = rng.weighted(AT_RISK.has(plan.pattern) ? SPONSOR_AT_RISK : SPONSOR_ENGAGED);
      const age = bucket === 'green' ? rng.int(1, 60) : bucket === 'yellow' ? rng.int(61, 120) : rng.chance(0.3) ? null : rng.int(121, 400);
      // Ages count back from asOf (from the loss for churned accounts), as the measure does.
      const last = age === null ? null : (churned ? lastDay : asOfDay) - age;
      const met = last !== null && last >= earliest;
      if (met) {
        meeting(plan, csm, plan.sponsorContact, rng.pick(['Executive sponsor sync', 'Executive business review']), last);
        const earlier = last - rng.int(90, 250);
        if (rng.chance(0.4) && earlier >= earliest) meeting(plan, csm, plan.sponsorContact, 'Executive business review', earlier);
      }
      if (!churned) {
        const days = met ? asOfDay - last : Infinity;
        (days <= 60 ? execSponsor.green : days <= 120 ? execSponsor.yellow : execSponsor.red).push(plan.id);
      }
    } else if (!churned) {
      execSponsor.noSponsor.push(plan.id);
    }

    if (plan.status === 'Onboarding' && plan.startDay !== null) {
      // Kickoff a few days after signature; for the newest accounts it is still ahead.
      event(plan, csm, focus, 'Onboarding kickoff', plan.startDay + rng.int(2, 10));
    }
    const [minAge, maxAge] = CSM_MEETING_AGE[plan.pattern];
    const meetings = plan.segment === 'SMB' ? (rng.chance(0.3) ? 1 : 0) : CSM_MEETINGS[plan.segment];
    let day = lastDay - rng.int(minAge, maxAge);
    for (let m = 0; m < meetings && day >= earliest; m++) {
      meeting(plan, csm, focus, m === 0 && plan.segment !== 'SMB' ? 'Quarterly business review' : 'Monthly check-in', day);
      day -= rng.int(25, 95);
    }

    if (plan.segment === 'SMB') {
      if (rng.chance(0.5)) task(plan, roster.digitalQueueId, plan.adminContact, 'Automated check-in email sent', lastDay - rng.int(1, 45), 'Email', 'Completed');
    } else {
      for (let c = rng.int(0, 2); c > 0; c--) {
        const callDay = lastDay - rng.int(3, 120);
        if (callDay >= earliest) task(plan, csm, focus, rng.pick(['Check-in call', 'Renewal prep call', 'Adoption review email']), callDay, rng.pick(['Call', 'Email']), 'Completed');
      }
    }
    if (!churned && rng.chance(0.25)) {
      const status = rng.pick(['Not Started', 'In Progress']);
      task(plan, csm, focus, rng.pick(OPEN_TASKS), asOfDay + rng.int(-10, 14), 'Other', status, rng.chance(0.3) ? 'High' : 'Normal');
    }
  }
  return { tasks, events, execSponsor };
};
