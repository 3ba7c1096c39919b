import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { startStack, type Stack } from './support/stack.js';

/** The service asks the rate limit only when an answer needs AFAS; only those count. */
describe('what counts against the lookup rate limit', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ env: { CRM_RATE_LIMIT_PER_MINUTE: '3' }, settings: [{ name: 'DefaultPhoneNumberRegion', value: 'NL' }] });
  });
  after(() => stack.close());

  it('counts lookups and case pages that went to AFAS, not cached answers, withheld numbers or cached case pages', async () => {
    const first = await stack.get('/api/v1/lookup?phone=%2B31612345678');
    assert.equal(first.status, 200, first.text);
    const ref = lookupResponse.parse(first.body).contacts[0].casesRef; // 1 counted
    for (let i = 0; i < 10; i++) {
      const cached = await stack.get('/api/v1/lookup?phone=0612345678');
      assert.equal(cached.status, 200, `cached lookup ${i}: ${cached.text}`);
      assert.equal(lookupResponse.parse(cached.body).source, 'cache');
      assert.equal((await stack.get('/api/v1/lookup?phone=anonymous')).status, 200, `withheld ${i}`);
    }
    assert.equal((await stack.get(`/api/v1/cases?ref=${encodeURIComponent(ref)}`)).status, 200); // 2 counted
    for (let i = 0; i < 10; i++) {
      assert.equal((await stack.get(`/api/v1/cases?ref=${encodeURIComponent(ref)}&skip=1`)).status, 200, `cached case page ${i}`);
    }
    assert.equal((await stack.get('/api/v1/lookup?phone=%2B31201234567')).status, 200); // 3 counted
    const limited = await stack.get('/api/v1/lookup?phone=%2B31102345678');
    assert.equal(limited.status, 429, limited.text);
    assert.equal(errorResponse.parse(limited.body).error.code, 'rate_limited');
  });
});
