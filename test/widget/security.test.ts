import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { safeLink } from '../../widget/src/format/safe-link.js';
import type { CspProbeResult } from './support/csp-probe.js';
import { restoreFetch } from './support/fetch-stub.js';
import { hostile, hostileHrefs, xssPayloads } from './support/fixtures.js';
import { $, $$, mount, panelWith, textOf } from './support/panel.js';
import { afterEach, beforeEach, describe, it } from './support/mocha.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

afterEach(restoreFetch);
beforeEach(() => {
  window.__xss = 0;
});

describe('link filtering', () => {
  for (const href of hostileHrefs) {
    it(`${JSON.stringify(href)} is never a link`, () => {
      expect(safeLink(href)).to.equal(undefined);
    });
  }
  for (const [href, scheme] of [
    ['https://12345.afasinsite.nl/x?a=1', 'https'],
    ['tel:+31612345678', 'tel'],
    ['mailto:a@b.nl', 'mailto'],
    ['HTTPS://Example.com/', 'https'],
  ] as const) {
    it(`${href} is a ${scheme} link`, () => {
      expect(safeLink(href)?.scheme).to.equal(scheme);
    });
  }

  it('in the panel, only https/tel/mailto hrefs become <a>; the rest is shown as text', async () => {
    const { el } = await panelWith(hostile);
    const hrefs = $$<HTMLAnchorElement>(el, 'a').map((a) => a.protocol);
    expect(hrefs).to.deep.equal(['https:', 'tel:', 'mailto:']);
    for (const i of hostileHrefs.keys()) expect(textOf(el)).to.contain(`value ${i}`);
    expect($(el, 'a[part="insite-link"]')).to.equal(null);
    for (const a of $$<HTMLAnchorElement>(el, 'a')) {
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.getAttribute('referrerpolicy')).to.equal('no-referrer');
    }
  });
});

describe('CRM data is text', () => {
  it('names, organisations, labels, subjects and status labels with markup run nothing and show literally', async () => {
    const { el } = await panelWith(hostile);
    await aTimeout(50);
    expect(window.__xss).to.equal(0);
    expect($(el, '[part="contact-name"]')?.textContent).to.equal(xssPayloads.img);
    expect($(el, '[part="organisation"]')?.textContent).to.equal(xssPayloads.svg);
    expect(textOf(el)).to.contain(xssPayloads.script);
    expect($$(el, 'img, svg[onload], script')).to.have.length(0);
    expect($(el, '[role="status"]')?.textContent).to.contain(xssPayloads.img);
  });

  it('clicking every rendered link runs nothing', async () => {
    const { el } = await panelWith(hostile);
    const stop = (e: Event): void => e.preventDefault();
    window.addEventListener('click', stop);
    try {
      for (const a of $$<HTMLAnchorElement>(el, 'a')) a.click();
      for (const text of $$(el, '[part="text"]')) text.click();
    } finally {
      window.removeEventListener('click', stop);
    }
    await aTimeout(50);
    expect(window.__xss).to.equal(0);
  });

  it('is accessible with hostile data', async () => {
    const { el } = await panelWith(hostile);
    await expect(el).to.be.accessible();
  });
});

describe('strict host page (S11)', () => {
  it('renders under script-src/style-src self and required Trusted Types with no CSP violation', async () => {
    const csp =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
    const frame = await mount<HTMLIFrameElement>(html`<iframe title="strict host"></iframe>`);
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${csp}"><title>strict</title>
      <script type="module" src="/test/widget/support/csp-probe.ts"></script></head><body></body></html>`;
    const probe = (): CspProbeResult | undefined => (frame.contentWindow as unknown as { cspProbe?: CspProbeResult } | null)?.cspProbe;
    await waitUntil(() => probe() !== undefined, 'the panel did not render in the strict frame', { timeout: 4000 });
    expect(probe()).to.deep.equal({ violations: [], name: 'Jan de Vries', links: 8 });
  });
});
