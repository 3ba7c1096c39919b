import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { RefusedOrigins } from '../../contract/admin-api.js';
import { defaultWidgetDir } from '../../proxy/src/app.js';
import { errorResponse } from '../../proxy/src/contract.js';
import { createRefusedOrigins } from '../../proxy/src/metrics/refused-origins.js';
import { testClock } from './support/clock.js';
import { captureLogger } from './support/settings-fixtures.js';
import { adminAuth, fetchJson, startStack, type Stack } from './support/stack.js';
import { valueOf } from './support/prometheus.js';

const ALLOWED = 'https://webagent.example.com';
const FRAMER = 'https://desk.example.net';
const METRICS_KEY = 'metrics-key-0123456789abcdef';

/** What Chromium posts to `report-uri` when frame-ancestors refuses a frame: the refused ancestor is the blocked URI. */
const chromiumReport = (service: string, framer: string) => ({
  'csp-report': {
    'document-uri': `${service}/widget/?phone=%2B31612345678`,
    referrer: `${framer}/`,
    'violated-directive': 'frame-ancestors',
    'effective-directive': 'frame-ancestors',
    'original-policy': `default-src 'self'; frame-ancestors 'self' ${ALLOWED}; report-uri /CrmServiceAfasProfit/api/v1/csp-report`,
    disposition: 'enforce',
    'blocked-uri': `${framer}/`,
    'status-code': 200,
    'script-sample': '',
  },
});

/** Log lines that warn about `origin` refused as `kind`. */
const warningsAbout = (stack: Stack, kind: string, origin: string) =>
  stack.log.text
    .split('\n')
    .filter((l) => l.includes('"level":40') && l.includes(`"refused":"${kind}"`) && l.includes(`"origin":"${origin}"`));

