import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { startStack, type Stack } from './support/stack.js';

const known = '/api/v1/lookup?phone=%2B31612345678';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('while AFAS is down', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ settings: [{ name: 'CacheSeconds', value: '1' }] });
  });
  after(() => stack.close());

  it('serves the last known answer for a caller, saying how old it is, instead of an error', async () => {
    assert.equal(lookupResponse.parse((await stack.get(known)).body).source, 'afas');
    await wait(1100);
    stack.emulator.setFault({ mode: 'error500' });
    const r = await stack.get(known);
    assert.equal(r.status, 200, r.text);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.source, 'cache');
    assert.ok(body.ageSeconds >= 1);
    assert.equal(body.contacts[0]?.name, 'Jan de Vries');
    stack.emulator.clearFault();
  });

  it('still reports the error for a caller it has never seen', async () => {
    stack.emulator.setFault({ mode: 'error500' });
    const r = await stack.get('/api/v1/lookup?phone=%2B31201234567');
    assert.equal(r.status, 502);
    stack.emulator.clearFault();
  });

  it('does not hide a rejected token behind old answers', async () => {
    await wait(1100);
    stack.emulator.setFault({ mode: 'unauthorized401' });
    const r = await stack.get(known);
    assert.equal(r.status, 502);
    assert.equal(errorResponse.parse(r.body).error.code, 'upstream_auth');
    stack.emulator.clearFault();
  });
});
