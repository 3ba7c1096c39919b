import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios, startEmulator, type RunningEmulator } from '../../emulator/src/index.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { startFleet, fleetUrl, type Fleet } from './support/fleet.js';
import { within } from './support/poll.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { adminAuth, fetchJson, settingsBody, SETTINGS_KEY } from './support/stack.js';

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
const MAX_CONCURRENCY = 3;

const call = (base: string, path: string, init: RequestInit = {}) => fetchJson(`${base}${path}`, init);

const publish = (base: string, body: unknown) =>
  call(base, '/api/v1/settings', {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...adminAuth },
    body: JSON.stringify(body),
  });

const status = async (base: string) => (await call(base, '/api/v1/status', { headers: adminAuth })).body;

const contactsRequests = (emulator: RunningEmulator) => emulator.requests.filter((r) => r.path.endsWith('/Profit_Contacts')).length;

describe('three service processes on one Redis behind a round-robin balancer', () => {
  let redis: TestRedis;
  let emulator: RunningEmulator;
  let fleet: Fleet;
  let lb: string;
  const direct = (i: number) => fleet.instances[i].url;

  before(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ quiet: true, latencyMs: 50 });
    fleet = await startFleet(3, {
      CRM_REDIS_URL: redis.url,
      CRM_SETTINGS_KEY: SETTINGS_KEY,
      CRM_API_KEYS: 'none',
      CRM_ALLOW_HTTP_UPSTREAM: 'true',
      CRM_AFAS_HOSTS: '127.0.0.1',
      CRM_AFAS_MAX_CONCURRENCY: String(MAX_CONCURRENCY),
      CRM_AFAS_TIMEOUT_MS: '4000',
    });
    lb = fleetUrl(fleet);
  });
  after(async () => {
    await fleet.close();
    await emulator.close();
    await redis.close();
  });

  it('is configured everywhere by a publish to one instance', async () => {
    const published = await publish(direct(0), settingsBody(emulator));
    assert.equal(published.status, 200, published.text);
    for (const i of [1, 2]) {
      await within(1000, `instance ${i} answers`, async () => (await call(direct(i), q(known))).status === 200);
    }
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(lb, q(known))));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200, 200],
    );
  });

  it('keeps one primary when two UCCs publish to two instances at once, and every instance reports their conflicts', async () => {
    const [east, west] = await Promise.all([
      publish(direct(1), settingsBody(emulator, 'east', [{ name: 'MaxCases', value: '7' }])),
      publish(direct(2), settingsBody(emulator, 'west', [{ name: 'MaxCases', value: '9' }])),
    ]);
    assert.equal(east.status, 200, east.text);
    assert.equal(west.status, 200, west.text);
    // helpdesk published first (above): it stays primary, both newcomers conflict with it.
    assert.equal(east.body.primaryUcc, 'helpdesk');
    assert.equal(west.body.primaryUcc, 'helpdesk');
    for (const i of [0, 1, 2]) {
      await within(1000, `instance ${i} reports both conflicts`, async () => {
        const s = await status(direct(i));
        const names = s.conflicts.map((c: { ucc: string; name: string }) => `${c.ucc}:${c.name}`).sort();
        return s.primaryUcc === 'helpdesk' && names.join() === 'east:MaxCases,west:MaxCases';
      });
    }
  });

  it('keeps the AFAS limit across the fleet: at most CRM_AFAS_MAX_CONCURRENCY requests in flight on all instances', async () => {
    emulator.setFault({ mode: 'slow', delayMs: 100 });
    try {
      emulator.resetRequests();
      const phones = Array.from({ length: 18 }, (_, i) => `+3120600${String(i).padStart(4, '0')}`);
      const answers = await Promise.all(phones.map((phone) => call(lb, q(phone))));
      assert.ok(
        answers.every((a) => a.status === 200),
        answers.map((a) => a.status).join(),
      );
      assert.ok(emulator.inFlightMax <= MAX_CONCURRENCY, `${emulator.inFlightMax} in flight at once`);
      assert.ok(emulator.inFlightMax >= 2, 'the instances did call AFAS concurrently');
      console.log(
        `# fleet of 3, limit ${MAX_CONCURRENCY}: ${emulator.requests.length} AFAS requests, at most ${emulator.inFlightMax} at once`,
      );
    } finally {
      emulator.clearFault();
    }
  });

  it('makes at most one contacts request per instance for 100 identical lookups at once, and none once cached', async () => {
    const phone = '+31207000001';
    emulator.resetRequests();
    const first = await Promise.all(Array.from({ length: 100 }, () => call(lb, q(phone))));
    assert.ok(first.every((a) => a.status === 200));
    const uncached = contactsRequests(emulator);
    assert.ok(uncached >= 1 && uncached <= 3, `${uncached} contacts requests for 100 lookups on 3 instances`);
    emulator.resetRequests();
    const again = await Promise.all(Array.from({ length: 100 }, () => call(lb, q(phone))));
    assert.ok(again.every((a) => a.status === 200 && a.body.source === 'cache'));
    assert.equal(contactsRequests(emulator), 0, 'the cached answer served all 100');
    console.log(`# 100 identical lookups over 3 instances: ${uncached} contacts request(s) uncached, 0 cached`);
  });

  it('keeps serving through the others when an instance is killed (SIGKILL), and takes it back after a restart', async () => {
    const phones = Array.from({ length: 60 }, (_, i) => `+3120800${String(i).padStart(4, '0')}`);
    const results: number[] = [];
    const load = (async () => {
      for (let i = 0; i < phones.length; i += 3) {
        const batch = await Promise.all(phones.slice(i, i + 3).map((p) => call(lb, q(p))));
        results.push(...batch.map((a) => a.status));
      }
    })();
    await within(5000, 'the load has answers', () => Promise.resolve(results.length > 0));
    await fleet.kill(1);
    await load;
    assert.deepEqual(
      results,
      phones.map(() => 200),
    );
    await fleet.restart(1);
    assert.equal((await call(direct(1), q(known))).status, 200, 'the restarted instance has the settings at once');
  });

  it('keeps the primary when every instance restarts', async () => {
    const before = await status(direct(0));
    for (const i of [0, 1, 2]) await fleet.restart(i);
    for (const i of [0, 1, 2]) {
      const s = await status(direct(i));
      assert.equal(s.primaryUcc, before.primaryUcc);
      assert.deepEqual(s.uccs, before.uccs);
    }
    assert.equal((await call(lb, q(known))).status, 200);
  });

  it('goes on while Redis is down (lookups answer, publishes are refused with 503) and loses nothing when it is back', async () => {
    await redis.stop();
    try {
      await within(3000, 'every instance sees Redis down', async () => {
        const states = await Promise.all([0, 1, 2].map(async (i) => (await status(direct(i))).store.state));
        return states.every((s) => s === 'unavailable');
      });
      const lookups = await Promise.all([known, '+31209000001', '+31209000002'].map((p) => call(lb, q(p))));
      assert.deepEqual(
        lookups.map((a) => a.status),
        [200, 200, 200],
      );
      const refused = await publish(lb, settingsBody(emulator, 'helpdesk', [{ name: 'MaxContacts', value: '4' }]));
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.body.error.code, 'store_unavailable');
    } finally {
      await redis.start();
    }
    for (const i of [0, 1, 2]) {
      await within(8000, `instance ${i} sees Redis back`, async () => (await status(direct(i))).store.state === 'ready');
    }
    const accepted = await publish(lb, settingsBody(emulator, 'helpdesk', [{ name: 'MaxContacts', value: '4' }]));
    assert.equal(accepted.status, 200, accepted.text);
    for (const i of [0, 1, 2]) {
      await within(1000, `instance ${i} applies the publish`, async () => {
        const settings = await call(direct(i), '/api/v1/settings', { headers: adminAuth });
        return JSON.stringify(settings.body).includes('"MaxContacts"');
      });
      const s = await status(direct(i));
      assert.equal(s.primaryUcc, 'helpdesk');
      assert.deepEqual([...s.uccs].sort(), ['east', 'helpdesk', 'west'], 'the other UCCs were put back too');
    }
    const found = lookupResponse.parse((await call(lb, q(known))).body);
    assert.equal(found.status, 'matched');
  });
});
