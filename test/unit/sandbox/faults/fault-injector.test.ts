import { expect } from 'chai';
import { ZodError } from 'zod';
import { FaultInjector } from '../../../../src/sandbox/faults/fault-injector.ts';

describe('fault injector', () => {
  const draw = (injector: FaultInjector, n: number, route: 'rest' | 'query' = 'rest', write = false): Array<string | null> =>
    Array.from({ length: n }, () => injector.next(route, write)?.kind ?? null);

  it('is deterministic for a seed and roughly honours the rate', () => {
    const plan = { seed: 9, rules: [{ fault: 'http-503', rate: 0.1 }] };
    const a = draw(new FaultInjector(plan), 2000);
    const b = draw(new FaultInjector(plan), 2000);
    expect(a).to.deep.equal(b);
    const hits = a.filter(Boolean).length;
    expect(hits).to.be.within(140, 260);
  });

  it('applies rules only to their route class; lock-row only to writes; query-timeout only to queries', () => {
    const injector = new FaultInjector({ rules: [
      { routes: 'bulk', fault: 'http-500', rate: 1 },
      { fault: 'lock-row', rate: 1 },
      { fault: 'query-timeout', rate: 1 },
    ] });
    expect(injector.next('rest', false)).to.equal(null);
    expect(injector.next('bulk', false)?.kind).to.equal('http-500');
    expect(injector.next('rest', true)?.kind).to.equal('lock-row');
    expect(injector.next('query', false)?.kind).to.equal('query-timeout');
    expect(injector.next('admin', true)).to.equal(null);
  });

  it('stops after a rule\'s limit', () => {
    const injector = new FaultInjector({ rules: [{ fault: 'revoke-session', rate: 1, limit: 2 }] });
    expect(draw(injector, 4).filter(Boolean)).to.have.length(2);
    expect(injector.counts.get('revoke-session')).to.equal(2);
  });

  it('refuses an invalid plan', () => {
    expect(() => new FaultInjector({ rules: [{ fault: 'meteor', rate: 1 }] })).to.throw(ZodError);
    expect(() => new FaultInjector({ rules: [{ fault: 'http-503', rate: 2 }] })).to.throw(ZodError);
  });
});
