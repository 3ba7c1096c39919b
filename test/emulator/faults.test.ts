import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startEmulator } from '../../emulator/src/index.js';
import { Client, profitError } from './support.js';

const version = '/ProfitRestServices/profitversion';
const contacts = '/ProfitRestServices/connectors/Profit_Contacts?take=2&orderbyfieldids=ContactId';

describe('emulator: faults', () => {
  let c: Client;
  before(async () => {
    c = await Client.start({ contacts: 200 });
  });
  afterEach(() => c.emu.clearFault());
  after(() => c.close());

  it('slow adds delayMs, then answers normally', async () => {
    c.emu.setFault({ mode: 'slow', delayMs: 250 });
    const t0 = Date.now();
    const a = await c.get(contacts);
    assert.ok(Date.now() - t0 >= 240);
    assert.equal(a.status, 200);
  });

  it('error500 answers with an AFAS error body', async () => {
    c.emu.setFault({ mode: 'error500' });
    const a = await c.get(contacts);
    assert.equal(a.status, 500);
    profitError(a.text);
  });

  it('unavailable503 carries retry_after', async () => {
    c.emu.setFault({ mode: 'unavailable503', retryAfterSeconds: 120 });
    const a = await c.get(version);
    assert.equal(a.status, 503);
    assert.deepEqual(JSON.parse(a.text), { error: { code: '503', message: 'Service temporarily unavailable' }, retry_after: 120 });
    c.emu.setFault({ mode: 'unavailable503' });
    assert.equal((JSON.parse((await c.get(version)).text) as { retry_after: number }).retry_after, 30);
  });

  it('reset drops the connection', async () => {
    c.emu.setFault({ mode: 'reset' });
    await assert.rejects(c.get(contacts), TypeError);
  });

  it('badJson answers 200 with JSON that does not parse', async () => {
    c.emu.setFault({ mode: 'badJson' });
    const a = await c.get(contacts);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /application\/json/);
    assert.ok(a.text.startsWith('{"skip":0'));
    assert.throws(() => JSON.parse(a.text) as unknown, SyntaxError);
  });

  it('unauthorized401 and forbidden403 refuse even a good token, with an empty body', async () => {
    c.emu.setFault({ mode: 'unauthorized401' });
    let a = await c.get(version);
    assert.deepEqual([a.status, a.text], [401, '']);
    c.emu.setFault({ mode: 'forbidden403' });
    a = await c.get(version);
    assert.deepEqual([a.status, a.text], [403, '']);
  });

  it('count limits a fault to the next N requests; clearFault and none end it', async () => {
    c.emu.setFault({ mode: 'error500', count: 2 });
    assert.deepEqual([(await c.get(version)).status, (await c.get(version)).status, (await c.get(version)).status], [500, 500, 200]);
    c.emu.setFault({ mode: 'error500' });
    assert.equal((await c.get(version)).status, 500);
    c.emu.clearFault();
    assert.equal((await c.get(version)).status, 200);
    c.emu.setFault({ mode: 'error500' });
    c.emu.setFault({ mode: 'none' });
    assert.equal((await c.get(version)).status, 200);
  });

  it('leaves InSite and the control API alone', async () => {
    c.emu.setFault({ mode: 'error500' });
    assert.equal((await c.get('/insite/contactpersoon-prs?CdId=1001')).status, 200);
    assert.equal((await fetch(`${c.emu.url}/_emulator/requests`)).status, 200);
  });

  it('is controlled over HTTP under /_emulator', async () => {
    const put = await fetch(`${c.emu.url}/_emulator/fault`, { method: 'PUT', body: JSON.stringify({ mode: 'error500', count: 1 }) });
    assert.equal(put.status, 200);
    const now = (await (await fetch(`${c.emu.url}/_emulator/fault`)).json()) as { fault: { mode: string; count: number } };
    assert.deepEqual(now.fault, { mode: 'error500', count: 1 });
    assert.equal((await c.get(version)).status, 500);
    assert.equal((await c.get(version)).status, 200);
    const bad = await fetch(`${c.emu.url}/_emulator/fault`, { method: 'PUT', body: JSON.stringify({ mode: 'explode' }) });
    assert.equal(bad.status, 400);
    await fetch(`${c.emu.url}/_emulator/fault`, { method: 'PUT', body: JSON.stringify({ mode: 'forbidden403' }) });
    assert.equal((await c.get(version)).status, 403);
    assert.equal((await fetch(`${c.emu.url}/_emulator/fault`, { method: 'DELETE' })).status, 204);
    assert.equal((await c.get(version)).status, 200);
    c.emu.resetRequests();
    await c.get(version);
    await c.get(version);
    assert.deepEqual(await (await fetch(`${c.emu.url}/_emulator/requests`)).json(), { count: 2, likeQueries: 0 });
  });

  it('tracks the highest number of concurrent AFAS requests', async () => {
    c.emu.resetRequests();
    assert.equal(c.emu.inFlightMax, 0);
    c.emu.setFault({ mode: 'slow', delayMs: 150 });
    await Promise.all(Array.from({ length: 5 }, () => c.get(version)));
    assert.equal(c.emu.inFlightMax, 5);
    c.emu.clearFault();
    await c.get(version);
    assert.equal(c.emu.inFlightMax, 5);
    c.emu.resetRequests();
    assert.equal(c.emu.inFlightMax, 0);
  });
});

