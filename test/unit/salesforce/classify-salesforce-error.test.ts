import { expect } from 'chai';
import { classifySalesforceError, type Decision } from '../../../src/salesforce/classify-salesforce-error.ts';

/** Errors shaped as jsforce throws them: name === errorCode; socket errors carry code/cause. */
const sfError = (code: string): Error => Object.assign(new Error(code), { name: code, errorCode: code });
const socket = (code: string): Error => Object.assign(new Error(`request failed: ${code}`), { code });

describe('classifySalesforceError', () => {
  const table: Array<[string, unknown, Decision, string]> = [
    ['503 (non-JSON body)', sfError('ERROR_HTTP_503'), 'retry', 'transient'],
    ['429', sfError('ERROR_HTTP_429'), 'retry', 'transient'],
    ['420', sfError('ERROR_HTTP_420'), 'retry', 'transient'],
    ['500 UNKNOWN_EXCEPTION', sfError('UNKNOWN_EXCEPTION'), 'retry', 'transient'],
    ['an unlisted 5xx', sfError('ERROR_HTTP_507'), 'retry', 'transient'],
    ['row lock', sfError('UNABLE_TO_LOCK_ROW'), 'retry', 'transient'],
    ['connection reset', socket('ECONNRESET'), 'retry', 'transient'],
    ['reset wrapped in a cause', Object.assign(new TypeError('fetch failed'), { cause: socket('UND_ERR_SOCKET') }), 'retry', 'transient'],
    ['socket hang up text', new Error('socket hang up'), 'retry', 'transient'],
    ['expired session', sfError('INVALID_SESSION_ID'), 'refresh-then-retry', 'auth'],
    ['query timeout', sfError('QUERY_TIMEOUT'), 'halve-slice', 'transient'],
    ['failed bulk job', { name: 'SextantError', code: 'SF_BULK_JOB_FAILED' }, 'halve-slice', 'transient'],
    ['daily limit', sfError('REQUEST_LIMIT_EXCEEDED'), 'stop-at-checkpoint', 'quota'],
    ['our own budget', { code: 'SF_API_BUDGET_EXHAUSTED' }, 'stop-at-checkpoint', 'quota'],
    ['bad field', sfError('INVALID_FIELD'), 'fail', 'config'],
    ['bad query', sfError('MALFORMED_QUERY'), 'fail', 'config'],
    ['bad password', Object.assign(new Error('authentication failure'), { name: 'invalid_grant' }), 'fail', 'auth'],
    ['a 400 we do not know', sfError('ERROR_HTTP_400'), 'fail', 'fatal'],
    ['a plain error', new Error('boom'), 'fail', 'fatal'],
    ['a string', 'boom', 'fail', 'fatal'],
  ];
  for (const [label, error, decision, kind] of table) {
    it(`${label} → ${decision}`, () => {
      const r = classifySalesforceError(error);
      expect(r.decision).to.equal(decision);
      expect(r.kind).to.equal(kind);
    });
  }

  it('reports the code it decided on', () => {
    expect(classifySalesforceError(sfError('QUERY_TIMEOUT')).code).to.equal('QUERY_TIMEOUT');
    expect(classifySalesforceError(socket('ECONNRESET')).code).to.equal('ECONNRESET');
  });
});
