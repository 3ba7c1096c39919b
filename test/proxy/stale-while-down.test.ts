import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { testClock } from './support/clock.js';
import { startStack, type Stack } from './support/stack.js';

const known = '/api/v1/lookup?phone=%2B31612345678';
/** The stack's CRM_AFAS_TIMEOUT_MS is 1500: a lookup answers within twice that. */
const LOOKUP_DEADLINE_MS = 3000;
/** CacheSeconds 1 in these stacks: moving the service's clock this far makes every kept answer stale. */
const PAST_CACHE_SECONDS_MS = 1100;
const stackOptions = (now: () => number) => ({ settings: [{ name: 'CacheSeconds', value: '1' }], now });

/** The answer for the known caller comes from the cache, `ageSeconds` old, although AFAS failed. */
async function assertStandIn(stack: Stack, ageSeconds: number): Promise<void> {
  const started = performance.now();
  const r = await stack.get(known);
  const ms = performance.now() - started;
  assert.equal(r.status, 200, r.text);
  assert.ok(ms < LOOKUP_DEADLINE_MS, `${Math.round(ms)} ms`);
  const body = lookupResponse.parse(r.body);
  assert.equal(body.source, 'cache');
  assert.equal(body.ageSeconds, ageSeconds);
  assert.equal(body.contacts[0]?.name, 'Jan de Vries');
}

describe('while AFAS is down', () => {
  let stack: Stack;
  const clock = testClock();
  before(async () => {
    stack = await startStack(stackOptions(clock.now));
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  it('serves the last known answer for a caller, saying how old it is, instead of an error', async () => {
    assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
    clock.advance(PAST_CACHE_SECONDS_MS);
    stack.emulator.setFault({ mode: 'error500' });
    await assertStandIn(stack, 1);
  });

  it('still reports the error for a caller it has never seen', async () => {
    stack.emulator.setFault({ mode: 'error500' });
    const r = await stack.get('/api/v1/lookup?phone=%2B31201234567');
    assert.equal(r.status, 502);
  });
});

describe('while AFAS refuses the token', () => {
  // A stack each: after one refusal the AFAS client fails fast with it, so the second mode would never reach AFAS.
  for (const [what, mode] of [
    ['a rejected token (401)', 'unauthorized401'],
    ['a token that may not use the connector (a 500 "not authorized")', 'notAuthorized500'],
  ] as const) {
    it(`does not hide ${what} behind old answers`, async () => {
      const clock = testClock();
      const stack = await startStack(stackOptions(clock.now));
      try {
        assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
        clock.advance(PAST_CACHE_SECONDS_MS);
        stack.emulator.setFault({ mode });
        stack.emulator.resetRequests();
        const r = await stack.get(known);
        assert.equal(r.status, 502, r.text);
        assert.equal(errorResponse.parse(r.body).error.code, 'upstream_auth');
        assert.equal(stack.emulator.requests.length, 1, 'AFAS was asked and refused');
      } finally {
        await stack.close();
      }
    });
  }
});

describe('while AFAS hangs or asks for a pause', () => {
  let stack: Stack;
  const clock = testClock();
  before(async () => {
    stack = await startStack(stackOptions(clock.now));
    assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  it('serves the last known answer before the lookup deadline when AFAS does not answer at all', async () => {
    clock.advance(PAST_CACHE_SECONDS_MS);
    stack.emulator.setFault({ mode: 'hang', connector: 'Profit_Contacts' });
    await assertStandIn(stack, 1);
  });

  it('serves the last known answer while AFAS is in maintenance (503 with a long retry_after)', async () => {
    clock.advance(PAST_CACHE_SECONDS_MS);
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 600 });
    await assertStandIn(stack, 2);
  });
});
