import { emptyUsageDayColumns, type UsageDay, type UsageDayColumns } from '../../src/domain/usage.ts';
import { isoDayNumber } from '../../src/domain/utc-calendar.ts';

/** Days (in key order) as the page of columns a reader or the usage load's DuckDB path makes. */
export const usageDayColumnsOf = (days: readonly UsageDay[]): UsageDayColumns => {
  const n = days.length;
  const names = [...new Set(days.flatMap((d) => Object.keys(d.featureEvents)))];
  const columns: UsageDayColumns = { ...emptyUsageDayColumns(n, names), length: n };
  days.forEach((d, i) => {
    if (columns.keys.at(-1) !== d.accountKey || i === 0) {
      columns.keys.push(d.accountKey);
      columns.keyStarts.push(i);
    }
    columns.day[i] = isoDayNumber(d.day);
    columns.activeUsers[i] = d.activeUsers;
    columns.logins[i] = d.logins;
    columns.lastLoginMs[i] = d.lastLoginAt === null ? Number.NaN : Date.parse(d.lastLoginAt);
    columns.events[i] = d.events;
    columns.licenses[i] = d.licenses ?? Number.NaN;
    for (const [f, counts] of columns.features) counts[i] = d.featureEvents[f] ?? 0;
  });
  columns.keyStarts.push(n);
  return columns;
};
