import { expect } from 'chai';
import type { RawUsageRow } from '../../../src/pipeline/usage-source.port.ts';
import { parseUsageAccountRow, parseUsageRollupRow } from '../../../src/warehouse/usage-row.ts';

const context = { coreFeatures: ['dashboards', 'reports'], asOf: new Date('2026-03-02T06:00:00Z') };

/** A rollup row as PostgreSQL hands it over (counts as int8 strings, the day as text). */
const row = (overrides: RawUsageRow = {}): RawUsageRow => ({
  account_key: 'PA-000001', day: '2026-03-01', active_users: '3', logins: '4', last_login_at: new Date('2026-03-01T21:15:00Z'),
  events: '10', feature_dashboards: '5', feature_reports: '1', licenses: 12, ...overrides,
});

describe('parseUsageRollupRow', () => {
  it('reads a row into a UsageDay', () => {
    expect(parseUsageRollupRow(row(), context)).to.deep.equal({
      ok: true,
      day: {
        accountKey: 'PA-000001', day: '2026-03-01', activeUsers: 3, logins: 4, lastLoginAt: '2026-03-01T21:15:00.000Z',
        featureEvents: { dashboards: 5, reports: 1 }, events: 10, licenses: 12,
      },
    });
  });

  const accepted: Array<[string, RawUsageRow, Partial<Record<string, unknown>>]> = [
    ['counts as bigints (DuckDB)', { active_users: 3n, logins: 4n, events: 10n }, { activeUsers: 3, logins: 4, events: 10 }],
    ['counts as numbers', { active_users: 3, events: 10 }, { activeUsers: 3, events: 10 }],
    ['a count as "4.0" (a NUMBER with scale)', { logins: '4.0' }, { logins: 4 }],
    ['the day as a Date at UTC midnight (DuckDB)', { day: new Date('2026-02-27T00:00:00Z') }, { day: '2026-02-27' }],
    ['the day equal to asOf\'s UTC day', { day: '2026-03-02' }, { day: '2026-03-02' }],
    ['a timestamp string with an offset', { last_login_at: '2026-03-01 21:15:00+00' }, { lastLoginAt: '2026-03-01T21:15:00.000Z' }],
    ['a timestamp string with microseconds', { last_login_at: '2026-03-01T21:15:00.123456Z' }, { lastLoginAt: '2026-03-01T21:15:00.123Z' }],
    ['a timestamp string in another zone', { last_login_at: '2026-03-01T23:15:00+02:00' }, { lastLoginAt: '2026-03-01T21:15:00.000Z' }],
    ['a naive timestamp string, read as UTC', { last_login_at: '2026-03-01 21:15:00' }, { lastLoginAt: '2026-03-01T21:15:00.000Z' }],
    ['no login', { logins: 0, last_login_at: null }, { logins: 0, lastLoginAt: null }],
    ['no licence data', { licenses: null }, { licenses: null }],
    ['a licence count as text', { licenses: '7' }, { licenses: 7 }],
    ['a key with spaces and lower case, verbatim', { account_key: ' pa-000001  ' }, { accountKey: ' pa-000001  ' }],
    ['a numeric key', { account_key: 123 }, { accountKey: '123' }],
    ['a key of exactly 255 characters', { account_key: 'k'.repeat(255) }, { accountKey: 'k'.repeat(255) }],
    ['a feature column left out', { feature_reports: undefined }, { featureEvents: { dashboards: 5 } }],
    ['a feature column that is null', { feature_dashboards: null }, { featureEvents: { reports: 1 } }],
  ];
  for (const [label, overrides, expected] of accepted) {
    it(`accepts ${label}`, () => {
      const parsed = parseUsageRollupRow(row(overrides), context);
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
      if (parsed.ok) expect(parsed.day).to.deep.include(expected);
    });
  }

  const rejected: Array<[string, RawUsageRow, string, string]> = [
    ['a missing key', { account_key: null }, 'USAGE_KEY_INVALID', 'account_key'],
    ['an empty key', { account_key: '' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a whitespace-only key', { account_key: ' \t ' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a key with a newline', { account_key: 'PA-1\n' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a key with a NUL', { account_key: 'PA\u00001' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a key with a C1 control', { account_key: 'PA\u00851' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a key longer than 255', { account_key: 'k'.repeat(256) }, 'USAGE_KEY_INVALID', 'account_key'],
    ['a key that is an object', { account_key: { id: 1 } }, 'USAGE_ROW_INVALID', 'account_key'],
    ['a negative count', { logins: '-1' }, 'USAGE_COUNT_NEGATIVE', 'logins'],
    ['a negative feature count', { feature_reports: -2n }, 'USAGE_COUNT_NEGATIVE', 'feature_reports'],
    ['negative licences', { licenses: -5 }, 'USAGE_COUNT_NEGATIVE', 'licenses'],
    ['a day after asOf', { day: '2026-03-03' }, 'USAGE_DAY_IN_FUTURE', 'day'],
    ['a Date day after asOf', { day: new Date('2026-03-03T00:00:00Z') }, 'USAGE_DAY_IN_FUTURE', 'day'],
    ['a missing day', { day: undefined }, 'USAGE_ROW_INVALID', 'day'],
    ['an impossible day', { day: '2026-02-30' }, 'USAGE_ROW_INVALID', 'day'],
    ['a day in another format', { day: '03/01/2026' }, 'USAGE_ROW_INVALID', 'day'],
    ['an invalid Date', { day: new Date('nope') }, 'USAGE_ROW_INVALID', 'day'],
    ['missing active users', { active_users: null }, 'USAGE_ROW_INVALID', 'active_users'],
    ['missing events', { events: undefined }, 'USAGE_ROW_INVALID', 'events'],
    ['a fractional count', { events: '10.5' }, 'USAGE_ROW_INVALID', 'events'],
    ['a count that is not a number', { logins: 'four' }, 'USAGE_ROW_INVALID', 'logins'],
    ['a count beyond safe integers', { events: 2n ** 60n }, 'USAGE_ROW_INVALID', 'events'],
    ['a non-finite count', { events: Number.NaN }, 'USAGE_ROW_INVALID', 'events'],
    ['an unparseable last login', { last_login_at: 'yesterday' }, 'USAGE_ROW_INVALID', 'last_login_at'],
    ['an impossible last login time', { last_login_at: '2026-03-01T25:00:00Z' }, 'USAGE_ROW_INVALID', 'last_login_at'],
    ['a last login as a number', { last_login_at: 1767225600 }, 'USAGE_ROW_INVALID', 'last_login_at'],
  ];
  for (const [label, overrides, code, path] of rejected) {
    it(`rejects ${label} with ${code} at ${path}`, () => {
      const parsed = parseUsageRollupRow(row(overrides), context);
      expect(parsed).to.deep.include({ ok: false, code, path });
      if (!parsed.ok) expect(parsed.reason).to.be.a('string').and.not.equal('');
    });
  }

  it('checks the key before anything else', () => {
    expect(parseUsageRollupRow(row({ account_key: '', day: 'x', logins: -1 }), context)).to.deep.include({ code: 'USAGE_KEY_INVALID' });
  });
});

describe('parseUsageAccountRow', () => {
  const account = (overrides: RawUsageRow = {}): RawUsageRow => ({ account_key: 'PA-000001', domain: 'acme.io', name: 'Acme', licenses: '12', ...overrides });

  it('reads a row into a UsageAccount, leaving volume and days to the caller', () => {
    expect(parseUsageAccountRow(account())).to.deep.equal({
      ok: true, account: { accountKey: 'PA-000001', domain: 'acme.io', name: 'Acme', events: 0, firstDay: null, lastDay: null, licenses: 12 },
    });
  });

  const cases: Array<[string, RawUsageRow, Partial<Record<string, unknown>>]> = [
    ['a domain in mixed case with spaces', { domain: ' Acme.IO ' }, { domain: 'acme.io' }],
    ['a domain written as @acme.io', { domain: '@acme.io' }, { domain: 'acme.io' }],
    ['a domain that is not a host', { domain: 'n/a' }, { domain: null }],
    ['a domain without a dot', { domain: 'localhost' }, { domain: null }],
    ['no domain', { domain: null }, { domain: null }],
    ['a blank name', { name: '  ' }, { name: null }],
    ['no licences', { licenses: null }, { licenses: null }],
    ['a key verbatim', { account_key: 'pa-000001 ' }, { accountKey: 'pa-000001 ' }],
  ];
  for (const [label, overrides, expected] of cases) {
    it(`reads ${label}`, () => {
      const parsed = parseUsageAccountRow(account(overrides));
      expect(parsed.ok).to.equal(true);
      if (parsed.ok) expect(parsed.account).to.deep.include(expected);
    });
  }

  const rejected: Array<[string, RawUsageRow, string, string]> = [
    ['a blank key', { account_key: '  ' }, 'USAGE_KEY_INVALID', 'account_key'],
    ['negative licences', { licenses: '-1' }, 'USAGE_COUNT_NEGATIVE', 'licenses'],
    ['a name that is not text', { name: 42 }, 'USAGE_ROW_INVALID', 'name'],
    ['a domain that is not text', { domain: ['acme.io'] }, 'USAGE_ROW_INVALID', 'domain'],
  ];
  for (const [label, overrides, code, path] of rejected) {
    it(`rejects ${label} with ${code}`, () => expect(parseUsageAccountRow(account(overrides))).to.deep.include({ ok: false, code, path }));
  }
});
