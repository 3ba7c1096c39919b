// End to end: the admin page served by the real service (caller index on, against the real emulator), driven in
// Debian's Chromium: sign in with the admin key, watch the index become ready, see lookups counted, the origins
// refused a frame or a lookup listed and the data-quality report, with the key kept out of storage and the page passing
// axe in its three languages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { demoScenarios } from '../../emulator/src/index.js';
import { newestMtime } from '../../scripts/build-service.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { SETTINGS_KEY, adminAuth, startStack, type Stack } from '../proxy/support/stack.js';

const root = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(root, 'artifacts');
const builtPage = path.join(root, 'dist/widget/admin/crm-admin-page.js');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const known = demoScenarios.find((s) => s.id === 'known')!;
const unknown = demoScenarios.find((s) => s.id === 'unknown')!;

/** `npm test` builds before this runs; on its own, the page is built here when missing or older than its sources. */
function ensureBuilt(): void {
  const sources = Math.max(newestMtime(path.join(root, 'widget/src')), newestMtime(path.join(root, 'vite.config.ts')));
  if (existsSync(builtPage) && statSync(builtPage).mtimeMs >= sources) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  assert.equal(r.status, 0, 'npx vite build failed');
}

/** Text of the first element matching `selector` inside <crm-admin-page>'s shadow root, whitespace collapsed. */
const adminText = (page: Page, selector: string): Promise<string> =>
  page.evaluate(
    (sel) => (document.querySelector('crm-admin-page')?.shadowRoot?.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    selector,
  );

/**
 * The first element matching `selector` inside <crm-admin-page>'s shadow root, once there. Polled: changes inside a
 * shadow root escape the document-level mutation observer that waitForSelector relies on.
 */
async function waitInAdmin(page: Page, selector: string, timeout = 10_000): Promise<ElementHandle> {
  const handle = await page.waitForFunction(
    (sel) => document.querySelector('crm-admin-page')?.shadowRoot?.querySelector(sel) ?? false,
    { timeout, polling: 100 },
    selector,
  );
  const element = handle.asElement();
  assert.ok(element, `no ${selector}`);
  return element as ElementHandle;
}

async function chooseLanguage(page: Page, lang: 'nl' | 'en' | 'fr'): Promise<void> {
  const button = await waitInAdmin(page, `[part~="language-button"][lang="${lang}"]`);
  await button.click();
  await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
}

async function axeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's CSP (script-src 'self') does not govern; a <script> tag it would.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
    ).axe.run(document);
    return violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

