import { expect } from 'chai';
import { ApiUsage } from '../../../../src/sandbox/limits/api-usage.ts';

describe('API usage (rolling 24 h)', () => {
  it('counts calls, refuses past the maximum, and frees them 24 h later', () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const usage = new ApiUsage({ dailyMax: 3, clock: () => new Date(now) });
    expect([usage.tryConsume(), usage.tryConsume()]).to.deep.equal([true, true]);
    now += 60 * 60 * 1000;
    expect(usage.tryConsume()).to.equal(true);
    expect(usage.tryConsume()).to.equal(false);
    expect(usage.header()).to.equal('api-usage=3/3');
    now += 23 * 60 * 60 * 1000 + 1;
    expect(usage.used()).to.equal(1);
    expect(usage.remaining()).to.equal(2);
  });
});