describe('origins refused because CRM_ALLOWED_ORIGINS does not list them', () => {
  let stack: Stack;
  const post = (body: string, type: string, headers: Record<string, string> = {}) =>
    fetchJson(`${stack.service.url}/api/v1/csp-report`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
  const refused = async (): Promise<RefusedOrigins> => {
    const r = await stack.get('/api/v1/status', adminAuth);
    assert.equal(r.status, 200, r.text);
    return r.body.refusedOrigins as RefusedOrigins;
  };
  const metric = async (directive: string) => {
    const r = await stack.get('/metrics', { authorization: `Bearer ${METRICS_KEY}` });
    return valueOf(r.text, 'crm_embed_refused_total', { directive });
  };

  before(async () => {
    stack = await startStack({ env: { CRM_ALLOWED_ORIGINS: ALLOWED, CRM_METRICS_KEY: METRICS_KEY } });
  });
  after(() => stack.close());

  it(
    'points the embeddable page’s CSP reports at the service, under its base path',
    { skip: existsSync(`${defaultWidgetDir}/index.html`) ? false : 'widget not built (npm run build)' },
    async () => {
      const csp = (await stack.get('/widget/')).headers.get('content-security-policy') ?? '';
      assert.match(csp, /; report-uri \/CrmServiceAfasProfit\/api\/v1\/csp-report$/);
    },
  );

  it('when Chromium reports a frame-ancestors refusal then the framing origin is warned about once, counted and listed', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await post(JSON.stringify(chromiumReport(stack.service.url, FRAMER)), 'application/csp-report');
      assert.equal(r.status, 204);
      assert.equal(r.text, '');
    }
    const warnings = warningsAbout(stack, 'framing', FRAMER);
    assert.equal(warnings.length, 1, stack.log.text);
    assert.match(
      warnings[0] ?? '',
      /embeddable page was framed by an origin that CRM_ALLOWED_ORIGINS does not list.*add it to CRM_ALLOWED_ORIGINS/,
    );
    assert.ok(!stack.log.text.includes('31612345678'), 'the page address (with the caller’s number) is never logged');
    const { framing } = await refused();
    assert.equal(framing.length, 1);
    assert.equal(framing[0]?.origin, FRAMER);
    assert.equal(framing[0]?.count, 3);
    assert.ok(Date.now() - Date.parse(framing[0]?.lastAt ?? '') < 60_000);
    assert.equal(await metric('frame-ancestors'), 3);
  });

  it('reads the Reporting API’s format too, and leaves out origins that are allowed and other directives', async () => {
    const reports = [
      {
        type: 'csp-violation',
        body: { effectiveDirective: 'frame-ancestors', blockedURL: 'https://other.example.org/', documentURL: 'x' },
      },
      { type: 'csp-violation', body: { effectiveDirective: 'frame-ancestors', blockedURL: `${ALLOWED}/` } },
      { type: 'csp-violation', body: { effectiveDirective: 'script-src-elem', blockedURL: 'https://cdn.example.org/x.js' } },
      { type: 'deprecation', body: {} },
    ];
    assert.equal((await post(JSON.stringify(reports), 'application/reports+json')).status, 204);
    const legacy = { 'csp-report': { 'violated-directive': 'img-src https://x', 'blocked-uri': 'https://img.example.org/a.png' } };
    assert.equal((await post(JSON.stringify(legacy), 'application/json')).status, 204);
    assert.deepEqual(
      (await refused()).framing.map((o) => o.origin),
      ['https://other.example.org', FRAMER],
    );
  });

  it('answers 400 for a body that is no CSP report, 413 past 8 KB, and echoes nothing back', async () => {
    for (const [body, type] of [
      ['{"hello":"<script>"}', 'application/csp-report'],
      ['not json <script>', 'application/csp-report'],
      [JSON.stringify(chromiumReport(stack.service.url, FRAMER)), 'text/plain'],
    ] as const) {
      const r = await post(body, type);
      assert.equal(r.status, 400, `${type} ${body}`);
      assert.equal(errorResponse.parse(r.body).error.code, 'invalid_request');
      assert.ok(!r.text.includes('script'), r.text);
    }
    const big = await post(JSON.stringify({ 'csp-report': { 'script-sample': 'x'.repeat(9000) } }), 'application/csp-report');
    assert.equal(big.status, 413);
  });

  it('limits reports per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post('[]', 'application/reports+json')).status);
    assert.ok(statuses.includes(204));
    assert.equal(statuses.at(-1), 429);
  });

  it('when an API request or preflight comes from an origin CORS refuses then it is warned about once and listed, and still refused', async () => {
    const EVIL = 'https://crm-tools.example.org';
    const lookup = '/api/v1/lookup?phone=%2B31612345678';
    const r = await stack.get(lookup, { origin: EVIL });
    assert.equal(r.headers.get('access-control-allow-origin'), null, 'what is allowed does not change');
    await stack.get(lookup, { origin: EVIL });
    const preflight = await fetch(`${stack.service.url}/api/v1/cases?ref=x`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    await stack.get(lookup, { origin: ALLOWED });
    await stack.get(lookup, { origin: new URL(stack.service.url).origin });
    await stack.get(lookup, { origin: 'null' });

    const warnings = warningsAbout(stack, 'cors', EVIL);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /refused by CORS.*add it to CRM_ALLOWED_ORIGINS/);
    const { cors } = await refused();
    assert.deepEqual(
      cors.map((o) => [o.origin, o.count]),
      [[EVIL, 3]],
      'the allowed origin, the service’s own and "null" are not refusals here',
    );
    assert.equal(await metric('cors'), 3);
  });
});

describe('the log of refused origins', () => {
  const HOUR = 3_600_000;

  it('warns about an origin once an hour, lists it for 24 hours and counts every refusal', () => {
    const clock = testClock();
    const { logger, lines } = captureLogger();
    const counted: string[] = [];
    const log = createRefusedOrigins(logger, (d) => counted.push(d), clock.now);
    log.refused('framing', FRAMER);
    clock.advance(HOUR / 2);
    log.refused('framing', FRAMER);
    assert.equal(lines.length, 1);
    clock.advance(HOUR / 2);
    log.refused('framing', FRAMER);
    assert.equal(lines.length, 2, 'again after an hour');
    assert.deepEqual(log.list().framing, [{ origin: FRAMER, count: 3, lastAt: new Date(clock.now()).toISOString() }]);
    clock.advance(24 * HOUR + 1);
    assert.deepEqual(log.list(), { framing: [], cors: [] });
    assert.deepEqual(counted, ['frame-ancestors', 'frame-ancestors', 'frame-ancestors']);
  });

  it('keeps at most 20 origins per kind and 20 warnings per kind an hour, whatever a flood of made-up origins', () => {
    const { logger, lines } = captureLogger();
    const log = createRefusedOrigins(logger);
    for (let i = 0; i < 100; i++) log.refused('cors', `https://made-up-${i}.example`);
    log.refused('framing', undefined);
    assert.equal(log.list().cors.length, 20);
    assert.equal(log.list().cors[0]?.origin, 'https://made-up-99.example');
    assert.deepEqual(log.list().framing, [], 'an origin the report did not give is warned about, not listed');
    assert.equal(lines.length, 21);
  });
});
