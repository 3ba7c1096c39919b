import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { startStack, type Stack } from './support/stack.js';

const known = '/api/v1/lookup?phone=%2B31612345678';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The stack's CRM_AFAS_TIMEOUT_MS is 1500: a lookup answers within twice that. */
const LOOKUP_DEADLINE_MS = 3000;

/** The answer for the known caller comes from the cache, with its age, although AFAS failed. */
async function assertStandIn(stack: Stack, maxMs = LOOKUP_DEADLINE_MS): Promise<void> {
  const started = performance.now();
  const r = await stack.get(known);
  const ms = performance.now() - started;
  assert.equal(r.status, 200, r.text);
  assert.ok(ms < maxMs, `${Math.round(ms)} ms`);
  const body = lookupResponse.parse(r.body);
  assert.equal(body.source, 'cache');
  assert.ok(body.ageSeconds >= 1);
  assert.equal(body.contacts[0]?.name, 'Jan de Vries');
}

async function assertNoStandIn(stack: Stack): Promise<void> {
  const r = await stack.get(known);
  assert.equal(r.status, 502, r.text);
  assert.equal(errorResponse.parse(r.body).error.code, 'upstream_auth');
}

describe('while AFAS is down', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'CacheSeconds', value: '1' }] });
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  it('serves the last known answer for a caller, saying how old it is, instead of an error', async () => {
    assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
    await wait(1100);
    stack.emulator.setFault({ mode: 'error500' });
    await assertStandIn(stack);
  });

  it('still reports the error for a caller it has never seen', async () => {
    stack.emulator.setFault({ mode: 'error500' });
    const r = await stack.get('/api/v1/lookup?phone=%2B31201234567');
    assert.equal(r.status, 502);
  });

  it('does not hide a rejected token behind old answers', async () => {
    await wait(1100);
    stack.emulator.setFault({ mode: 'unauthorized401' });
    await assertNoStandIn(stack);
  });

  it('does not hide a token that may not use the connector (a 500 "not authorized") behind old answers', async () => {
    await wait(1100);
    stack.emulator.setFault({ mode: 'notAuthorized500' });
    await assertNoStandIn(stack);
  });
});

describe('while AFAS hangs or asks for a pause', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'CacheSeconds', value: '1' }] });
    assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
  });
  afterEach(() => stack.emulator.clearFault());
  after(() => stack.close());

  it('serves the last known answer before the lookup deadline when AFAS does not answer at all', async () => {
    await wait(1100);
    stack.emulator.setFault({ mode: 'hang', connector: 'Profit_Contacts' });
    await assertStandIn(stack);
  });

  it('serves the last known answer while AFAS is in maintenance (503 with a long retry_after)', async () => {
    await wait(1100);
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 600 });
    await assertStandIn(stack);
  });
});
