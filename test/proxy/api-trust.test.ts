import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { demoScenarios, startEmulator, type RunningEmulator } from '../../emulator/src/index.js';
import { errorResponse } from '../../proxy/src/contract.js';
import { startChildService, type ChildService } from './support/child-service.js';
import { adminAuth, settingsBody, startStack, SETTINGS_KEY, type Stack } from './support/stack.js';

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
/** Numbers that are in no contact: each one is a new AFAS search. */
const unknownNumber = (i: number) => `+3161999${String(1000 + i).padStart(4, '0')}`;
const DESK_KEY = 'agent-desktop-key-0123456789';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('lookup API keys', () => {
  let stack: Stack;
  const BARE_KEY = 'bare-key-without-id-0123456789';
  before(async () => {
    stack = await startStack({ env: { CRM_API_KEYS: `desk:${DESK_KEY},${BARE_KEY}`, LOG_LEVEL: 'info' } });
  });
  after(() => stack.close());

  it('accepts id:key and bare keys, and logs the key id, never the key', async () => {
    assert.equal((await stack.get(q(known), bearer(DESK_KEY))).status, 200);
    assert.equal((await stack.get(q(known), bearer(BARE_KEY))).status, 200);
    assert.match(stack.log.text, /"client":"desk"/);
    assert.match(stack.log.text, /"client":"key-[0-9a-f]{8}"/);
    assert.ok(!stack.log.text.includes(DESK_KEY) && !stack.log.text.includes(BARE_KEY));
  });

  it('refuses a missing, wrong or over-long bearer with 401', async () => {
    for (const headers of [{}, bearer('not-a-key-0123456789'), bearer('x'.repeat(257)), bearer('k'.repeat(8000))]) {
      const r = await stack.get(q(known), headers);
      assert.equal(r.status, 401, JSON.stringify(headers).slice(0, 40));
      assert.equal(errorResponse.parse(r.body).error.code, 'unauthorized');
    }
  });
});

describe('rate limit: per key, only lookups that go to AFAS count', () => {
  let stack: Stack;
  const OTHER_KEY = 'other-key-0123456789abcdef';
  before(async () => {
    stack = await startStack({
      env: { CRM_API_KEYS: `desk:${DESK_KEY},other:${OTHER_KEY}`, CRM_RATE_LIMIT_PER_MINUTE: '5' },
      settings: [{ name: 'CacheSeconds', value: '60' }],
    });
  });
  after(() => stack.close());

  it('never counts cached, withheld or invalid lookups, and limits the fifth new AFAS search after them', async () => {
    // 1 AFAS search, then 24 cached answers of it.
    for (let i = 0; i < 25; i++) assert.equal((await stack.get(q(known), bearer(DESK_KEY))).status, 200, `cached lookup ${i}`);
    for (let i = 0; i < 5; i++) assert.equal((await stack.get(q('anonymous'), bearer(DESK_KEY))).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await stack.get(q('12ab'), bearer(DESK_KEY))).status, 400);
    for (let i = 0; i < 4; i++) assert.equal((await stack.get(q(unknownNumber(i)), bearer(DESK_KEY))).status, 200, `new search ${i}`);
    const limited = await stack.get(q(unknownNumber(99)), bearer(DESK_KEY));
    assert.equal(limited.status, 429);
    assert.equal(errorResponse.parse(limited.body).error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // The cached answer still comes, and the other key has its own allowance.
    assert.equal((await stack.get(q(known), bearer(DESK_KEY))).status, 200);
    assert.equal((await stack.get(q(unknownNumber(50)), bearer(OTHER_KEY))).status, 200);
  });

  it('keeps no limiter state for rejected credentials (random bearers get 401, not an allowance)', async () => {
    for (let i = 0; i < 50; i++) {
      const r = await stack.get(q(unknownNumber(200 + i)), bearer(randomBytes(24).toString('hex')));
      assert.equal(r.status, 401);
    }
  });
});

