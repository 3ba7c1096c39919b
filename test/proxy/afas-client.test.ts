import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { RunningEmulator } from '../../emulator/src/index.js';
import { AppError } from '../../proxy/src/errors.js';
import { QueryTooLongError, type ConnectorQuery } from '../../proxy/src/afas/query.js';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { resolvePluginSettings } from '../../proxy/src/settings/plugin-settings.js';
import { testClient as client } from './support/afas-client.js';
import { freshAfasPerTest } from './support/fresh-afas.js';

const { startAfas, closeAfterTest } = freshAfasPerTest();

const xmlOf = (hex: string): string => `<token><version>1</version><data>${hex}</data></token>`;
const base64Of = (hex: string): string => Buffer.from(xmlOf(hex)).toString('base64');
const headerOf = (hex: string): string => `AfasToken ${base64Of(hex)}`;

function hexOf(afas: RunningEmulator): string {
  const hex = /<data>([0-9A-Fa-f]+)<\/data>/.exec(afas.token)?.[1];
  assert.ok(hex, 'the emulator token is the XML form');
  return hex;
}

// A minimal HTTP server for what the emulator does not produce: request headers, redirects, 404/502,
// a 503 without retry_after, Retry-After as a header, a body that stalls.
interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
}

interface Fake {
  url: string;
  connectorBaseUrl: string;
  token: string;
  requests: Seen[];
  /** Answers the next `count` requests (default all) instead of the normal 200. */
  setHandler(handler: (req: IncomingMessage, res: ServerResponse) => void, count?: number): void;
}

const FAKE_HEX = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';

