import { expect } from 'chai';
import { to15, to18 } from '../../../../src/domain/salesforce-id.ts';
import { parseNpsRow, respondentRef, type RawNpsRow } from '../../../../src/pipeline/nps/parse-nps-row.ts';
import { buildRespondentDirectory, type RespondentDirectory } from '../../../../src/pipeline/nps/respondent-directory.ts';

/** 18-char ids whose suffix matches their case (the parser checks it). */
const id = (prefix: string, n: string): string => to18(`${prefix}RO00000000${n}`);
const ALICE = id('003', '01');
const BOB = id('003', '02');
const ACME = id('001', '01');
const GLOBEX = id('001', '02');
const ASOF = '2026-03-02T06:00:00.000Z';

type Contact = { id: string; accountId: string | null; email: string | null; isDeleted: boolean };
const contact = (id: string, accountId: string | null, email: string | null, isDeleted = false): Contact => ({ id, accountId, email, isDeleted });
const CONTACTS: Contact[] = [
  contact(ALICE, ACME, 'alice@acme.com'),
  contact(BOB, ACME, 'Bob@Acme.com '),
  // The same person twice in one account (a duplicate contact): still one account.
  contact(id('003', '03'), ACME, 'ops@acme.com'),
  contact(id('003', '04'), ACME, 'ops@acme.com'),
  // A consultant on two customers' contact lists.
  contact(id('003', '05'), ACME, 'pat@consult.io'),
  contact(id('003', '06'), GLOBEX, 'pat@consult.io'),
  // A deleted duplicate of a live contact elsewhere: the live one answers.
  contact(id('003', '07'), ACME, 'moved@globex.com', true),
  contact(id('003', '08'), GLOBEX, 'moved@globex.com'),
  // Only a deleted contact has the email: the response still happened.
  contact(id('003', '09'), GLOBEX, 'gone@globex.com', true),
  // A private contact (no account) and a duplicate of it with one.
  contact(id('003', '0A'), null, 'sam@globex.com'),
  contact(id('003', '0B'), GLOBEX, 'sam@globex.com'),
  contact(id('003', '0C'), null, 'solo@nowhere.com'),
];
let directory: RespondentDirectory;
before(async () => {
  directory = await buildRespondentDirectory(CONTACTS);
});

/** A row as csv-parse hands it over: every value a string. */
const row = (overrides: Record<string, string | undefined> = {}): RawNpsRow => ({
  response_id: 'NPS-0000001', contact_id: ALICE, email: 'alice@acme.com', score: '9', comment: 'Great support.', responded_at: '2026-02-03T16:01:54Z', ...overrides,
});

