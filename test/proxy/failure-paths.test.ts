import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { demoScenarios, type RunningEmulator } from '../../emulator/src/index.js';
import { settingsBody, startStack, type Stack } from './support/stack.js';

// End to end: the real service in front of the emulator, with the default AFAS timeout unless a test says otherwise.
const DEFAULT_ENV = { CRM_AFAS_TIMEOUT_MS: '5000', CRM_RATE_LIMIT_PER_MINUTE: '100000' };

const stacks: Stack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

async function stackWith(o: Parameters<typeof startStack>[0] = {}): Promise<Stack> {
  const stack = await startStack({ ...o, env: { ...DEFAULT_ENV, ...o.env } });
  stacks.push(stack);
  return stack;
}

const lookup = (stack: Stack, phone: string) => stack.get(`/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
let serial = 0;
/** A number no earlier lookup used: never answered from the cache, so each one asks AFAS. */
const freshNumber = (): string => `+3120${String(1_000_000 + ++serial * 7919).slice(-7)}`;
const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const since = (started: number): number => performance.now() - started;

/** Stored phone numbers of contacts, read straight from the emulator: each one a lookup that matches. */
async function storedNumbers(emulator: RunningEmulator, count: number): Promise<string[]> {
  const url = `${emulator.connectorBaseUrl}/Profit_Contacts?filterfieldids=Blocked&filtervalues=false&operatortypes=1&skip=0&take=200&orderbyfieldids=ContactId`;
  const res = await fetch(url, { headers: { authorization: `AfasToken ${Buffer.from(emulator.token).toString('base64')}` } });
  const { rows } = (await res.json()) as { rows: Record<string, unknown>[] };
  const numbers = new Set<string>();
  for (const row of rows) {
    for (const field of ['MobWork', 'TelWork', 'MobPrivate', 'TelPrivate']) {
      const value = row[field];
      if (typeof value === 'string' && /^[+\d][\d\s()-]{8,}$/.test(value)) numbers.add(value);
    }
  }
  assert.ok(numbers.size >= count, `only ${numbers.size} stored numbers`);
  return [...numbers].slice(0, count);
}

void describe('failure paths: retry_after', () => {
  void it('a one-off 503 with retry_after: 1 while 20 lookups/s run fails no lookup', async () => {
    const stack = await stackWith();
    const answers: Promise<number>[] = [];
    const started = performance.now();
    for (let i = 0; i < 44; i++) {
      if (i === 6) stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 1, count: 1 });
      answers.push(lookup(stack, freshNumber()).then((r) => r.status));
      await sleep(50);
    }
    const statuses = await Promise.all(answers);
    const failures = statuses.filter((s) => s !== 200).length;
    console.log(
      `one-off retry_after: 1 under 20 lookups/s: ${failures} failures of ${statuses.length} lookups over ${(since(started) / 1000).toFixed(1)} s`,
    );
    assert.match(stack.log.text, /AFAS asked for a pause/, 'the 503 reached the service');
    assert.equal(failures, 0, `statuses: ${statuses.join(',')}`);
  });

  void it('a long retry_after fails fast with Retry-After; a settings change ends the pause', async () => {
    const stack = await stackWith();
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 3600 });
    try {
      const first = await lookup(stack, freshNumber());
      assert.equal(first.status, 503);
      assert.equal(first.body.error.code, 'upstream_unavailable');
      assert.equal(first.headers.get('retry-after'), '30');
      const started = performance.now();
      for (let i = 0; i < 10; i++) {
        const r = await lookup(stack, freshNumber());
        assert.equal(r.status, 503);
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
      }
      assert.ok(since(started) < 500, `10 fail-fast lookups took ${since(started)} ms`);
      assert.equal(stack.emulator.requests.length, 1);
    } finally {
      stack.emulator.clearFault();
    }
    const published = await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '6' }]));
    assert.equal(published.status, 200);
    assert.equal((await lookup(stack, freshNumber())).status, 200, 'the new settings (a new client) ended the pause');
  });

  void it('after a retry_after: 3600, lookups succeed again within about 35 s of AFAS answering again', async () => {
    const stack = await stackWith();
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 3600 });
    let recoveredAfter: number | undefined;
    try {
      assert.equal((await lookup(stack, freshNumber())).status, 503);
      await sleep(2000);
    } finally {
      stack.emulator.clearFault();
    }
    const cleared = performance.now();
    while (since(cleared) < 40_000) {
      const r = await lookup(stack, freshNumber());
      if (r.status === 200) {
        recoveredAfter = since(cleared);
        break;
      }
      assert.equal(r.status, 503);
      await sleep(500);
    }
    console.log(
      `retry_after: 3600: lookups answered again ${((recoveredAfter ?? NaN) / 1000).toFixed(1)} s after AFAS recovered; AFAS saw ${stack.emulator.requests.length} requests`,
    );
    assert.ok(recoveredAfter !== undefined && recoveredAfter < 35_000, `recovered after ${recoveredAfter} ms`);
    assert.ok(stack.emulator.requests.length <= 4, 'only the 503, a probe and the lookup after it reached AFAS');
  });
});

void describe('failure paths: slow AFAS', () => {
  void it('AFAS answering in 1 s, 20 concurrent distinct lookups: every one answers 200', async () => {
    const stack = await stackWith({ emulator: { latencyMs: 1000 }, settings: [{ name: 'DefaultPhoneNumberRegion', value: 'NL' }] });
    const numbers = await storedNumbers(stack.emulator, 20);
    stack.emulator.resetRequests();
    const started = performance.now();
    const answers = await Promise.all(numbers.map((n) => lookup(stack, n)));
    const ok = answers.filter((a) => a.status === 200);
    const matched = ok.filter((a) => a.body.status !== 'none').length;
    console.log(
      `1 s AFAS, 20 concurrent lookups: ${ok.length} of 20 answered 200 (${matched} with a match) in ${(since(started) / 1000).toFixed(1)} s, ${stack.emulator.requests.length} AFAS calls, at most ${stack.emulator.inFlightMax} at once`,
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array<number>(20).fill(200),
      JSON.stringify(answers.find((a) => a.status !== 200)?.body),
    );
    assert.ok(matched >= 15, `only ${matched} matched: the lookups did not exercise the cases call`);
    assert.ok(stack.emulator.inFlightMax <= 8);
  });
});

void describe('failure paths: circuit breaker', () => {
  void it('a hanging AFAS opens it: lookups then fail fast without calling AFAS, and it closes after AFAS recovers', async () => {
    const stack = await stackWith({ env: { CRM_AFAS_TIMEOUT_MS: '1500' } });
    stack.emulator.setFault({ mode: 'hang' });
    try {
      const slow = await Promise.all(Array.from({ length: 5 }, () => lookup(stack, freshNumber())));
      assert.deepEqual(
        slow.map((r) => r.status),
        [504, 504, 504, 504, 504],
      );
      const started = performance.now();
      const fast = await Promise.all(Array.from({ length: 20 }, () => lookup(stack, freshNumber())));
      const took = since(started);
      console.log(
        `breaker open: 20 lookups failed fast in ${took.toFixed(0)} ms; AFAS saw ${stack.emulator.requests.length} requests in all`,
      );
      assert.ok(took < 500, `took ${took} ms`);
      for (const r of fast) {
        assert.equal(r.status, 503);
        assert.equal(r.body.error.code, 'upstream_unavailable');
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
      }
      assert.equal(stack.emulator.requests.length, 5);
    } finally {
      stack.emulator.clearFault();
    }
    await sleep(5100);
    assert.equal((await lookup(stack, known)).status, 200, 'the probe closed it');
    const after = await Promise.all(Array.from({ length: 5 }, () => lookup(stack, freshNumber())));
    assert.deepEqual(
      after.map((r) => r.status),
      [200, 200, 200, 200, 200],
    );
  });

  void it('a storm of 500s opens it too', async () => {
    const stack = await stackWith();
    stack.emulator.setFault({ mode: 'error500' });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await lookup(stack, freshNumber())).status, 502);
      const r = await lookup(stack, freshNumber());
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, 'upstream_unavailable');
      assert.equal(stack.emulator.requests.length, 5);
    } finally {
      stack.emulator.clearFault();
    }
  });
});

void describe('failure paths: auth', () => {
  for (const mode of ['unauthorized401', 'notAuthorized500'] as const) {
    void it(`${mode}: upstream_auth, never retried, and 200 lookups while the token is refused make a handful of AFAS calls`, async () => {
      const stack = await stackWith();
      stack.emulator.setFault({ mode });
      try {
        const first = await lookup(stack, freshNumber());
        assert.equal(first.status, 502);
        assert.equal(first.body.error.code, 'upstream_auth');
        assert.equal(stack.emulator.requests.length, 1, 'not retried');
        const started = performance.now();
        for (let batch = 0; batch < 10; batch++) {
          const answers = await Promise.all(Array.from({ length: 20 }, () => lookup(stack, freshNumber())));
          for (const a of answers) assert.equal(a.body.error.code, 'upstream_auth');
          await sleep(300);
        }
        const calls = stack.emulator.requests.length;
        console.log(
          `${mode}: 200 more lookups over ${(since(started) / 1000).toFixed(1)} s while the token was refused: ${calls} AFAS calls in all`,
        );
        assert.ok(calls >= 2, 'AFAS is asked again once the first back-off (2 s) is over');
        assert.ok(calls <= 5, `${calls} AFAS calls`);
      } finally {
        stack.emulator.clearFault();
      }
    });
  }
});

void describe('failure paths: what API clients and logs see', () => {
  void it("AFAS's externalMessage (echoing the number) reaches neither the answer nor the info log", async () => {
    const stack = await stackWith();
    stack.emulator.setFault({ mode: 'error500', message: 'Waarde 0612345678 ongeldig' });
    let r: Awaited<ReturnType<typeof lookup>>;
    try {
      r = await lookup(stack, known);
    } finally {
      stack.emulator.clearFault();
    }
    assert.equal(r.status, 502);
    assert.equal(r.body.error.code, 'upstream_error');
    assert.match(r.body.error.reference, /^[0-9A-F]{32}$/);
    assert.ok(!r.text.includes('12345678') && !r.text.includes('Waarde'), r.text);
    const infoLines = stack.log.text.split('\n').filter((line) => line !== '' && (JSON.parse(line) as { level: number }).level >= 30);
    assert.ok(infoLines.length > 0);
    for (const line of infoLines) assert.ok(!line.includes('12345678') && !line.includes('Waarde'), line);
    assert.match(stack.log.text, /"afasMessage":"Waarde \*\*\* ongeldig"/, 'the masked text is in the debug log');
    assert.ok(!stack.log.text.includes('0612345678'));
  });

  // Memory is measured at client level (afas-resilience.test.ts), where no in-process emulator builds the body.
  void it('an oversized AFAS answer is upstream_error at once, not retried', async () => {
    const stack = await stackWith();
    stack.emulator.setFault({ mode: 'oversized', sizeBytes: 24 * 1024 * 1024 });
    let r: Awaited<ReturnType<typeof lookup>>;
    try {
      r = await lookup(stack, freshNumber());
    } finally {
      stack.emulator.clearFault();
    }
    assert.equal(r.status, 502);
    assert.equal(r.body.error.code, 'upstream_error');
    assert.match(r.body.error.message, /^AFAS answered with more than 10 MB/);
    assert.equal(stack.emulator.requests.length, 1);
    assert.equal((await lookup(stack, freshNumber())).status, 200);
  });
});