async function startFake(): Promise<Fake> {
  let handler: { fn: (req: IncomingMessage, res: ServerResponse) => void; count: number } | undefined;
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    requests.push({ path: new URL(req.url ?? '/', 'http://x').pathname, headers: req.headers });
    if (req.headers.authorization !== headerOf(FAKE_HEX)) {
      res.writeHead(401).end();
    } else if (handler && handler.count > 0) {
      handler.count--;
      handler.fn(req, res);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ skip: 0, take: 20, rows: [{ ContactId: 1 }] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterTest({
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    connectorBaseUrl: `${url}/ProfitRestServices/connectors`,
    token: xmlOf(FAKE_HEX),
    requests,
    setHandler: (fn, count = Number.POSITIVE_INFINITY) => (handler = { fn, count }),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** A contains-search on the work phone; different values make different URLs (no coalescing). */
const contacts = (value = '%0612345678%', take = 20): ConnectorQuery => ({
  connector: 'Profit_Contacts',
  filter: [
    [
      { field: 'Blocked', op: 1, value: 'false' },
      { field: 'TelWork', op: 6, value },
    ],
  ],
  orderBy: ['ContactId'],
  take,
});

/** The demo contact Jan de Vries, stored with MobPrivate 06-12345678. */
const jan: ConnectorQuery = {
  connector: 'Profit_Contacts',
  filter: [[{ field: 'MobPrivate', op: 1, value: '06-12345678' }]],
  orderBy: ['ContactId'],
  take: 5,
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

async function appError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await rejection(promise);
  assert.ok(error instanceof AppError, `expected AppError ${code}, got ${inspect(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}

function elapsedSince(started: number): number {
  return performance.now() - started;
}

void describe('AFAS client: requests', () => {
  void it('is accepted by AFAS with the token as XML, bare hex or Base64 (AfasToken <base64 of the XML>)', async () => {
    const afas = await startAfas();
    const hex = hexOf(afas);
    for (const token of [afas.token, hex, base64Of(hex), `  ${hex}\n`]) {
      const rows = await client(afas, { token }).getRows(jan);
      assert.deepEqual(
        rows.map((r) => r.Name),
        ['Jan de Vries'],
      );
    }
    assert.deepEqual(
      afas.requests.map((r) => r.authorization),
      Array<string>(4).fill(headerOf(hex)),
    );
  });

  void it('sends Accept: application/json, keeps the connection alive, and only GETs', async () => {
    const fake = await startFake();
    await client(fake).getRows(contacts());
    await client(fake)
      .profitVersion()
      .catch(() => undefined);
    for (const seen of fake.requests) {
      assert.equal(seen.headers.authorization, headerOf(FAKE_HEX));
      assert.equal(seen.headers.accept, 'application/json');
      assert.notEqual(seen.headers.connection?.toLowerCase(), 'close');
    }
    assert.equal(fake.requests.length, 2);
  });

  void it('builds the connector URL from every accepted base URL form', async () => {
    const afas = await startAfas();
    const root = `${afas.url}/ProfitRestServices`;
    for (const base of [`${root}/connectors`, `${root}/connectors/`, root, `${root}/`, `${afas.url}/profitrestservices/Connectors/`]) {
      assert.equal((await client(afas, { connectorBaseUrl: base }).getRows(jan)).length, 1);
    }
    assert.deepEqual(
      afas.requests.map((r) => r.path.toLowerCase()),
      Array<string>(5).fill('/profitrestservices/connectors/profit_contacts'),
    );
    assert.equal(
      afas.requests[0].query,
      'filterfieldids=MobPrivate&filtervalues=06-12345678&operatortypes=1&skip=0&take=5&orderbyfieldids=ContactId',
    );
  });

  void it('finds rows through filterjson and survives hostile values', async () => {
    const afas = await startAfas();
    const c = client(afas);
    const both: ConnectorQuery = {
      connector: 'Profit_Contacts',
      filter: [[{ field: 'MailPrivate', op: 1, value: 'jan.devries@thuismail.example' }], [{ field: 'MailWork', op: 1, value: 'x,y;z' }]],
      orderBy: ['-ContactId'],
      take: 5,
    };
    assert.deepEqual(
      (await c.getRows(both)).map((r) => r.Name),
      ['Jan de Vries'],
    );
    assert.match(afas.requests[0].query, /^filterjson=/);
    assert.deepEqual(await c.getRows(contacts(',;%&#=?\u0000+😀 é')), []);
    const newest = await c.getRows({ connector: 'Profit_Contacts', orderBy: ['-ContactId'], skip: 1, take: 3 });
    assert.equal(newest.length, 3);
    assert.ok(Number(newest[0].ContactId) > Number(newest[2].ContactId));
  });

  void it('profitVersion calls GET {ProfitRestServices}/profitversion', async () => {
    const afas = await startAfas();
    assert.equal(await client(afas).profitVersion(), '22.22.5');
    assert.equal(afas.requests[0].path, '/ProfitRestServices/profitversion');
  });

  void it('refuses an over-long query before sending anything', async () => {
    const afas = await startAfas();
    const c = client(afas);
    const error = await appError(c.getRows(contacts('x'.repeat(3000))), 'invalid_request');
    assert.ok(error instanceof QueryTooLongError);
    assert.equal(c.requestCount, 0);
    assert.equal(afas.requests.length, 0);
  });

  void it('reports a bad connector id as not_configured on each call, without sending anything', async () => {
    const afas = await startAfas();
    const c = client(afas);
    await appError(c.getRows({ ...jan, connector: 'Profit Contacts' }), 'not_configured');
    await appError(c.getRows({ ...jan, connector: 'Profit-Contacts' }), 'not_configured');
    assert.equal(afas.requests.length, 0);
  });

  void it('is never made for a bad token or base URL: the settings make no connection of them, and never quote the token', async () => {
    const afas = await startAfas();
    const secret = `${hexOf(afas).slice(0, 40)}-nope`;
    const rules = { afasHosts: ['127.0.0.1'], insiteHosts: [], allowHttpUpstream: true };
    const published = (token: string, url: string) => [
      { name: 'Token', value: token },
      { name: 'ConnectorRestServiceBaseUrl', value: url },
      { name: 'Insite', value: 'https://12345.afasinsite.nl/' },
    ];
    const badToken = resolvePluginSettings(published(secret, afas.connectorBaseUrl), rules);
    assert.equal(badToken.settings, undefined);
    assert.match(badToken.problems.join('\n'), /^Token: /);
    assert.ok(!badToken.problems.join('\n').includes(secret.slice(0, 20)));
    const badUrl = resolvePluginSettings(published(afas.token, 'ftp://afas'), rules);
    assert.equal(badUrl.settings, undefined);
    assert.match(badUrl.problems.join('\n'), /^ConnectorRestServiceBaseUrl: /);
  });

  void it('never follows redirects', async () => {
    const fake = await startFake();
    fake.setHandler((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const c = client(fake);
    await appError(c.getRows(contacts()), 'upstream_error');
    assert.equal(c.requestCount, 1);
    assert.deepEqual(
      fake.requests.map((r) => r.path),
      ['/ProfitRestServices/connectors/Profit_Contacts'],
    );
  });
});

void describe('AFAS client: error mapping', () => {
  void it('401, 403 and a "not authorized" 500 become upstream_auth, without retrying', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'unauthorized401' });
    let error = await appError(client(afas).getRows(jan), 'upstream_auth');
    assert.match(error.message, /^AFAS rejected the token/);
    afas.setFault({ mode: 'forbidden403' });
    error = await appError(client(afas).getRows(jan), 'upstream_auth');
    assert.match(error.message, /^AFAS rejected the token/);
    assert.equal(afas.requests.length, 2);

    afas.setFault({ mode: 'notAuthorized500' });
    error = await appError(client(afas).getRows(jan), 'upstream_auth');
    assert.match(error.message, /^AFAS refused GetConnector "Profit_Contacts" for this token \(HTTP 500\)/);
    assert.match(error.reference ?? '', /^[0-9A-F]{32}$/);
    assert.equal(afas.requests.length, 3);

    afas.clearFault();
    await appError(client(afas, { token: '0'.repeat(64) }).getRows(jan), 'upstream_auth');
  });

  void it('500 becomes upstream_error with a fixed message and the profitLogReference, without retrying', async () => {
    const afas = await startAfas();
    const fixed =
      'AFAS reported an error (HTTP 500) for GetConnector "Profit_Contacts"; the Profit log has the details under the reference.';
    afas.setFault({ mode: 'error500', message: 'Waarde 0612345678 ongeldig voor j.jansen@example.nl' });
    let error = await appError(client(afas).getRows(jan), 'upstream_error');
    assert.equal(error.message, fixed);
    assert.match(error.reference ?? '', /^[0-9A-F]{32}$/);
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes('0612345678'));
    assert.equal(afas.requests.length, 1);

    afas.clearFault();
    error = await appError(client(afas).getRows({ ...jan, filter: [[{ field: 'Nope', op: 1, value: 'x' }]] }), 'upstream_error');
    assert.equal(error.message, fixed);
    assert.match(error.reference ?? '', /^[0-9A-F]{32}$/);
  });

  void it('500 without a JSON body and 404 get generic messages', async () => {
    const fake = await startFake();
    fake.setHandler((_req, res) => res.writeHead(500).end('<html>oops</html>'), 1);
    const error500 = await appError(client(fake).getRows(contacts()), 'upstream_error');
    assert.match(error500.message, /^AFAS reported an error \(HTTP 500\)/);
    assert.equal(error500.reference, undefined);
    const afas = await startAfas();
    const error = await appError(client(afas).getRows({ ...jan, connector: 'Profit_Nope' }), 'upstream_error');
    assert.match(error.message, /connector not found or query too long/);
    assert.equal(afas.requests.length, 1);
  });

  void it('a reset connection is retried once and then becomes upstream_error', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'reset' });
    const c = client(afas);
    const error = await appError(c.getRows(jan), 'upstream_error');
    assert.match(error.message, /connection to AFAS failed/);
    assert.equal(afas.requests.length, 2);
    assert.equal(c.requestCount, 2);

    afas.setFault({ mode: 'reset', count: 1 });
    assert.equal((await client(afas).getRows(jan)).length, 1);
    assert.equal(afas.requests.length, 4);

    afas.setFault({ mode: 'reset' });
    await appError(client(afas, { retries: 0 }).getRows(jan), 'upstream_error');
    assert.equal(afas.requests.length, 5);
  });

  void it('a refused connection becomes upstream_error', async () => {
    const afas = await startAfas();
    await afas.close();
    const c = client(afas);
    await appError(c.getRows(jan), 'upstream_error');
    assert.equal(c.requestCount, 2);
  });

  void it('invalid JSON and an unexpected shape become upstream_error, without retrying', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'badJson' });
    const c = client(afas);
    await appError(c.getRows(jan), 'upstream_error');
    assert.equal(c.requestCount, 1);

    for (const body of [
      [],
      { rows: [] },
      { skip: 0, take: 1, rows: 'x' },
      { skip: 0, take: 1, rows: [1] },
      { skip: 0, take: 1, rows: [[]] },
      null,
    ]) {
      const stub = client(
        { connectorBaseUrl: 'https://12345.rest.afas.online/ProfitRestServices', token: FAKE_HEX },
        { timeoutMs: 1000, fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 })) },
      );
      const error = await appError(stub.getRows(contacts()), 'upstream_error');
      assert.match(error.message, /unexpected response/);
      assert.equal(stub.requestCount, 1);
    }
  });

  void it('502 and 503 without retry_after are retried once', async () => {
    const fake = await startFake();
    fake.setHandler((_req, res) => res.writeHead(503).end(), 1);
    assert.equal((await client(fake).getRows(contacts())).length, 1);
    assert.equal(fake.requests.length, 2);

    fake.setHandler((_req, res) => res.writeHead(502).end());
    await appError(client(fake).getRows(contacts()), 'upstream_unavailable');
    assert.equal(fake.requests.length, 4);
  });
});

void describe('AFAS client: 503 retry_after', () => {
  void it('a retry_after the budget cannot wait out fails fast, and later calls of the environment fail fast without calling AFAS', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'unavailable503', retryAfterSeconds: 5, count: 1 });
    const c = client(afas);
    const first = await appError(c.getRows(jan), 'upstream_unavailable');
    assert.equal(first.retryAfterSeconds, 5);
    assert.equal(afas.requests.length, 1, 'no retry within the pause');

    const started = performance.now();
    const again = await appError(c.getRows(contacts('%0611111111%')), 'upstream_unavailable');
    assert.ok(again.retryAfterSeconds! >= 4 && again.retryAfterSeconds! <= 5, String(again.retryAfterSeconds));
    await appError(c.profitVersion(), 'upstream_unavailable');
    assert.ok(elapsedSince(started) < 50);
    assert.equal(afas.requests.length, 1);
    assert.equal(c.status().pause?.retryAfterSeconds, 5);
  });

  void it('honours the Retry-After header; a long pause is capped at maxPauseSeconds and tells clients when the next probe may go', async () => {
    const fake = await startFake();
    fake.setHandler((_req, res) => res.writeHead(503, { 'retry-after': '7' }).end());
    assert.equal((await appError(client(fake).getRows(contacts()), 'upstream_unavailable')).retryAfterSeconds, 7);

    const afas = await startAfas();
    afas.setFault({ mode: 'unavailable503', retryAfterSeconds: 7200 });
    const c = client(afas);
    const before = Date.now();
    assert.equal((await appError(c.getRows(jan), 'upstream_unavailable')).retryAfterSeconds, 30);
    const until = Date.parse(c.status().pause?.until ?? '');
    assert.ok(until - before >= 299_000 && until - before <= 301_000, `paused for ${until - before} ms`);

    const capped = client(afas, { maxPauseSeconds: 20 });
    assert.equal(capped.status().pause, null, 'a new client ends the pause');
    assert.equal((await appError(capped.getRows(jan), 'upstream_unavailable')).retryAfterSeconds, 20);
    assert.equal(afas.requests.length, 2);
  });
});

void describe('AFAS client: deadline', () => {
  void it('a hanging AFAS gives upstream_timeout within timeoutMs, retries and back-off included', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'hang' });
    const started = performance.now();
    await appError(client(afas, { timeoutMs: 300, retries: 3 }).getRows(jan), 'upstream_timeout');
    const took = elapsedSince(started);
    assert.ok(took >= 290 && took < 450, `took ${took} ms`);
  });

  void it('the deadline covers reading a body that stalls', async () => {
    const fake = await startFake();
    fake.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"skip":0,"take":20,');
    });
    const started = performance.now();
    await appError(client(fake, { timeoutMs: 300 }).getRows(contacts()), 'upstream_timeout');
    assert.ok(elapsedSince(started) < 450);
  });

  void it('time waiting for a slot does not count toward the attempt timeout', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'slow', delayMs: 200 });
    const c = client(afas, { timeoutMs: 300, maxConcurrent: 2 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => c.getRows(contacts(`%06${i}%`))));
    assert.equal(results.length, 4);
    assert.ok(elapsedSince(started) > 380, 'the second pair waited for the first, then had its own 300 ms');
    assert.equal(afas.inFlightMax, 2);
  });

  void it('the caller deadline bounds waiting for a slot, and waiters that gave up never block later calls', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'hang' });
    const c = client(afas, { timeoutMs: 300, maxConcurrent: 1 });
    const hanging = c.getRows(contacts('%060%'));
    const started = performance.now();
    const queued = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => c.getRows(contacts(`%06${i + 1}%`), { deadline: deadlineIn(100) })),
    );
    assert.ok(elapsedSince(started) < 200, `took ${elapsedSince(started)} ms`);
    for (const r of queued) {
      assert.equal(r.status, 'rejected');
      assert.equal((r.reason as AppError).code, 'upstream_timeout');
    }
    await appError(hanging, 'upstream_timeout');
    assert.equal(afas.requests.length, 1, 'only the first got the slot');

    afas.clearFault();
    const again = performance.now();
    assert.equal((await c.getRows(jan)).length, 1);
    assert.ok(elapsedSince(again) < 200);
  });

  void it('a caller abort rejects with the abort reason, sends nothing once aborted, and leaves other calls alone', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'slow', delayMs: 200 });
    const c = client(afas);
    const controller = new AbortController();
    const reason = new Error('caller hung up');
    const aborted = c.getRows(jan, { deadline: { signal: controller.signal, at: Date.now() + 10_000 } });
    const other = c.getRows(jan);
    setTimeout(() => controller.abort(reason), 50);
    assert.equal(await rejection(aborted), reason);
    assert.equal((await other).length, 1);
    assert.equal(afas.requests.length, 2, 'each call its own request: nothing is shared at this layer');

    assert.equal(await rejection(c.getRows(jan, { deadline: { signal: AbortSignal.abort(reason), at: Date.now() } })), reason);
    assert.equal(afas.requests.length, 2);
  });
});

void describe('AFAS client: load shaping', () => {
  void it('never has more than maxConcurrent (default 8) calls in flight per environment, across clients', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'slow', delayMs: 60 });
    const a = client(afas);
    const b = client(afas, { connectorBaseUrl: `${afas.url}/ProfitRestServices`, token: hexOf(afas) });
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).getRows(contacts(`%06${i}%`)));
    const results = await Promise.allSettled(calls);
    assert.deepEqual(
      results.map((r) => r.status),
      Array<string>(20).fill('fulfilled'),
    );
    assert.equal(afas.requests.length, 20);
    assert.equal(afas.inFlightMax, 8);

    afas.inFlightMax = 0;
    const four = client(afas, { maxConcurrent: 4 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => four.getRows(contacts(`%07${i}%`))));
    assert.equal(afas.inFlightMax, 4);
  });

  void it('shares and keeps nothing itself: identical calls each go to AFAS (the lookup service shares whole lookups)', async () => {
    const afas = await startAfas();
    afas.setFault({ mode: 'slow', delayMs: 100 });
    const c = client(afas);
    const results = await Promise.all(Array.from({ length: 3 }, () => c.getRows(jan)));
    assert.equal(afas.requests.length, 3);
    assert.equal(c.requestCount, 3);
    for (const rows of results)
      assert.deepEqual(
        rows.map((r) => r.Name),
        ['Jan de Vries'],
      );

    // Finished calls are not cached: the next identical call goes to AFAS again.
    await c.getRows(jan);
    assert.equal(afas.requests.length, 4);
  });
});

void describe('AFAS client: secrets and personal data', () => {
  void it('no token text in any error message, JSON, inspect output or log line; no query values in logs', async () => {
    const afas = await startAfas();
    const hex = hexOf(afas);
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const secrets = [hex, xmlOf(hex), base64Of(hex), headerOf(hex), hex.slice(8, 40)];
    const phone = '06-12345678';
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>): Promise<void> => {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    };

    for (const token of [afas.token, hex, base64Of(hex)]) {
      await attempt(() => client(afas, { token, logger, timeoutMs: 300 }).getRows(jan));
      for (const mode of ['unauthorized401', 'forbidden403', 'notAuthorized500', 'error500', 'reset', 'badJson', 'hang'] as const) {
        afas.setFault({ mode, message: `Waarde ${phone} ongeldig` });
        // A fresh client each time: an auth refusal would otherwise make the next calls fail fast without a request.
        await attempt(() => client(afas, { token, logger, timeoutMs: 300 }).getRows(jan));
      }
      afas.clearFault();
    }
    afas.setFault({ mode: 'unavailable503', retryAfterSeconds: 2 });
    const c = client(afas, { logger });
    await attempt(() => c.getRows(jan));
    await attempt(() => c.getRows(jan));
    // A token the settings refuse: the AppError they throw must not quote it either.
    await attempt(async () => client(afas, { token: `${hex}!`, timeoutMs: 300, logger }).getRows(jan));

    assert.ok(errors.length >= 20, `only ${errors.length} errors`);
    for (const error of errors) {
      assert.ok(error instanceof AppError);
      const texts = [error.message, JSON.stringify(error), inspect(error, { depth: null, showHidden: true }), String(error.stack)];
      for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `token text in error ${error.code}`);
    }
    assert.ok(logged.includes('"connector":"Profit_Contacts"') && logged.includes('"status":200') && logged.includes('durationMs'), logged);
    for (const secret of secrets) assert.ok(!logged.includes(secret), 'token text in logs');
    assert.ok(!logged.includes(phone) && !logged.includes('12345678') && !logged.includes('filtervalues'), 'query values in logs');
  });
});
