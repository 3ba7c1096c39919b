import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios, DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { afasOutcomes, outcomeOf } from '../../proxy/src/afas/observer.js';
import type { Failure } from '../../proxy/src/afas/failures.js';
import { errorResponse } from '../../proxy/src/contract.js';
import { valueOf } from './support/prometheus.js';
import { settingsBody, startStack, type Stack } from './support/stack.js';

const METRICS_KEY = 'test-metrics-key-0123456789abcdef';
const API_KEY = 'test-desk-api-key-0123456789abcdef';
const metricsAuth = { authorization: `Bearer ${METRICS_KEY}` };
const apiAuth = { authorization: `Bearer ${API_KEY}` };

const phoneOf = (id: string) => demoScenarios.find((s) => s.id === id)!.phone!;
const known = phoneOf('known'); // +31612345678, stored as 06-12345678
const unknown = phoneOf('unknown');
const manyCases = phoneOf('manyCases');
const email = demoScenarios.find((s) => s.id === 'email')!.email!;
const lookupPath = (query: Record<string, string>) => `/api/v1/lookup?${new URLSearchParams(query).toString()}`;

describe('metrics endpoint access', () => {
  it('when CRM_METRICS_KEY is unset then GET /metrics answers 404 like a path that does not exist', async () => {
    const stack = await startStack();
    try {
      const metrics = await stack.get('/metrics', metricsAuth);
      const nowhere = await stack.get('/no-such-endpoint', metricsAuth);
      assert.equal(metrics.status, 404);
      assert.deepEqual(metrics.body, nowhere.body);
    } finally {
      await stack.close();
    }
  });

  describe('when CRM_METRICS_KEY is set', () => {
    let stack: Stack;
    before(async () => {
      stack = await startStack({ env: { CRM_METRICS_KEY: METRICS_KEY, CRM_API_KEYS: `desk:${API_KEY}` } });
    });
    after(() => stack.close());

    for (const [when, headers] of [
      ['no key is sent', {}],
      ['a wrong key is sent', { authorization: 'Bearer wrong-metrics-key-0123456789' }],
      ['the lookup API key is sent', apiAuth],
      ['the settings key is sent', { authorization: 'Bearer test-settings-admin-key-0123456789' }],
      ['a key over 256 characters is sent', { authorization: `Bearer ${'k'.repeat(300)}` }],
    ] as const) {
      it(`when ${when} then 401 with the contract's error body`, async () => {
        const r = await stack.get('/metrics', headers);
        assert.equal(r.status, 401);
        assert.equal(errorResponse.parse(r.body).error.code, 'unauthorized');
        assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer /);
        assert.doesNotMatch(r.text, /crm_|process_/);
      });
    }

    it('when the metrics key is sent then Prometheus text with the default process metrics', async () => {
      const r = await stack.get('/metrics', metricsAuth);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds'])
        assert.ok(valueOf(r.text, name) !== undefined, name);
      for (const name of ['crm_afas_inflight', 'crm_afas_queued', 'crm_afas_paused', 'crm_afas_breaker_open'])
        assert.equal(valueOf(r.text, name), 0, name);
    });
  });
});

