import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { demoScenarios, DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { errorResponse, lookupResponse } from '../../proxy/src/contract.js';
import { settingsBody, startStack, type Stack } from './support/stack.js';

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const organisationOnly = demoScenarios.find((s) => s.id === 'organisationOnly')!.phone!;
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
const TIMEOUT_MS = 1500;

describe('AFAS faults', () => {
  let stack: Stack;
  const outputs: string[] = [];
  before(async () => {
    stack = await startStack({ env: { CRM_AFAS_TIMEOUT_MS: String(TIMEOUT_MS) }, settings: [{ name: 'CacheSeconds', value: '0' }] });
  });
  afterEach(() => stack.emulator.clearFault());
  after(async () => {
    await stack.close();
  });

  const expectError = async (phone: string, status: number, code: string) => {
    const started = Date.now();
    const r = await stack.get(q(phone));
    outputs.push(r.text, JSON.stringify([...r.headers]));
    assert.equal(r.status, status, r.text);
    const body = errorResponse.parse(r.body);
    assert.equal(body.error.code, code);
    return { body, headers: r.headers, ms: Date.now() - started };
  };

  it('when AFAS hangs then the lookup answers 504 within the timeout, never hangs', async () => {
    stack.emulator.setFault({ mode: 'hang' });
    const { ms } = await expectError(known, 504, 'upstream_timeout');
    assert.ok(ms < TIMEOUT_MS * 2, `${ms} ms`);
  });

  it('when AFAS is slower than the timeout then 504; when slow but in time then the answer', async () => {
    stack.emulator.setFault({ mode: 'slow', delayMs: TIMEOUT_MS + 500 });
    await expectError(known, 504, 'upstream_timeout');
    stack.emulator.setFault({ mode: 'slow', delayMs: 200 });
    const r = await stack.get(q(known));
    assert.equal(lookupResponse.parse(r.body).status, 'matched');
  });

  it('when AFAS answers 500 then 502 upstream_error carrying the profitLogReference', async () => {
    stack.emulator.setFault({ mode: 'error500' });
    const { body } = await expectError(known, 502, 'upstream_error');
    assert.match(body.error.reference ?? '', /^[0-9A-Fa-f]{32}$/);
  });

  it('when AFAS resets the connection or sends broken JSON then 502 upstream_error', async () => {
    stack.emulator.setFault({ mode: 'reset' });
    await expectError(known, 502, 'upstream_error');
    stack.emulator.setFault({ mode: 'badJson' });
    await expectError(known, 502, 'upstream_error');
  });

  it('when AFAS rejects the token (401 or 403) then 502 upstream_auth', async () => {
    stack.emulator.setFault({ mode: 'unauthorized401' });
    await expectError(known, 502, 'upstream_auth');
    stack.emulator.setFault({ mode: 'forbidden403' });
    await expectError(known, 502, 'upstream_auth');
  });

  it('when AFAS asks for a pause longer than the lookup can wait then 503 with Retry-After, and AFAS is left alone meanwhile', async () => {
    // A new publication ends the auth back-off of the test before (settings changes reset the call path).
    assert.equal((await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'CacheSeconds', value: '1' }]))).status, 200);
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 60, count: 1 });
    const { headers } = await expectError(known, 503, 'upstream_unavailable');
    assert.ok(Number(headers.get('retry-after')) >= 1);
    stack.emulator.resetRequests();
    await expectError('+31201234567', 503, 'upstream_unavailable');
    assert.equal(stack.emulator.requests.length, 0, 'no AFAS call while AFAS asked us to wait');
  });

  it('when AFAS asks for a pause that fits the lookup budget then the lookup waits it out and answers', async () => {
    assert.equal((await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'CacheSeconds', value: '0' }]))).status, 200);
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 1, count: 1 });
    const r = await stack.get(q(known));
    assert.equal(r.status, 200, r.text);
    assert.equal(lookupResponse.parse(r.body).status, 'matched');
  });

  it('never passes AFAS text (which can echo the caller) to the API client', async () => {
    stack.emulator.setFault({ mode: 'error500', message: 'Waarde 0612345678 is ongeldig', count: 2 });
    // A caller no earlier test looked up: with CacheSeconds 0 an answer is still shared for a millisecond.
    const { body } = await expectError(organisationOnly, 502, 'upstream_error');
    assert.ok(!body.error.message.includes('0612345678') && !body.error.message.includes('ongeldig'), body.error.message);
  });

  it('puts the AFAS token in no response, header, error or log line', () => {
    const b64 = Buffer.from(stack.emulator.token).toString('base64');
    const all = outputs.join('\n') + stack.log.text;
    for (const secret of [DEMO_TOKEN_DATA, b64, stack.emulator.token, 'AfasToken']) {
      assert.ok(!all.includes(secret), `found ${secret.slice(0, 12)}...`);
    }
  });

  it('puts no caller number in the log', () => {
    assert.ok(!stack.log.text.includes('612345678'), 'phone digits in the log');
  });
});

