import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { demoScenarios } from '../../emulator/src/index.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { createLogger } from '../../proxy/src/logger.js';
import { openStore } from '../../proxy/src/store/open-store.js';
import { indexReady, within } from './support/poll.js';
import { adminAuth, settingsBody, startStack, type Stack } from './support/stack.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const METRICS_KEY = 'fleet-metrics-key-0123456789';
const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;

/** Two instances of the real service on one Redis, each with its own data folder, as a fleet runs them. */
async function startPair(redis: TestRedis, env: Record<string, string> = {}, publish = true): Promise<[Stack, Stack]> {
  const shared = { CRM_REDIS_URL: redis.url, ...env };
  const a = await startStack({ env: shared, publish });
  const b = await startStack({ env: shared, publish: false });
  return [a, b];
}

/** Empties Redis: each test starts from a fleet nobody has published to yet. */
async function flush(redis: TestRedis): Promise<void> {
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
}

describe('a fleet on Redis: settings', () => {
  let redis: TestRedis;
  before(async () => {
    redis = await startRedis();
  });
  beforeEach(() => flush(redis));
  after(() => redis.close());

  describe('on a pair started for each test, settings published', () => {
    let a: Stack;
    let b: Stack;
    beforeEach(async () => {
      [a, b] = await startPair(redis);
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it('answers lookups on an instance the UCC never published to, and shares the answer', async () => {
      const first = await b.get(q(known));
      assert.equal(first.status, 200, first.text);
      assert.equal(lookupResponse.parse(first.body).source, 'afas');
      a.emulator.resetRequests();
      const second = lookupResponse.parse((await a.get(q(known))).body);
      assert.equal(second.source, 'cache', 'fetched by b, served by a');
      assert.equal(second.contacts[0]?.name, 'Jan de Vries');
      assert.equal(a.emulator.requests.length, 0);
    });

    it('applies a publish made on another instance within 1 s, a token change included', async () => {
      assert.equal((await b.get(q(known))).status, 200);
      const wrongToken = settingsBody(a.emulator);
      wrongToken.pluginSettings[0].value = `<token><version>1</version><data>${'ab'.repeat(32)}</data></token>`;
      assert.equal((await a.publish(wrongToken)).status, 200);
      const refused = await within(1000, 'b uses the new token', async () => (await b.get(q('+31201111111'))).status === 502);
      assert.equal((await a.publish(settingsBody(a.emulator))).status, 200);
      const accepted = await within(1000, 'b uses the good token again', async () => (await b.get(q('+31202222222'))).status === 200);
      console.log(`# publish on instance 1 applied by instance 2 after ${Math.round(refused)} ms and ${Math.round(accepted)} ms`);
    });

    it('applies a pick remembered through one instance on the others (team-wide)', async () => {
      const shared = lookupResponse.parse((await b.get(q('+31201234567'))).body);
      const chosen = shared.contacts[1];
      const put = await fetch(`${a.service.url}/api/v1/picks`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '+31201234567', contactId: chosen.id }),
      });
      assert.equal(put.status, 204);
      await within(6000, 'instance 2 shows the remembered contact first', async () => {
        const r = lookupResponse.parse((await b.get(q('+31201234567'))).body);
        return r.contacts[0]?.id === chosen.id && r.contacts[0].match.remembered !== undefined;
      });
    });

    it('shares the signing key: a casesRef from one instance pages cases on another', async () => {
      const found = lookupResponse.parse((await a.get(q(known))).body);
      const ref = found.contacts[0]?.casesRef;
      assert.ok(ref);
      const page = await b.get(`/api/v1/cases?ref=${encodeURIComponent(ref)}&skip=0&take=5`);
      assert.equal(page.status, 200, page.text);
    });
  });

  describe('on a pair each test starts itself', () => {
    it('elects one primary when two UCCs publish to two instances at the same moment, and both report the conflict', async () => {
      const [a, b] = await startPair(redis, {}, false);
      try {
        const [one, two] = await Promise.all([
          a.publish(settingsBody(a.emulator, 'east', [{ name: 'MaxContacts', value: '4' }])),
          b.publish(settingsBody(a.emulator, 'west', [{ name: 'MaxContacts', value: '6' }])),
        ]);
        assert.equal(one.status, 200, one.text);
        assert.equal(two.status, 200, two.text);
        assert.equal(one.body.primaryUcc, two.body.primaryUcc, 'one primary');
        assert.equal([one.body.primary, two.body.primary].filter(Boolean).length, 1);
        const loser = one.body.primary ? 'west' : 'east';
        for (const stack of [a, b]) {
          await within(1000, 'both instances know both UCCs', async () => {
            const status = (await stack.get('/api/v1/status', adminAuth)).body;
            return (
              status.uccs.length === 2 &&
              status.conflicts.some((c: { ucc: string; name: string }) => c.ucc === loser && c.name === 'MaxContacts')
            );
          });
          assert.equal((await stack.get('/api/v1/status', adminAuth)).body.primaryUcc, one.body.primaryUcc);
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('counts the rate limit across the fleet', async () => {
      const [a, b] = await startPair(redis, { CRM_RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const statuses = [];
        for (const [i, phone] of ['+31201000001', '+31201000002', '+31201000003', '+31201000004'].entries())
          statuses.push((await (i % 2 === 0 ? a : b).get(q(phone))).status);
        assert.deepEqual(statuses, [200, 200, 200, 429]);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('does not count a lookup another instance already answered (a fleet cache hit)', async () => {
      const [a, b] = await startPair(redis, { CRM_RATE_LIMIT_PER_MINUTE: '2' });
      try {
        assert.equal((await a.get(q('+31201000011'))).status, 200);
        const shared = await b.get(q('+31201000011'));
        assert.equal(shared.body.source, 'cache');
        await new Promise((r) => setTimeout(r, 50));
        assert.equal((await b.get(q('+31201000012'))).status, 200, 'the second AFAS lookup of the minute');
        assert.equal((await b.get(q('+31201000013'))).status, 429);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});

describe('a fleet on Redis: AFAS', () => {
  let redis: TestRedis;
  before(async () => {
    redis = await startRedis();
  });
  after(() => redis.close());

  it('keeps the AFAS limit across the fleet: never more requests in flight than CRM_AFAS_MAX_CONCURRENCY', async () => {
    const [a, b] = await startPair(redis, { CRM_AFAS_MAX_CONCURRENCY: '2', CRM_AFAS_TIMEOUT_MS: '5000' });
    try {
      a.emulator.setFault({ mode: 'slow', delayMs: 150 });
      a.emulator.resetRequests();
      const phones = Array.from({ length: 12 }, (_, i) => `+3120300${String(i).padStart(4, '0')}`);
      const answers = await Promise.all(phones.map((phone, i) => (i % 2 === 0 ? a : b).get(q(phone))));
      assert.deepEqual(
        answers.map((r) => r.status),
        phones.map(() => 200),
      );
      assert.ok(a.emulator.requests.length >= 12);
      assert.ok(a.emulator.inFlightMax <= 2, `${a.emulator.inFlightMax} AFAS requests in flight at once`);
      console.log(
        `# fleet-wide AFAS limit 2: ${a.emulator.requests.length} requests over 2 instances, at most ${a.emulator.inFlightMax} at once`,
      );
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('pauses every instance when AFAS asks one of them to (retry_after)', async () => {
    const [a, b] = await startPair(redis);
    try {
      a.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 60, count: 1 });
      const first = await a.get(q('+31204000001'));
      assert.equal(first.status, 503, first.text);
      await within(1000, 'instance 2 reports the pause', async () => Boolean((await b.get('/api/v1/status', adminAuth)).body.afas?.pause));
      a.emulator.resetRequests();
      const onB = await b.get(q('+31204000002'));
      assert.equal(onB.status, 503, onB.text);
      assert.equal(onB.body.error.code, 'upstream_unavailable');
      assert.ok(Number(onB.headers.get('retry-after')) > 1);
      assert.equal(a.emulator.requests.length, 0, 'instance 2 did not call AFAS during the pause');
      const status = (await b.get('/api/v1/status', adminAuth)).body;
      assert.ok(status.afas.pause, 'instance 2 reports the pause');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('a fleet on Redis: the breaker', () => {
  it('fails fast on every instance once one instance finds AFAS down (its breaker opened)', async () => {
    const redis = await startRedis();
    const [a, b] = await startPair(redis);
    try {
      a.emulator.setFault({ mode: 'error500' });
      for (let i = 0; i < 6; i++) await a.get(q(`+3120510000${i}`));
      assert.equal((await a.get('/api/v1/status', adminAuth)).body.afas.breaker, 'open');
      await within(
        1000,
        'instance 2 reports the breaker open',
        async () => (await b.get('/api/v1/status', adminAuth)).body.afas?.breaker === 'open',
      );
      a.emulator.resetRequests();
      const started = performance.now();
      const onB = await b.get(q('+31205200001'));
      assert.equal(onB.status, 503, onB.text);
      assert.ok(performance.now() - started < 500, 'failed fast');
      assert.equal(a.emulator.requests.length, 0, 'instance 2 did not call AFAS');
      assert.equal((await b.get('/api/v1/status', adminAuth)).body.afas.breaker, 'open');
    } finally {
      await a.close();
      await b.close();
      await redis.close();
    }
  });
});

describe('a fleet on Redis: when Redis fails', () => {
  it('keeps answering lookups, refuses publishes with 503 store_unavailable, and catches up when Redis is back', async () => {
    const redis = await startRedis();
    const [a, b] = await startPair(redis, { CRM_METRICS_KEY: METRICS_KEY });
    const storeUp = async () =>
      /^crm_store_up\{kind="redis"\} (\d)$/m.exec((await a.get('/metrics', { authorization: `Bearer ${METRICS_KEY}` })).text)?.[1];
    try {
      assert.equal((await b.get(q(known))).status, 200);
      assert.equal(await storeUp(), '1');
      await redis.stop();
      await within(3000, 'status shows the store unavailable', async () => {
        const store = (await a.get('/api/v1/status', adminAuth)).body.store;
        return store.kind === 'redis' && store.state === 'unavailable';
      });
      assert.equal(await storeUp(), '0');
      assert.equal((await a.get(q(known))).status, 200, 'a known caller');
      const fresh = await b.get(q('+31205000001'));
      assert.equal(fresh.status, 200, 'a new caller, from AFAS');

      const refused = await a.publish(settingsBody(a.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '3' }]));
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.body.error.code, 'store_unavailable');
      const settings = (await a.get('/api/v1/settings', adminAuth)).body;
      assert.ok(!JSON.stringify(settings).includes('"MaxContacts","value":"3"'), 'nothing changed');

      // Back, but empty (no persistence): the instances put back what they hold.
      await redis.start();
      for (const stack of [a, b]) {
        await within(
          8000,
          'status shows the store ready again',
          async () => (await stack.get('/api/v1/status', adminAuth)).body.store.state === 'ready',
        );
      }
      const raw = new Redis(redis.url);
      try {
        await within(2000, 'the settings are back in Redis', async () => (await raw.hlen('crm:settings:publishes')) === 1);
      } finally {
        raw.disconnect();
      }
      assert.equal(await storeUp(), '1');
      const accepted = await a.publish(settingsBody(a.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '3' }]));
      assert.equal(accepted.status, 200, accepted.text);
      await within(1000, 'instance 2 applies the publish', async () =>
        JSON.stringify((await b.get('/api/v1/settings', adminAuth)).body).includes('MaxContacts'),
      );
      assert.equal((await b.get(q(known))).status, 200);
    } finally {
      await a.close();
      await b.close();
      await redis.close();
    }
  });
});

describe('moving to Redis', () => {
  it('imports the publications, the primary and the signing key of CRM_DATA_DIR once, and says so', async () => {
    const redis = await startRedis();
    const stack = await startStack();
    let other: Stack | undefined;
    try {
      assert.equal((await stack.publish(settingsBody(stack.emulator, 'second'))).status, 200);
      const ref = lookupResponse.parse((await stack.get(q(known))).body).contacts[0]?.casesRef;
      assert.ok(ref);
      await stack.restart({ CRM_REDIS_URL: redis.url });
      assert.match(stack.log.text, /imported the settings stored in CRM_DATA_DIR into Redis/);
      other = await startStack({ env: { CRM_REDIS_URL: redis.url }, publish: false });
      for (const s of [stack, other]) {
        const status = (await s.get('/api/v1/status', adminAuth)).body;
        assert.equal(status.primaryUcc, 'helpdesk');
        assert.deepEqual(status.uccs, ['helpdesk', 'second']);
      }
      const page = await other.get(`/api/v1/cases?ref=${encodeURIComponent(ref)}&skip=0&take=5`);
      assert.equal(page.status, 200, 'a casesRef handed out before the move still works');
      assert.doesNotMatch(other.log.text, /imported the settings/, 'once');
    } finally {
      await other?.close();
      await stack.close();
      await redis.close();
    }
  });
});

describe('keyed records for later features (remembered picks, the caller index)', () => {
  let redis: TestRedis;
  const dirs: string[] = [];
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ['embedded', 'redis'] as const) {
    it(`keeps values per namespace for their time to live, in the ${kind} store`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-records-'));
      dirs.push(dir);
      const store = await openStore({ dataDir: dir, redisUrl: kind === 'redis' ? redis.url : undefined }, createLogger('silent'));
      try {
        assert.equal(store.kind, kind);
        const picks = store.records('picks');
        const other = store.records('index');
        await picks.set('k1', 'contact-1', 60_000);
        await picks.set('short', 'gone soon', 30);
        assert.equal(await picks.get('k1'), 'contact-1');
        assert.equal(await other.get('k1'), undefined, 'namespaces are apart');
        await new Promise((r) => setTimeout(r, 60));
        assert.equal(await picks.get('short'), undefined);
        await picks.delete('k1');
        assert.equal(await picks.get('k1'), undefined);
      } finally {
        await store.close();
      }
    });
  }
});

describe('the caller index on Redis', () => {
  it('is built by one instance for the fleet, answers on every instance, and holds nothing readable', async () => {
    const redis = await startRedis();
    const settings = [
      { name: 'CallerIndex', value: 'On' },
      { name: 'IndexRefreshSeconds', value: '2' },
      { name: 'CacheSeconds', value: '0' },
      { name: 'DefaultPhoneNumberRegion', value: 'NL' },
    ];
    const a = await startStack({ env: { CRM_REDIS_URL: redis.url }, settings });
    const b = await startStack({ env: { CRM_REDIS_URL: redis.url }, publish: false });
    try {
      for (const s of [a, b]) await indexReady(s);
      const builds = a.emulator.requests.filter(
        (r) => r.path.endsWith('/Profit_Contacts') && !decodeURIComponent(r.query).includes('ModifiedDate'),
      );
      assert.equal(builds.length, 3, 'one build of 2,400 contacts in pages of 1,000, by one instance');
      const statusA = (await a.get('/api/v1/index', adminAuth)).body;
      const statusB = (await b.get('/api/v1/index', adminAuth)).body;
      assert.equal(statusA.contacts, statusB.contacts);
      assert.equal(statusA.builtAt, statusB.builtAt);

      for (const s of [a, b]) {
        const found = lookupResponse.parse((await s.get(q(known))).body);
        assert.equal(found.source, 'index');
        assert.equal(found.contacts[0]?.name, 'Jan de Vries');
        const unknown = lookupResponse.parse((await s.get(q('+31207654399'))).body);
        assert.equal(unknown.status, 'none');
        assert.equal(unknown.source, 'index');
      }
      assert.equal((await b.get('/api/v1/data-quality', adminAuth)).status, 200, 'the report is shared too');

      const raw = new Redis(redis.url);
      try {
        const keys = await raw.keys('crm:index:*');
        assert.ok(keys.length >= 4, keys.join());
        let text = '';
        for (const key of keys) {
          const type = await raw.type(key);
          if (type === 'hash') text += JSON.stringify(await raw.hgetall(key));
          else if (type === 'string') text += (await raw.get(key)) ?? '';
        }
        for (const secret of ['Jan de Vries', 'Vries', '612345678', '06-12345678', 'zorggroepdelinde']) {
          assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `Redis's index holds "${secret}"`);
        }
      } finally {
        raw.disconnect();
      }

      // The builder stops (here instance 1, which published and so started first): the other takes over at once.
      // Only its service: its emulator is the AFAS of both.
      await a.service.close();
      const stopped = Date.now();
      await within(8000, 'instance 2 refreshes the index itself', async () => {
        const status = (await b.get('/api/v1/index', adminAuth)).body;
        return status.state === 'ready' && Date.parse(status.refreshedAt) > stopped + 1000;
      });
      assert.equal(lookupResponse.parse((await b.get(q(known))).body).source, 'index');
    } finally {
      await a.close();
      await b.close();
      await redis.close();
    }
  });
});
