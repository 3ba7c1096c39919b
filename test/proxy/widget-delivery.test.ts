import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { defaultWidgetDir } from '../../proxy/src/app.js';
import { startStack, type Stack } from './support/stack.js';

const ORIGIN = 'https://webagent.example.com';

describe(
  'widget delivery and CORS preflight',
  { skip: existsSync(`${defaultWidgetDir}/index.html`) ? false : 'widget not built (npm run build)' },
  () => {
    let stack: Stack;
    before(async () => {
      stack = await startStack({ env: { CRM_ALLOWED_ORIGINS: ORIGIN } });
    });
    after(() => stack.close());

    it('serves the bundle to any origin, with caching headers and no secret', async () => {
      const r = await stack.get('/widget/crm-caller-panel.js');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /javascript/);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.equal(r.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.match(r.headers.get('cache-control') ?? '', /max-age=\d+/);
      assert.ok(!r.text.includes('AfasToken'));
    });

    it('lets only the allowed origins frame the embeddable page, and tells the page who may message it', async () => {
      const r = await stack.get('/widget/?phone=%2B31612345678');
      assert.equal(r.status, 200);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, new RegExp(`frame-ancestors 'self' ${ORIGIN.replace(/\./g, '\\.')};`));
      assert.match(csp, /script-src 'self';/);
      assert.equal(r.headers.get('x-frame-options'), null);
      assert.ok(r.text.includes(ORIGIN) && !r.text.includes('__CRM_ALLOWED_ORIGINS__'));
    });

    it('keeps window.opener for a page that opened the embeddable page (no same-origin COOP)', async () => {
      const r = await stack.get('/widget/');
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'unsafe-none');
    });

    it('sends HSTS only for requests that arrived over https', async () => {
      assert.equal((await stack.get('/healthz')).headers.get('strict-transport-security'), null);
    });

    it('answers a CORS preflight for the lookup and cases API only for allowed origins', async () => {
      const cases = await fetch(`${stack.service.url}/api/v1/cases?ref=x`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      });
      assert.equal(cases.headers.get('access-control-allow-origin'), ORIGIN);
      const preflight = (origin: string) =>
        fetch(`${stack.service.url}/api/v1/lookup?phone=1`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
        });
      const good = await preflight(ORIGIN);
      assert.equal(good.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(good.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
      const bad = await preflight('https://evil.example');
      assert.equal(bad.headers.get('access-control-allow-origin'), null);
    });
  },
);