describe('before any settings', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ publish: false });
  });
  after(() => stack.close());

  it('answers lookups with 503 not_configured and readyz with 503, healthz with 200', async () => {
    const r = await stack.get(q(known));
    assert.equal(r.status, 503);
    assert.equal(errorResponse.parse(r.body).error.code, 'not_configured');
    assert.equal((await stack.get('/readyz')).status, 503);
    assert.equal((await stack.get('/healthz')).status, 200);
  });

  it('becomes ready once a UCC publishes', async () => {
    assert.equal((await stack.publish(settingsBody(stack.emulator))).status, 200);
    const r = await stack.get('/readyz');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'ready');
  });
});

describe('access control', () => {
  let stack: Stack;
  const KEY = 'agent-desktop-key-0123456789';
  const SETTINGS_KEY = 'settings-secret-0123456789';
  before(async () => {
    stack = await startStack({
      publish: false,
      env: {
        CRM_API_KEYS: `${KEY},other-key-0123456789abcdef`,
        CRM_SETTINGS_KEY: SETTINGS_KEY,
        CRM_ALLOWED_ORIGINS: 'https://webagent.example.com',
      },
    });
  });
  after(() => stack.close());

  it('refuses settings without the settings key, even from loopback, and accepts them with it', async () => {
    assert.equal((await stack.publish(settingsBody(stack.emulator), { authorization: '' })).status, 401);
    assert.equal((await stack.publish(settingsBody(stack.emulator), { authorization: 'Bearer wrong-wrong-wrong-wrong' })).status, 401);
    const ok = await stack.publish(settingsBody(stack.emulator), { authorization: `Bearer ${SETTINGS_KEY}` });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await stack.get('/api/v1/settings')).status, 401);
    const view = await stack.get('/api/v1/settings', { authorization: `Bearer ${SETTINGS_KEY}` });
    assert.equal(view.status, 200);
    assert.ok(!view.text.includes(DEMO_TOKEN_DATA));
  });

  it('requires an API key on the lookup API when keys are configured', async () => {
    const none = await stack.get(q(known));
    assert.equal(none.status, 401);
    assert.equal(errorResponse.parse(none.body).error.code, 'unauthorized');
    assert.equal((await stack.get(q(known), { authorization: 'Bearer not-a-key-0123456789' })).status, 401);
    assert.equal((await stack.get(q(known), { authorization: `Bearer ${KEY}` })).status, 200);
  });

  it('allows CORS only for the configured origins', async () => {
    const good = await stack.get(q(known), { authorization: `Bearer ${KEY}`, origin: 'https://webagent.example.com' });
    assert.equal(good.headers.get('access-control-allow-origin'), 'https://webagent.example.com');
    for (const origin of ['https://evil.example', 'null', 'https://webagent.example.com.evil.example', 'http://webagent.example.com']) {
      const bad = await stack.get(q(known), { authorization: `Bearer ${KEY}`, origin });
      assert.equal(bad.headers.get('access-control-allow-origin'), null, origin);
    }
  });
});
