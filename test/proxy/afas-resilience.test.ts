import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { AppError } from '../../proxy/src/errors.js';
import type { CallPriority } from '../../proxy/src/afas/client.js';
import type { ConnectorQuery } from '../../proxy/src/afas/query.js';
import { testClient as client } from './support/afas-client.js';
import { freshAfasPerTest } from './support/fresh-afas.js';

const { startAfas, closeAfterTest } = freshAfasPerTest();

/** A contains-search on the work phone; different values make different URLs (no coalescing). */
const contacts = (value: string): ConnectorQuery => ({
  connector: 'Profit_Contacts',
  filter: [[{ field: 'TelWork', op: 6, value }]],
  orderBy: ['ContactId'],
  take: 5,
});

const cases = (key: string): ConnectorQuery => ({
  connector: 'ProfitSubjectsAuthorized',
  filter: [[{ field: 'BcCd', op: 1, value: key }]],
  orderBy: ['SbId'],
  take: 5,
});

async function appError(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError ${code}, got ${inspect(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected AppError ${code}`);
}

const since = (started: number): number => performance.now() - started;
let unique = 0;
/** A search value no other call uses, so nothing is coalesced. */
const fresh = (): ConnectorQuery => contacts(`%06${String(++unique).padStart(8, '0')}%`);

void describe('AFAS client: a retry_after that fits the budget', () => {
  void it('is waited out, and the failing call and calls arriving during the pause succeed', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'unavailable503', retryAfterSeconds: 1, count: 1 });
    const c = client(afas);
    const started = performance.now();
    const first = c.getRows(fresh());
    await sleep(100);
    const during = await Promise.all([first, ...Array.from({ length: 10 }, () => c.getRows(fresh()))]);
    const took = since(started);
    assert.equal(during.length, 11);
    assert.ok(took >= 950 && took < 1500, `took ${took} ms`);
    assert.equal(afas.requests.length, 12, 'the 503, then each call once');
    assert.equal(c.status().pause, null);
  });
});

void describe('AFAS client: circuit breaker', () => {
  void it('opens after repeated resets, fails fast without calling AFAS, and closes once a probe succeeds', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'reset' });
    const c = client(afas);
    for (let i = 0; i < 3; i++) await appError(c.getRows(fresh()), i < 2 ? 'upstream_error' : 'upstream_unavailable');
    assert.equal(afas.requests.length, 5, 'two calls of two attempts, then the fifth failure opened it');
    assert.equal(c.status().breaker, 'open');

    const started = performance.now();
    const fast = await Promise.allSettled(Array.from({ length: 20 }, () => c.getRows(fresh())));
    assert.ok(since(started) < 100, `took ${since(started)} ms`);
    for (const r of fast) {
      assert.equal(r.status, 'rejected');
      const error = r.reason as AppError;
      assert.equal(error.code, 'upstream_unavailable');
      assert.ok(error.retryAfterSeconds! >= 1 && error.retryAfterSeconds! <= 5, String(error.retryAfterSeconds));
    }
    assert.equal(afas.requests.length, 5);

    afas.clearFault();
    await sleep(5100);
    await c.getRows(fresh());
    assert.equal(c.status().breaker, 'closed');
    await Promise.all(Array.from({ length: 5 }, () => c.getRows(fresh())));
    assert.equal(afas.requests.length, 11);
  });

  void it('timeouts open it too; a failed probe opens it again, and other calls fail fast while the probe runs', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'hang' });
    const c = client(afas, { timeoutMs: 200 });
    for (let i = 0; i < 5; i++) await appError(c.getRows(fresh()), 'upstream_timeout');
    const started = performance.now();
    await appError(c.getRows(fresh()), 'upstream_unavailable');
    assert.ok(since(started) < 50, 'well under the timeout');
    assert.equal(afas.requests.length, 5);

    await sleep(5100);
    const probe = appError(c.getRows(fresh()), 'upstream_timeout');
    await sleep(20);
    assert.equal(c.status().breaker, 'half-open');
    await appError(c.getRows(fresh()), 'upstream_unavailable');
    await probe;
    assert.equal(c.status().breaker, 'open');
    assert.equal(afas.requests.length, 6);
  });

  void it('is not tripped by a few blips, 4xx answers or auth refusals', async () => {
    const afas = await startAfas();
    const c = client(afas, { retries: 0 });
    for (let i = 0; i < 4; i++) {
      afas.setFault({ mode: 'error500', count: 1 });
      await appError(c.getRows(fresh()), 'upstream_error');
      await c.getRows(fresh());
    }
    afas.setFault({ mode: 'reset', count: 4 });
    for (let i = 0; i < 4; i++) await appError(c.getRows(fresh()), 'upstream_error');
    afas.clearFault();
    for (let i = 0; i < 10; i++) await appError(c.getRows({ ...fresh(), connector: 'Profit_Nope' }), 'upstream_error');
    afas.setFault({ mode: 'unauthorized401' });
    await appError(c.getRows(fresh()), 'upstream_auth');
    assert.equal(c.status().breaker, 'closed');
  });

  void it('a new client (a settings change) closes it', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'error500' });
    const c = client(afas);
    for (let i = 0; i < 5; i++) await appError(c.getRows(fresh()), 'upstream_error');
    assert.equal(c.status().breaker, 'open');
    afas.clearFault();
    const next = client(afas);
    assert.equal(next.status().breaker, 'closed');
    await next.getRows(fresh());
    assert.equal(afas.requests.length, 6);
  });
});

void describe('AFAS client: auth back-off', () => {
  void it('after a 401, calls with that token fail fast for 2 s, then AFAS is asked again and the interval doubles', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'unauthorized401' });
    const c = client(afas);
    const first = await appError(c.getRows(fresh()), 'upstream_auth');
    for (let i = 0; i < 10; i++) {
      const again = await appError(Promise.all(Array.from({ length: 20 }, () => c.getRows(fresh()))), 'upstream_auth');
      assert.equal(again.message, first.message);
    }
    await appError(c.profitVersion(), 'upstream_auth');
    assert.equal(afas.requests.length, 2, 'one refusal per endpoint (profitversion is another endpoint)');
    assert.equal(c.status().authRejected, true);

    await sleep(2100);
    await appError(c.getRows(fresh()), 'upstream_auth');
    assert.equal(afas.requests.length, 3);
    await sleep(2100);
    await appError(c.getRows(fresh()), 'upstream_auth');
    assert.equal(afas.requests.length, 3, 'the second refusal started 4 s');

    const next = client(afas);
    assert.equal(next.status().authRejected, false, 'a new client starts afresh');
    await appError(next.getRows(fresh()), 'upstream_auth');
    assert.equal(afas.requests.length, 4);
  });

  void it('a success clears it, so the next refusal starts again at 2 s', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'forbidden403', count: 1 });
    const c = client(afas);
    await appError(c.getRows(fresh()), 'upstream_auth');
    await sleep(2100);
    await c.getRows(fresh());
    assert.equal(c.status().authRejected, false);
    afas.setFault({ mode: 'forbidden403' });
    await appError(c.getRows(fresh()), 'upstream_auth');
    await sleep(2100);
    await appError(c.getRows(fresh()), 'upstream_auth');
    assert.equal(afas.requests.length, 4);
  });

  void it('a "not authorized" 500 on the case connector only backs off that connector; callers are still found', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'notAuthorized500', connector: 'ProfitSubjectsAuthorized' });
    const c = client(afas);
    for (let i = 0; i < 20; i++) {
      await c.getRows(fresh());
      await appError(c.getRows(cases(String(100001 + i))), 'upstream_auth');
    }
    const caseCalls = afas.requests.filter((r) => r.path.endsWith('ProfitSubjectsAuthorized')).length;
    assert.equal(caseCalls, 1);
    assert.equal(afas.requests.length, 21);
  });
});

void describe('AFAS client: body cap', () => {
  void it('a body over the cap (by Content-Length) is upstream_error, not retried, and the connection is dropped', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'oversized' });
    const c = client(afas);
    const started = performance.now();
    const error = await appError(c.getRows(fresh()), 'upstream_error');
    assert.equal(error.message, 'AFAS answered with more than 10 MB for GetConnector "Profit_Contacts".');
    assert.ok(since(started) < 1000);
    assert.equal(afas.requests.length, 1);

    afas.setFault({ mode: 'oversized', sizeBytes: 2000 });
    assert.equal((await client(afas, { maxBodyBytes: 4000 }).getRows(fresh())).length, 1);
    await appError(client(afas, { maxBodyBytes: 1000 }).getRows(fresh()), 'upstream_error');
  });

  void it('a streamed body without Content-Length is cut off at the cap, with bounded memory', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 256 * 1024 * 1024;
    let written = 0;
    let closedEarly = false;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"skip":0,"take":1,"rows":[{"Memo":"');
      const pump = (): void => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"}]}');
      };
      res.once('close', () => (closedEarly = written < total));
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closeAfterTest({
      close: () => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = `<token><version>1</version><data>${'AB'.repeat(32)}</data></token>`;

    global.gc?.();
    const before = process.memoryUsage().rss;
    const c = client({ connectorBaseUrl: `${url}/ProfitRestServices`, token }, { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 });
    const error = await appError(c.getRows(fresh()), 'upstream_error');
    assert.equal(error.message, 'AFAS answered with more than 1 MB for GetConnector "Profit_Contacts".');
    await sleep(100);
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.ok(closedEarly, 'the connection was dropped before the server finished');
    assert.ok(written < 64 * 1024 * 1024, `the server could write ${written} bytes`);
    assert.ok(grownMb < 64, `RSS grew ${grownMb.toFixed(1)} MB`);
  });
});

void describe('AFAS client: slots', () => {
  void it('with every slot taken, a ring call queued after paging and background calls gets the next slot', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'slow', delayMs: 100 });
    const c = client(afas, { maxConcurrent: 1 });
    const call = (name: string, priority: CallPriority) => c.getRows(contacts(`%${name}%`), { priority });
    const busy = call('busy', 'ring');
    const queued = [call('background', 'background'), call('paging1', 'paging'), call('paging2', 'paging'), call('ring', 'ring')];
    assert.equal(c.status().queued, 4);
    assert.equal(c.status().inFlight, 1);
    await Promise.all([busy, ...queued]);
    const order = afas.requests.map((r) => /TelWork&filtervalues=%25(\w+)%25/.exec(r.query)?.[1]);
    assert.deepEqual(order, ['busy', 'ring', 'paging1', 'paging2', 'background']);
  });

  void it('status() names the AFAS host and the limits, never the token', async () => {
    const afas = await startAfas();
    const c = client(afas);
    const status = c.status();
    assert.deepEqual(status, {
      environment: new URL(afas.url).host,
      maxConcurrency: 8,
      inFlight: 0,
      queued: 0,
      pause: null,
      breaker: 'closed',
      authRejected: false,
    });
    // No client is made for a token the settings refuse.
    assert.throws(
      () => client(afas, { token: 'nope' }).status(),
      (e) => e instanceof AppError && e.code === 'not_configured',
    );
  });
});
