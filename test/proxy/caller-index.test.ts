import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { adminAuth, startStack, type Stack } from './support/stack.js';

const q = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;
const phoneOf = (id: string) => demoScenarios.find((s) => s.id === id)!.phone!;

async function until(ms: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the caller index', () => {
  let indexed: Stack;
  let live: Stack;
  before(async () => {
    indexed = await startStack({
      settings: [
        { name: 'CallerIndex', value: 'On' },
        { name: 'CacheSeconds', value: '0' },
      ],
    });
    live = await startStack({ settings: [{ name: 'CacheSeconds', value: '0' }] });
    await until(20_000, 'the index is ready', async () => (await indexed.get('/api/v1/index', adminAuth)).body.state === 'ready');
  });
  after(async () => {
    await indexed.close();
    await live.close();
  });

  it('reports its state to the admin', async () => {
    const r = await indexed.get('/api/v1/index', adminAuth);
    assert.equal(r.status, 200);
    assert.equal(r.body.state, 'ready');
    assert.ok(r.body.contacts > 2000, JSON.stringify(r.body));
    assert.equal(r.body.refresh, 'incremental');
    assert.equal((await indexed.get('/api/v1/index')).status, 401);
  });

  for (const id of ['known', 'manyCases', 'sharedNumber', 'organisationOnly', 'unknown']) {
    it(`answers the ${id} caller as live search does, through the index and without a LIKE`, async () => {
      const phone = phoneOf(id);
      const a = lookupResponse.parse((await indexed.get(q(phone))).body);
      const b = lookupResponse.parse((await live.get(q(phone))).body);
      assert.equal(a.source, 'index');
      assert.equal(b.source, 'afas');
      assert.deepEqual(
        { ...a, source: 'x' },
        { ...b, source: 'x', contacts: a.contacts.map((c, i) => ({ ...b.contacts[i], casesRef: c.casesRef })) },
      );
    });
  }

  it('answers an unknown caller with no AFAS call at all', async () => {
    indexed.emulator.resetRequests();
    const r = lookupResponse.parse((await indexed.get(q('+31207654321'))).body);
    assert.equal(r.status, 'none');
    assert.equal(r.source, 'index');
    assert.equal(
      indexed.emulator.requests.filter((x) => x.path.includes('Profit_Contacts') && !/op.*=4|operatortypes=4/i.test(x.query)).length,
      0,
    );
  });

  it('serves the data-quality report as JSON and CSV', async () => {
    const json = await indexed.get('/api/v1/data-quality', adminAuth);
    assert.equal(json.status, 200, json.text);
    assert.ok(json.body.contacts > 2000);
    assert.ok(json.body.phoneValues > 0);
    const csv = await indexed.get('/api/v1/data-quality', { ...adminAuth, accept: 'text/csv' });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.text, /^contactId,field,problem,link\r\n/);
  });
});