describe('the admin page, end to end', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  before(async () => {
    ensureBuilt();
    stack = await startStack({ settings: [{ name: 'CallerIndex', value: 'On' }], env: { LOG_LEVEL: 'warn' } });
    browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.exposeFunction('reportCspViolation', (v: string) => cspViolations.push(v));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        void (window as unknown as { reportCspViolation: (v: string) => Promise<void> }).reportCspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('serves the page with a strict CSP, no caching and no referrer', async () => {
    const res = (await page.goto(`${stack.service.url}/admin/`, { waitUntil: 'networkidle0' }))!;
    assert.equal(res.status(), 200);
    const headers = res.headers();
    assert.match(headers['content-security-policy'] ?? '', /default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'/);
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'; form-action 'none'/);
    assert.equal(headers['cache-control'], 'no-store');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    await chooseLanguage(page, 'en');
    assert.equal(await adminText(page, 'label[for="key"]'), 'Admin settings key');
  });

  it('refuses a wrong key and stays on the prompt', async () => {
    const input = await waitInAdmin(page, '#key');
    await input.type('not-the-admin-key-0123456789');
    await input.press('Enter');
    await waitInAdmin(page, '[part~="key-error"]');
    assert.match(await adminText(page, '[part~="key-error"]'), /This key was refused/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('signs in with the admin key and shows the index ready with its contacts', async () => {
    const input = await waitInAdmin(page, '#key');
    await input.type(SETTINGS_KEY);
    await input.press('Enter');
    // The index builds in a second or two against the emulator; the page refreshes its status every 10 s.
    await page.waitForFunction(
      () =>
        document.querySelector('crm-admin-page')?.shadowRoot?.querySelector('[part~="index-state"]')?.getAttribute('data-state') ===
        'ready',
      { timeout: 30_000, polling: 100 },
    );
    const status = (await stack.get('/api/v1/index', adminAuth)).body;
    assert.ok(status.contacts > 1000, `only ${status.contacts} contacts indexed`);
    assert.equal(await adminText(page, '[part~="index-contacts"]'), new Intl.NumberFormat('en-GB').format(status.contacts));
    assert.match(await adminText(page, '[part~="index"]'), /Ready/);
  });

  it('counts the lookups made since, per UCC', async () => {
    for (const phone of [known.phone!, unknown.phone!]) {
      const res = await fetch(`${stack.service.url}/api/v1/lookup?phone=${encodeURIComponent(phone)}&ucc=helpdesk`);
      assert.equal(res.status, 200);
    }
    await (await waitInAdmin(page, '[part~="refresh-button"]')).click();
    const cells = await page.waitForFunction(
      () => {
        const rows = document.querySelector('crm-admin-page')?.shadowRoot?.querySelectorAll('[part~="outcomes-row"]') ?? [];
        const row = [...rows].find((r) => r.querySelector('th')?.textContent?.trim() === 'helpdesk');
        return row ? [...row.children].map((c) => c.textContent?.trim() ?? '') : false;
      },
      { timeout: 10_000, polling: 100 },
    );
    const [, matched, , none] = (await cells.jsonValue()) as string[];
    assert.ok(Number(matched) >= 1 && Number(none) >= 1, `helpdesk row: ${JSON.stringify(await cells.jsonValue())}`);
  });

  it('lists the origins refused a frame or a lookup answer, as text, with how to allow them', async () => {
    // What Chromium posts to the embeddable page's report-uri when a page it does not allow frames it.
    const report = await fetch(`${stack.service.url}/api/v1/csp-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify({
        'csp-report': {
          'document-uri': `${stack.service.url}/widget/`,
          referrer: '',
          'violated-directive': 'frame-ancestors',
          'effective-directive': 'frame-ancestors',
          'blocked-uri': 'https://intranet.example',
          disposition: 'enforce',
        },
      }),
    });
    assert.equal(report.status, 204);
    // A lookup from a page CRM_ALLOWED_ORIGINS does not list: answered, but without CORS headers.
    const lookup = await fetch(`${stack.service.url}/api/v1/lookup?phone=${encodeURIComponent(known.phone!)}&ucc=helpdesk`, {
      headers: { Origin: 'https://other.example' },
    });
    assert.equal(lookup.status, 200);
    assert.equal(lookup.headers.get('access-control-allow-origin'), null);

    await (await waitInAdmin(page, '[part~="refresh-button"]')).click();
    // No named function inside: tsx would wrap it in a helper the page does not have.
    const listed = await page.waitForFunction(
      () => {
        const section = document.querySelector('crm-admin-page')?.shadowRoot?.querySelector('[part~="refused-origins"]');
        const [framing, cors] = ['framing', 'cors'].map((kind) =>
          [...(section?.querySelectorAll(`[part~="refused-table"][data-kind="${kind}"] [part~="refused-row"]`) ?? [])].map((row) =>
            [...row.children].map((cell) => (cell.querySelector('time') ?? cell).textContent?.replace(/\s+/g, ' ').trim() ?? ''),
          ),
        );
        return framing.length > 0 && cors.length > 0 ? { framing, cors, links: section?.querySelectorAll('a').length ?? -1 } : false;
      },
      { timeout: 10_000, polling: 100 },
    );
    const { framing, cors, links } = (await listed.jsonValue()) as { framing: string[][]; cors: string[][]; links: number };
    assert.deepEqual(
      framing.map(([origin, count]) => [origin, count]),
      [['https://intranet.example', '1']],
    );
    assert.deepEqual(
      cors.map(([origin, count]) => [origin, count]),
      [['https://other.example', '1']],
    );
    assert.match(cors[0][2], /now|seconds? ago/);
    assert.equal(links, 0, 'an origin is text, never a link');
    assert.match(
      await adminText(page, '[part~="refused-how-to-allow"]'),
      /add its origin to CRM_ALLOWED_ORIGINS .* and restart the service/,
    );
    const status = (await stack.get('/api/v1/status', adminAuth)).body;
    assert.deepEqual(
      status.refusedOrigins.cors.map((o: { origin: string }) => o.origin),
      ['https://other.example'],
    );
  });

  it('shows the data-quality counts and links the records to InSite', async () => {
    await waitInAdmin(page, '[part~="quality-facts"]');
    const report = (await stack.get('/api/v1/data-quality', adminAuth)).body;
    const en = new Intl.NumberFormat('en-GB');
    assert.equal(await adminText(page, '[part~="quality-contacts"]'), en.format(report.contacts));
    assert.equal(await adminText(page, '[part~="quality-unparseable"]'), en.format(report.unparseable));
    const link = await waitInAdmin(page, 'a[part~="insite-link"]');
    const attrs = await link.evaluate((a) => ({
      href: (a as HTMLAnchorElement).href,
      target: a.getAttribute('target'),
      rel: a.getAttribute('rel'),
    }));
    assert.match(attrs.href, /^https:\/\/12345\.afasinsite\.nl\//);
    assert.equal(attrs.target, '_blank');
    assert.equal(attrs.rel, 'noopener noreferrer');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'e2e-admin.png'), fullPage: true });
  });

  it('keeps the key out of storage, cookies, the URL and the DOM', async () => {
    const stored = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      dom: document.documentElement.outerHTML + (document.querySelector('crm-admin-page')?.shadowRoot?.innerHTML ?? ''),
    }));
    for (const [where, text] of Object.entries(stored)) assert.ok(!text.includes(SETTINGS_KEY), `the key is in ${where}`);
    assert.deepEqual(await page.cookies(), []);
    assert.ok(!page.url().includes(SETTINGS_KEY), 'the key is in the URL');
  });

  it('passes axe in English, in Dutch and in French', async () => {
    assert.deepEqual(await axeViolations(page), []);
    await chooseLanguage(page, 'nl');
    assert.equal(await adminText(page, '#index-title'), 'Bellerindex');
    assert.deepEqual(await axeViolations(page), []);
    await chooseLanguage(page, 'fr');
    assert.equal(await adminText(page, '#index-title'), 'Index des appelants');
    assert.equal(await page.title(), 'Identification des appelants : administration');
    const status = (await stack.get('/api/v1/index', adminAuth)).body;
    // fr-BE groups digits with a narrow no-break space.
    assert.equal(
      await adminText(page, '[part~="index-contacts"]'),
      new Intl.NumberFormat('fr-BE').format(status.contacts).replace(/\s+/g, ' '),
    );
    assert.match(await adminText(page, '[part~="index"]'), /Prêt/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('ran without a single CSP violation', () => {
    assert.deepEqual(cspViolations, []);
  });
});
