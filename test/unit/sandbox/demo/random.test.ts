import { expect } from 'chai';
import { mixSeed, Rng } from '../../../../src/sandbox/demo/random.ts';
import { demoRecordId } from '../../../../src/sandbox/demo/demo-ids.ts';
import { makeRecordId } from '../../../../src/domain/salesforce-id.ts';
import { addYears, dayOf, formatDay, formatIsoUtc, formatSfDateTime } from '../../../../src/sandbox/demo/time-format.ts';

describe('demo generator primitives', () => {
  describe('Rng', () => {
    it('repeats the same sequence for the same stream, and differs across streams', () => {
      const draw = (...parts: number[]): number[] => {
        const rng = new Rng(...parts);
        return Array.from({ length: 20 }, () => rng.next());
      };
      expect(draw(1, 2)).to.deep.equal(draw(1, 2));
      expect(draw(1, 2)).to.not.deep.equal(draw(1, 3));
      expect(draw(1, 2)).to.not.deep.equal(draw(2, 2));
      expect(mixSeed(7, 8)).to.equal(mixSeed(7, 8)).and.not.equal(mixSeed(8, 7));
    });

    it('draws within bounds', () => {
      const rng = new Rng(5);
      for (let i = 0; i < 2000; i++) {
        expect(rng.next()).to.be.within(0, 0.9999999999);
        expect(rng.int(3, 7)).to.be.within(3, 7);
        expect(rng.logUniform(2_000, 20_000)).to.be.within(2_000, 20_000);
      }
    });

    it('picks by weight and never picks a zero weight', () => {
      const rng = new Rng(9);
      const weights = { a: 80, b: 20, c: 0 } as const;
      const seen = { a: 0, b: 0, c: 0 };
      for (let i = 0; i < 5000; i++) seen[rng.weighted(weights)]++;
      expect(seen.c).to.equal(0);
      expect(seen.a / 5000).to.be.within(0.75, 0.85);
    });

    it('draws Poisson counts with the requested mean', () => {
      const rng = new Rng(11);
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += rng.poisson(0.6);
      expect(sum / 20_000).to.be.within(0.55, 0.65);
    });
  });

  describe('formats', () => {
    it('formats Salesforce date and datetime values', () => {
      const ms = Date.UTC(2026, 1, 28, 9, 5, 7, 42);
      expect(formatSfDateTime(ms)).to.equal('2026-02-28T09:05:07.042+0000');
      expect(formatDay(dayOf(ms))).to.equal('2026-02-28');
      expect(formatIsoUtc(ms)).to.equal('2026-02-28T09:05:07Z');
    });

    it('moves anniversaries by calendar years, Feb 29 to Feb 28', () => {
      expect(formatDay(addYears(dayOf(Date.UTC(2024, 1, 29)), 1))).to.equal('2025-02-28');
      expect(formatDay(addYears(dayOf(Date.UTC(2025, 6, 15)), -2))).to.equal('2023-07-15');
    });

    it('makes the same ids as makeRecordId', () => {
      for (const n of [1, 61, 62, 3_843, 100_000, 400_123, 14_776_335]) {
        for (const prefix of ['001', '003', 'a0S']) expect(demoRecordId(prefix, n)).to.equal(makeRecordId(prefix, n));
      }
    });
  });
});