describe('metrics after lookups', () => {
  let stack: Stack;
  const metrics = async (): Promise<string> => {
    const r = await stack.get('/metrics', metricsAuth);
    assert.equal(r.status, 200);
    return r.text;
  };
  const lookup = async (query: Record<string, string>, status = 200) => {
    const r = await stack.get(lookupPath(query), apiAuth);
    assert.equal(r.status, status, r.text);
    return r.body;
  };

  before(async () => {
    stack = await startStack({ env: { CRM_METRICS_KEY: METRICS_KEY, CRM_API_KEYS: `desk:${API_KEY}` } });
  });
  after(() => stack.close());

  it('when lookups match, are cached, find nobody or are withheld then duration and count carry their status and source', async () => {
    await lookup({ phone: known, ucc: 'helpdesk' });
    await lookup({ phone: known, ucc: 'helpdesk' }); // from the cache
    await lookup({ phone: unknown });
    await lookup({ email });
    await lookup({ phone: 'anonymous', ucc: 'no-such-ucc' });
    const text = await metrics();

    const duration = (status: string, source: string) => valueOf(text, 'crm_lookup_duration_seconds_count', { status, source });
    assert.equal(duration('matched', 'afas'), 2, 'the first phone lookup and the e-mail lookup');
    assert.equal(duration('matched', 'cache'), 1);
    assert.equal(duration('none', 'afas'), 1);
    assert.equal(duration('anonymous', 'none'), 1);
    assert.ok((valueOf(text, 'crm_lookup_duration_seconds_bucket', { status: 'matched', source: 'cache', le: '+Inf' }) ?? 0) >= 1);

    const count = (ucc: string, status: string) => valueOf(text, 'crm_lookups_total', { ucc, status });
    assert.equal(count('helpdesk', 'matched'), 2);
    assert.equal(count('(none)', 'matched'), 1);
    assert.equal(count('(none)', 'none'), 1);
    assert.equal(count('(other)', 'anonymous'), 1, 'a UCC that never published is not a label value of its own');

    assert.equal(valueOf(text, 'crm_cache_hits_total', { cache: 'answers' }), 1);
    assert.equal(valueOf(text, 'crm_cache_misses_total', { cache: 'answers' }), 3);
    assert.ok((valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'ok' }) ?? 0) >= 3);
    assert.ok(
      (valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'ProfitSubjectsAuthorized', outcome: 'ok' }) ?? 0) >= 1,
    );
  });

  it('when a UCC writes its name in another case then it counts under the published name', async () => {
    await lookup({ phone: known, ucc: 'HelpDesk' });
    assert.equal(valueOf(await metrics(), 'crm_lookups_total', { ucc: 'helpdesk', status: 'matched' }), 3);
  });

  it('when case pages are read then the case-list cache counts its hits and misses', async () => {
    const answer = await lookup({ phone: manyCases });
    const ref = encodeURIComponent(answer.contacts[0].casesRef);
    assert.equal((await stack.get(`/api/v1/cases?ref=${ref}&skip=0&take=5`, apiAuth)).status, 200);
    assert.equal((await stack.get(`/api/v1/cases?ref=${ref}&skip=5&take=5`, apiAuth)).status, 200);
    const text = await metrics();
    assert.equal(valueOf(text, 'crm_cache_misses_total', { cache: 'cases' }), 1);
    assert.equal(valueOf(text, 'crm_cache_hits_total', { cache: 'cases' }), 1);
  });

  it('when AFAS fails then the lookup counts under the error code and the AFAS request under its outcome', async () => {
    stack.emulator.setFault({ mode: 'error500', count: 1 });
    await lookup({ phone: '+31201111111', ucc: 'helpdesk' }, 502);
    const text = await metrics();
    assert.equal(valueOf(text, 'crm_lookups_total', { ucc: 'helpdesk', status: 'upstream_error' }), 1);
    assert.equal(valueOf(text, 'crm_lookup_duration_seconds_count', { status: 'upstream_error', source: 'none' }), 1);
    assert.equal(valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'http_5xx' }), 1);
  });

  it('when AFAS refuses the token then the outcome is auth', async () => {
    stack.emulator.setFault({ mode: 'unauthorized401', count: 1 });
    await lookup({ phone: '+31202222222' }, 502);
    assert.equal(valueOf(await metrics(), 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'auth' }), 1);
    // A change of the settings ends the auth back-off.
    assert.equal((await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'CacheSeconds', value: '30' }]))).status, 200);
  });

  it('when AFAS asks for a pause then crm_afas_paused is 1 and calls that fail fast count as paused', async () => {
    stack.emulator.setFault({ mode: 'unavailable503', retryAfterSeconds: 60, count: 1 });
    await lookup({ phone: '+31203333333' }, 503);
    await lookup({ phone: '+31204444444' }, 503);
    stack.emulator.clearFault();
    const text = await metrics();
    assert.equal(valueOf(text, 'crm_afas_paused'), 1);
    assert.equal(valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'http_5xx' }), 2);
    // The first lookup's call fails fast once AFAS asked for the pause, and so does the second one's.
    assert.equal(valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'paused' }), 2);
    assert.equal(valueOf(text, 'crm_lookups_total', { ucc: '(none)', status: 'upstream_unavailable' }), 2);
    assert.equal((await stack.publish(settingsBody(stack.emulator))).status, 200);
    assert.equal(valueOf(await metrics(), 'crm_afas_paused'), 0, 'a change of the settings ends the pause');
  });

  it('when AFAS fails five times in a row then crm_afas_breaker_open is 1 and calls that fail fast count as breaker_open', async () => {
    stack.emulator.setFault({ mode: 'error500' });
    for (let i = 0; i < 6; i++) await lookup({ phone: `+3120555000${i}` }, i < 5 ? 502 : 503);
    stack.emulator.clearFault();
    const text = await metrics();
    assert.equal(valueOf(text, 'crm_afas_breaker_open'), 1);
    assert.equal(valueOf(text, 'crm_afas_request_duration_seconds_count', { connector: 'Profit_Contacts', outcome: 'breaker_open' }), 1);
    assert.equal((await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'CacheSeconds', value: '30' }]))).status, 200);
    assert.equal(valueOf(await metrics(), 'crm_afas_breaker_open'), 0);
  });

  it('when lookups searched numbers and addresses then the metrics text holds none of them, nor a key or the token', async () => {
    const text = await metrics();
    const personal = [
      known,
      known.slice(1),
      '0612345678',
      '06-12345678',
      unknown,
      unknown.slice(1),
      manyCases,
      '+31201111111',
      '31202222222',
      '+31203333333',
      email,
      email.split('@')[0],
      'Jan de Vries',
    ];
    for (const value of [...personal, API_KEY, METRICS_KEY, stack.emulator.token, DEMO_TOKEN_DATA])
      assert.ok(!text.includes(value), `the metrics text contains ${value}`);
    assert.doesNotMatch(text, /ucc="(?!helpdesk"|\(none\)"|\(other\)")/, 'only published UCCs and the two fixed values');
  });
});

