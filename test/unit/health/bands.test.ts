import { expect } from 'chai';
import { bandProblems, type BandDomain } from '../../../src/health/band-coverage.ts';
import { describeInterval, matchBand } from '../../../src/health/bands.ts';
import type { Bands, Interval } from '../../../src/health/health-rules.ts';

const DAYS: BandDomain = { integer: true, min: 0, max: null };
const REAL: BandDomain = { integer: false, min: null, max: null };

describe('bands', () => {
  describe('describeInterval states each edge', () => {
    const CASES: [Interval, string, string][] = [
      [{ lte: 7 }, 'days', 'at most 7 days'],
      [{ lt: 60 }, 'days', 'under 60 days'],
      [{ gte: 22 }, 'days', 'at least 22 days'],
      [{ gt: 120 }, 'days', 'more than 120 days'],
      [{ gte: 8, lte: 21 }, 'days', '8 to 21 days'],
      [{ gte: 70, lt: 100 }, '%', '70% to under 100%'],
      [{ gt: 0.5, lte: 2 }, '', 'more than 0.5, up to 2'],
      [{ gt: 1, lt: 2 }, '', 'more than 1, under 2'],
      [{ gte: 1, lte: 1 }, '', 'exactly 1'],
    ];
    for (const [iv, unit, text] of CASES) it(`${JSON.stringify(iv)} → ${text}`, () => expect(describeInterval(iv, unit)).to.equal(text));
  });

  it('matchBand honours inclusive and exclusive edges', () => {
    const bands: Bands = { green: { gt: 120 }, yellow: { gte: 60, lte: 120 }, red: { lt: 60 } };
    expect([59, 60, 120, 121].map((x) => matchBand(bands, x))).to.deep.equal(['red', 'yellow', 'yellow', 'green']);
    expect(matchBand({ green: { lte: 7 } }, 8)).to.equal(null);
  });

  describe('bandProblems: no overlap, no gap', () => {
    const CASES: { name: string; bands: Bands; domain: BandDomain; problems: RegExp[] }[] = [
      { name: 'whole days, lte 7 then gte 8: fine', bands: { green: { lte: 7 }, yellow: { gte: 8, lte: 21 }, red: { gte: 22 } }, domain: DAYS, problems: [] },
      { name: "DOMAIN.md's table as written (< 7, 8–21, > 21) leaves 7 uncovered", bands: { green: { lt: 7 }, yellow: { gte: 8, lte: 21 }, red: { gt: 21 } }, domain: DAYS, problems: [/^no band matches exactly 7 days/] },
      { name: 'the same edges on real numbers leave 7 to under 8 uncovered', bands: { green: { lte: 7 }, red: { gte: 8 } }, domain: REAL, problems: [/^no band matches more than 7, under 8/] },
      { name: 'both bands include 21: overlap', bands: { green: { lte: 21 }, red: { gte: 21 } }, domain: DAYS, problems: [/green and red bands overlap: both match 21$/] },
      { name: 'gt 21 against lte 21: fine', bands: { green: { lte: 21 }, red: { gt: 21 } }, domain: REAL, problems: [] },
      { name: 'nothing above 100', bands: { green: { gte: 0, lte: 100 } }, domain: REAL, problems: [/no band matches more than 100/, /no band matches under 0/] },
      { name: 'days since cannot be negative: no need to cover them', bands: { green: { gte: 0, lte: 7 }, red: { gt: 7 } }, domain: DAYS, problems: [] },
      { name: 'a score domain 0–100 covered exactly', bands: { red: { gte: 0, lte: 50 }, yellow: { gte: 51, lte: 75 }, green: { gte: 76, lte: 100 } }, domain: { integer: true, min: 0, max: 100 }, problems: [] },
      { name: 'a score domain with a hole at 51', bands: { red: { gte: 0, lte: 50 }, yellow: { gte: 52, lte: 75 }, green: { gte: 76, lte: 100 } }, domain: { integer: true, min: 0, max: 100 }, problems: [/no band matches exactly 51/] },
      { name: 'overlapping ranges', bands: { green: { gte: 50 }, yellow: { gte: 30, lt: 70 }, red: { lt: 30 } }, domain: REAL, problems: [/green and yellow bands overlap: both match 50 to under 70/] },
    ];
    for (const c of CASES) {
      it(c.name, () => {
        const found = bandProblems(c.bands, c.domain, c.domain === DAYS ? 'days' : '').map((p) => p.message);
        expect(found, JSON.stringify(found)).to.have.length(c.problems.length);
        c.problems.forEach((re) => expect(found.some((m) => re.test(m)), `${re} in ${JSON.stringify(found)}`).to.equal(true));
      });
    }
  });
});
