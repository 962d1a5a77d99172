import { expect } from 'chai';
import { buildCountSoql, buildExtractSoql, halveWindow, selectList } from '../../../src/salesforce/extract/soql-window.ts';

describe('extract SOQL', () => {
  const window = { from: '2026-11-25T10:00:00.000+0000', to: '2026-11-25T12:00:00.000Z', after: null };

  it('always selects Id, IsDeleted, SystemModstamp once, whatever the casing', () => {
    expect(selectList(['Name', 'id', 'systemmodstamp', 'Name'])).to.deep.equal(['Id', 'IsDeleted', 'SystemModstamp', 'Name']);
  });

  it('REST queries are ordered by (SystemModstamp, Id) within a half-open window; Bulk ones are not ordered', () => {
    expect(buildExtractSoql('Account', ['Name'], window, "Type != 'Prospect'", true)).to.equal(
      "SELECT Id, IsDeleted, SystemModstamp, Name FROM Account WHERE SystemModstamp >= 2026-11-25T10:00:00.000Z AND SystemModstamp < 2026-11-25T12:00:00.000Z AND (Type != 'Prospect') ORDER BY SystemModstamp ASC, Id ASC");
    expect(buildExtractSoql('Account', ['Name'], window, undefined, false)).to.not.contain('ORDER BY');
  });

  it('resumes strictly after a (SystemModstamp, Id) position', () => {
    const soql = buildExtractSoql('Contact', [], { ...window, after: { systemModstamp: '2026-11-25T11:00:00.000Z', id: "003'x" } }, undefined, true);
    expect(soql).to.contain("(SystemModstamp > 2026-11-25T11:00:00.000Z OR (SystemModstamp = 2026-11-25T11:00:00.000Z AND Id > '003\\'x'))");
  });

  it('counts with the same window', () => {
    expect(buildCountSoql('Account', window, undefined)).to.equal('SELECT COUNT() FROM Account WHERE SystemModstamp >= 2026-11-25T10:00:00.000Z AND SystemModstamp < 2026-11-25T12:00:00.000Z');
  });

  it('halves a window down to a minimum slice, then refuses', () => {
    const halves = halveWindow(window, 60_000, '2000-01-01T00:00:00.000Z');
    expect(halves?.map((w) => [w.from, w.to])).to.deep.equal([['2026-11-25T10:00:00.000+0000', '2026-11-25T11:00:00.000Z'], ['2026-11-25T11:00:00.000Z', '2026-11-25T12:00:00.000Z']]);
    expect(halveWindow({ from: '2026-11-25T11:59:00.000Z', to: '2026-11-25T12:00:00.000Z', after: null }, 60_000, '2000-01-01T00:00:00.000Z')).to.equal(null);
  });
});