describe('AFAS outcome labels', () => {
  it('when an AFAS call fails in any way then its outcome is one label value of a fixed set', () => {
    const failures: [Failure, string][] = [
      [{ kind: 'status', status: 404 }, 'http_4xx'],
      [{ kind: 'status', status: 429, retryAfterSeconds: 5 }, 'http_4xx'],
      [{ kind: 'status', status: 500 }, 'http_5xx'],
      [{ kind: 'status', status: 503, retryAfterSeconds: 5 }, 'http_5xx'],
      [{ kind: 'status', status: 401 }, 'auth'],
      [{ kind: 'status', status: 403 }, 'auth'],
      [{ kind: 'status', status: 500, notAuthorized: true }, 'auth'],
      [{ kind: 'network', code: 'ECONNRESET' }, 'network'],
      [{ kind: 'redirect' }, 'redirect'],
      [{ kind: 'timeout' }, 'timeout'],
      [{ kind: 'not-json' }, 'not_json'],
      [{ kind: 'unexpected-shape' }, 'unexpected_shape'],
      [{ kind: 'too-large', maxBytes: 1 }, 'too_large'],
      [{ kind: 'paused', retryAfterSeconds: 1 }, 'paused'],
      [{ kind: 'circuit-open', retryAfterSeconds: 1 }, 'breaker_open'],
      [{ kind: 'queue-full' }, 'queue_full'],
    ];
    for (const [failure, outcome] of failures) assert.equal(outcomeOf(failure), outcome, JSON.stringify(failure));
    for (const [, outcome] of failures) assert.ok((afasOutcomes as readonly string[]).includes(outcome));
  });
});