describe('emulator: targeted faults', () => {
  let c: Client;
  before(async () => {
    c = await Client.start({ contacts: 200 });
  });
  afterEach(() => c.emu.clearFault());
  after(() => c.close());

  const cases = '/ProfitRestServices/connectors/ProfitSubjectsAuthorized?take=2&orderbyfieldids=SbId';

  it('a fault with connector hits only that GetConnector, and only its requests count', async () => {
    c.emu.setFault({ mode: 'error500', connector: 'profitsubjectsauthorized', count: 1 });
    assert.equal((await c.get(contacts)).status, 200);
    assert.equal((await c.get(version)).status, 200);
    assert.equal((await c.get(cases)).status, 500);
    assert.equal((await c.get(cases)).status, 200);
  });

  it('error500 takes its externalMessage from message', async () => {
    c.emu.setFault({ mode: 'error500', message: 'Waarde 0612345678 is ongeldig' });
    const body = JSON.parse((await c.get(contacts)).text) as { externalMessage: string };
    assert.equal(body.externalMessage, 'Waarde 0612345678 is ongeldig');
  });

  it('notAuthorized500 answers 500 with the not-authorized message', async () => {
    c.emu.setFault({ mode: 'notAuthorized500' });
    const a = await c.get(contacts);
    assert.equal(a.status, 500);
    assert.match((JSON.parse(a.text) as { externalMessage: string }).externalMessage, /not authorized/);
  });

  it('oversized answers a valid 200 of the asked size', async () => {
    c.emu.setFault({ mode: 'oversized', sizeBytes: 100_000 });
    const a = await c.get(contacts);
    assert.equal(a.status, 200);
    assert.ok(Math.abs(a.text.length - 100_000) < 100, String(a.text.length));
    assert.equal((JSON.parse(a.text) as { rows: unknown[] }).rows.length, 1);
  });
});

describe('emulator: hang and latency', () => {
  it('hang never answers; the client gives up and close() still returns promptly', async () => {
    const emu = await startEmulator({ quiet: true, contacts: 100 });
    let closed = false;
    try {
      const c = new Client(emu);
      emu.setFault({ mode: 'hang' });
      const t0 = Date.now();
      await assert.rejects(c.get(version, undefined, AbortSignal.timeout(200)), (e: Error) => e.name === 'TimeoutError');
      assert.ok(Date.now() - t0 < 1000);
      // A second hung request still open while closing.
      const pending = c.get(version).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 50));
      const t1 = Date.now();
      closed = true;
      await emu.close();
      assert.ok(Date.now() - t1 < 500, `close took ${Date.now() - t1} ms`);
      assert.ok((await pending) instanceof Error);
    } finally {
      // A failed step must not leave a hanging emulator (and its open request) behind.
      if (!closed) await emu.close();
    }
  });

  it('latencyMs delays every answer', async () => {
    const emu = await startEmulator({ quiet: true, contacts: 100, latencyMs: 120 });
    try {
      const c = new Client(emu);
      const t0 = Date.now();
      assert.equal((await c.get(version)).status, 200);
      assert.ok(Date.now() - t0 >= 110);
    } finally {
      await emu.close();
    }
  });
});