describe('parseNpsRow', () => {
  it('reads a row into an NpsResponse linked to its contact\'s account', () => {
    expect(parseNpsRow(row(), { directory, asOf: ASOF })).to.deep.equal({
      ok: true,
      response: {
        id: `${ALICE}|2026-02-03T16:01:54.000Z`, sourceId: 'NPS-0000001', contactId: ALICE, email: 'alice@acme.com', accountId: ACME,
        score: 9, comment: 'Great support.', respondedAt: '2026-02-03T16:01:54.000Z', status: 'promoter',
      },
    });
  });

  const accepted: Array<[string, Record<string, string | undefined>, Record<string, unknown>]> = [
    ['a 15-char contact id', { contact_id: to15(ALICE) }, { contactId: ALICE, id: `${ALICE}|2026-02-03T16:01:54.000Z` }],
    ['a lower-cased 18-char id (its suffix restores the case)', { contact_id: ALICE.toLowerCase() }, { contactId: ALICE }],
    ['an id with spaces around it', { contact_id: ` ${ALICE} ` }, { contactId: ALICE }],
    ['an email only, in another case and padded', { contact_id: '', email: ' ALICE@Acme.COM ' }, { contactId: ALICE, email: 'alice@acme.com', id: 'alice@acme.com|2026-02-03T16:01:54.000Z' }],
    ['no contact_id column at all', { contact_id: undefined }, { contactId: ALICE }],
    ['a stored email in another case', { contact_id: '', email: 'bob@acme.com' }, { contactId: BOB }],
    ['the id winning over another contact\'s email', { contact_id: BOB, email: 'alice@acme.com' }, { contactId: BOB, email: 'alice@acme.com' }],
    ['an unknown id whose email is known', { contact_id: '003RO00000000ZZ' }, { contactId: ALICE }],
    ['a malformed id whose email is known', { contact_id: 'n/a' }, { contactId: ALICE }],
    ['a malformed email whose id is known', { email: 'alice at acme' }, { contactId: ALICE, email: null }],
    ['an email on two contacts of one account (the lower id)', { contact_id: '', email: 'ops@acme.com' }, { contactId: id('003', '03'), accountId: ACME }],
    ['an email on a deleted contact and a live one elsewhere (the live one)', { contact_id: '', email: 'moved@globex.com' }, { contactId: id('003', '08'), accountId: GLOBEX }],
    ['an email only on a deleted contact', { contact_id: '', email: 'gone@globex.com' }, { contactId: id('003', '09'), accountId: GLOBEX }],
    ['an email on a private contact and one with an account (the one with)', { contact_id: '', email: 'sam@globex.com' }, { accountId: GLOBEX }],
    ['a contact without an account (loaded, not linked)', { contact_id: '', email: 'solo@nowhere.com' }, { contactId: id('003', '0C'), accountId: null }],
    ['score 0, a detractor', { score: '0' }, { score: 0, status: 'detractor' }],
    ['score 6, a detractor', { score: '6' }, { score: 6, status: 'detractor' }],
    ['score 7, a passive', { score: '7' }, { score: 7, status: 'passive' }],
    ['score 8, a passive', { score: '8' }, { score: 8, status: 'passive' }],
    ['score 10, a promoter', { score: '10' }, { score: 10, status: 'promoter' }],
    ['a score as "9.0" (a spreadsheet\'s number)', { score: '9.0' }, { score: 9 }],
    ['a score with spaces', { score: ' 7 ' }, { score: 7 }],
    ['a naive timestamp, read as UTC', { responded_at: '2026-02-03 16:01:54' }, { respondedAt: '2026-02-03T16:01:54.000Z' }],
    ['a timestamp with an offset', { responded_at: '2026-02-03T18:01:54+02:00' }, { respondedAt: '2026-02-03T16:01:54.000Z' }],
    ['a bare day, its UTC midnight', { responded_at: '2026-02-03' }, { respondedAt: '2026-02-03T00:00:00.000Z' }],
    ['a response exactly at asOf', { responded_at: ASOF }, { respondedAt: ASOF }],
    ['no comment', { comment: '  ' }, { comment: null }],
    ['no comment column', { comment: undefined }, { comment: null }],
    ['a multi-line comment, trimmed', { comment: ' Slow.\nVery slow. ' }, { comment: 'Slow.\nVery slow.' }],
    ['no response id', { response_id: '' }, { sourceId: null }],
  ];
  for (const [label, overrides, expected] of accepted) {
    it(`accepts ${label}`, () => {
      const parsed = parseNpsRow(row(overrides), { directory, asOf: ASOF });
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
      if (parsed.ok) expect(parsed.response).to.deep.include(expected);
    });
  }

  const rejected: Array<[string, Record<string, string | undefined>, string, string]> = [
    ['score 11', { score: '11' }, 'NPS_SCORE_INVALID', 'score'],
    ['score -1', { score: '-1' }, 'NPS_SCORE_INVALID', 'score'],
    ['score 9.5', { score: '9.5' }, 'NPS_SCORE_INVALID', 'score'],
    ['a score in words', { score: 'nine' }, 'NPS_SCORE_INVALID', 'score'],
    ['a missing score', { score: '' }, 'NPS_SCORE_INVALID', 'score'],
    ['no score column', { score: undefined }, 'NPS_SCORE_INVALID', 'score'],
    ['a date in the future', { responded_at: '2026-03-02T06:00:01Z' }, 'NPS_DATE_INVALID', 'responded_at'],
    ['a day after asOf\'s', { responded_at: '2026-03-03' }, 'NPS_DATE_INVALID', 'responded_at'],
    ['an unparseable date', { responded_at: '03/02/2026' }, 'NPS_DATE_INVALID', 'responded_at'],
    ['an impossible date', { responded_at: '2026-02-30T10:00:00Z' }, 'NPS_DATE_INVALID', 'responded_at'],
    ['a missing date', { responded_at: '' }, 'NPS_DATE_INVALID', 'responded_at'],
    ['an unknown email', { contact_id: '', email: 'nobody@no-such-customer.example' }, 'NPS_RESPONDENT_UNKNOWN', 'email'],
    ['an unknown id and an unknown email', { contact_id: '003RO00000000ZZ', email: 'nobody@x.com' }, 'NPS_RESPONDENT_UNKNOWN', 'email'],
    ['an unknown id and no email', { contact_id: '003RO00000000ZZ', email: '' }, 'NPS_RESPONDENT_UNKNOWN', 'contact_id'],
    ['a 15-char id in the wrong case (another record)', { contact_id: to15(ALICE).toLowerCase(), email: '' }, 'NPS_RESPONDENT_UNKNOWN', 'contact_id'],
    ['an email on contacts of two accounts', { contact_id: '', email: 'pat@consult.io' }, 'NPS_RESPONDENT_AMBIGUOUS', 'email'],
    ['neither id nor email', { contact_id: '', email: '' }, 'NPS_ROW_INVALID', 'contact_id'],
    ['a malformed id and no email', { contact_id: '12345', email: '' }, 'NPS_ROW_INVALID', 'contact_id'],
    ['an 18-char id whose suffix does not match', { contact_id: `${to15(ALICE)}ZZZ`, email: '' }, 'NPS_ROW_INVALID', 'contact_id'],
    ['a malformed email and no id', { contact_id: '', email: 'alice' }, 'NPS_ROW_INVALID', 'email'],
  ];
  for (const [label, overrides, code, path] of rejected) {
    it(`rejects ${label} as ${code} at ${path}`, () => {
      const parsed = parseNpsRow(row(overrides), { directory, asOf: ASOF });
      expect(parsed).to.include({ ok: false, code, path });
      if (!parsed.ok) expect(parsed.reason).to.be.a('string').and.not.equal('');
    });
  }

  it('checks the row before the directory: a bad score from an unknown respondent is a score problem', () => {
    expect(parseNpsRow(row({ contact_id: '', email: 'nobody@x.com', score: '11' }), { directory, asOf: ASOF })).to.include({ code: 'NPS_SCORE_INVALID' });
  });

  it('keys a response by the respondent as written, so a relinked contact keeps its response id', async () => {
    const moved = await buildRespondentDirectory([contact(ALICE, GLOBEX, 'alice@acme.com')]);
    const before = parseNpsRow(row(), { directory, asOf: ASOF });
    const after = parseNpsRow(row(), { directory: moved, asOf: ASOF });
    expect(before.ok && after.ok && before.response.id === after.response.id).to.equal(true);
    expect(after).to.have.nested.property('response.accountId', GLOBEX);
  });
});

describe('respondentRef and the respondent directory', () => {
  it('names the 18-char id and the normalised email a row identifies its respondent by', () => {
    expect(respondentRef(row({ contact_id: to15(ALICE), email: ' Alice@ACME.com' }))).to.deep.equal({ id18: ALICE, email: 'alice@acme.com' });
    expect(respondentRef(row({ contact_id: 'x', email: 'nope' }))).to.deep.equal({ id18: null, email: null });
  });

  it('indexes only the contacts the file names when told which', async () => {
    const some = await buildRespondentDirectory(CONTACTS, { ids: new Set([BOB]), emails: new Set(['ops@acme.com']) });
    expect([...some.byId.keys()]).to.deep.equal([BOB]);
    expect([...some.byEmail.keys()]).to.deep.equal(['ops@acme.com']);
    expect(some.byEmail.get('ops@acme.com')).to.have.length(2);
  });
});