describe('rate limit without keys: per client address, read through CRM_TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default, so one socket address shares one allowance', async () => {
    const stack = await startStack({ env: { CRM_RATE_LIMIT_PER_MINUTE: '3' }, settings: [{ name: 'CacheSeconds', value: '0' }] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await stack.get(q(unknownNumber(i)), { 'x-forwarded-for': `203.0.113.${i}` })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    } finally {
      await stack.close();
    }
  });

  it('keys on the forwarded client address behind a trusted proxy, and sends HSTS for https requests', async () => {
    const stack = await startStack({
      env: { CRM_RATE_LIMIT_PER_MINUTE: '3', CRM_TRUST_PROXY: 'loopback' },
      settings: [{ name: 'CacheSeconds', value: '0' }],
    });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await stack.get(q(unknownNumber(i)), { 'x-forwarded-for': '203.0.113.1' })).status, 200);
      assert.equal((await stack.get(q(unknownNumber(3)), { 'x-forwarded-for': '203.0.113.1' })).status, 429);
      assert.equal((await stack.get(q(unknownNumber(4)), { 'x-forwarded-for': '203.0.113.2' })).status, 200);
      const https = await stack.get('/healthz', { 'x-forwarded-proto': 'https' });
      assert.match(https.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      assert.equal((await stack.get('/healthz')).headers.get('strict-transport-security'), null);
    } finally {
      await stack.close();
    }
  });
});

describe('bodies', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ publish: false });
  });
  after(() => stack.close());

  it('refuses an oversized settings body with 413 invalid_request and malformed JSON with 400', async () => {
    const big = await stack.publish({ ucc: 'x', pluginSettings: [{ name: 'Note', value: 'x'.repeat(600_000), scope: 'CrmService' }] });
    assert.equal(big.status, 413);
    assert.equal(errorResponse.parse(big.body).error.code, 'invalid_request');
    const bad = await stack.publish('{"ucc": ');
    assert.equal(bad.status, 400);
    assert.match(errorResponse.parse(bad.body).error.message, /JSON/);
  });
});

describe('flood of random and long bearers against `npm run serve`', () => {
  let emulator: RunningEmulator;
  let child: ChildService;
  before(async () => {
    emulator = await startEmulator({ quiet: true, contacts: 200 });
    child = await startChildService({
      CRM_API_KEYS: `desk:${DESK_KEY}`,
      CRM_SETTINGS_KEY: SETTINGS_KEY,
      CRM_AFAS_HOSTS: '127.0.0.1',
      CRM_ALLOW_HTTP_UPSTREAM: 'true',
    });
    const r = await fetch(`${child.url}/api/v1/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...adminAuth },
      body: JSON.stringify(settingsBody(emulator)),
    });
    assert.equal(r.status, 200, await r.text());
  });
  after(async () => {
    await child.stop();
    await emulator.close();
  });

  it('answers every forged bearer 401 with bounded memory and no AFAS call', async () => {
    const rssBefore = child.rssMb();
    emulator.resetRequests();
    let refused = 0;
    let total = 0;
    const started = Date.now();
    // 20 clients, each with a new random bearer per request: short ones and 8 KB ones, for about 6 s.
    await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        while (Date.now() - started < 6000) {
          const key = c % 2 === 0 ? randomBytes(24).toString('hex') : randomBytes(6000).toString('base64');
          const res = await fetch(`${child.url}${q(unknownNumber(total % 1000))}`, { headers: bearer(key) });
          await res.arrayBuffer();
          total++;
          if (res.status === 401) refused++;
        }
      }),
    );
    const rssAfter = child.rssMb();
    console.log(
      `random-bearer flood: ${refused}/${total} refused with 401 in 6 s; service RSS ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`,
    );
    assert.equal(refused, total);
    assert.equal(emulator.requests.length, 0);
    assert.ok(rssAfter - rssBefore < 100, `RSS grew from ${rssBefore.toFixed(0)} to ${rssAfter.toFixed(0)} MB`);
    // The real key still works after the flood.
    assert.equal((await fetch(`${child.url}${q(known)}`, { headers: bearer(DESK_KEY) })).status, 200);
  });
});
