// End to end: an agent desktop on another origin opens the embeddable page in a window and drives it by
// postMessage ("the window that opened it" mode), or frames it and hears the panel's events, in Debian's Chromium
// against the real service and emulator.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { demoPhones } from '../../emulator/src/data/demo.js';
import { demoScenarios } from '../../emulator/src/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startStack, type Stack } from '../proxy/support/stack.js';
import { heardMessage, recordMessages, startDesk, type Desk } from './support/desk.js';

const artifacts = path.resolve(import.meta.dirname, '../../artifacts');
const known = demoScenarios.find((s) => s.id === 'known')!;

/** The desk's page: with ?src=, one that frames the page `src` names (escaped: it is an attribute value). */
const deskHtml = (url: URL): string => {
  const src = url.searchParams.get('src');
  if (src === null) return '<!doctype html><title>desk</title>';
  const escaped = src.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><title>desk</title><iframe id="crm" src="${escaped}" width="380" height="700"></iframe>`;
};

describe('the embeddable page opened or framed by an agent desktop on an allowed origin', () => {
  let desk: Desk;
  let deskOrigin: string;
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    desk = await startDesk(deskHtml);
    deskOrigin = desk.origin;
    stack = await startStack({ env: { CRM_ALLOWED_ORIGINS: deskOrigin, LOG_LEVEL: 'warn' } });
    browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(artifacts, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    desk?.close();
  });

  async function openEmbed(from: Page): Promise<Page> {
    const embedUrl = `${stack.service.url}/widget/`;
    const opened = browser.waitForTarget((t) => t.url().startsWith(embedUrl) && t.opener() === from.target(), { timeout: 10_000 });
    await from.evaluate((url) => {
      (window as unknown as { embed: Window | null }).embed = window.open(url, '_blank', 'popup,width=400,height=700');
    }, embedUrl);
    const popup = (await (await opened).page())!;
    await popup.waitForSelector('crm-caller-panel', { timeout: 10_000 });
    return popup;
  }

  it('keeps window.opener, takes the lookup the desk posts, and shows the caller', async () => {
    const deskPage = await browser.newPage();
    await deskPage.goto(deskOrigin);
    const popup = await openEmbed(deskPage);
    assert.equal(await popup.evaluate(() => window.opener !== null), true, 'the embed page lost its opener (COOP)');

    const serviceOrigin = new URL(stack.service.url).origin;
    await deskPage.evaluate(
      (phone, target) => (window as unknown as { embed: Window }).embed.postMessage({ type: 'crm:lookup', phone }, target),
      known.phone!,
      serviceOrigin,
    );
    await popup.waitForFunction(
      (name) => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes(name) ?? false,
      { timeout: 10_000 },
      known.expect.name!,
    );
  });

  it('tells the desk what happened: the lookup, and the link the agent opens, left to the desk with linkHandling host', async () => {
    const deskPage = await browser.newPage();
    const serviceOrigin = new URL(stack.service.url).origin;
    await recordMessages(deskPage, serviceOrigin);
    await deskPage.goto(deskOrigin);
    const popup = await openEmbed(deskPage);
    await deskPage.evaluate(
      (phone, target) =>
        (window as unknown as { embed: Window }).embed.postMessage({ type: 'crm:lookup', phone, linkHandling: 'host' }, target),
      known.phone!,
      serviceOrigin,
    );
    assert.deepEqual(await heardMessage(deskPage, 'crm:lookup-completed'), {
      type: 'crm:lookup-completed',
      status: 'matched',
      count: 1,
    });
    const link = (await popup.waitForSelector('crm-caller-panel >>> a[href^="https://12345.afasinsite.nl/"]', { timeout: 5000 }))!;
    const before = popup.url();
    await link.click();
    const opened = await heardMessage(deskPage, 'crm:link-opened');
    assert.match(opened.href ?? '', /^https:\/\/12345\.afasinsite\.nl\//);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(popup.url(), before, 'the page left the link to the desk');
    assert.equal(
      (await browser.pages()).filter((p) => p.url().startsWith('https://12345.afasinsite.nl')).length,
      0,
      'no InSite tab opened',
    );
  });

  it('ignores the same message from an origin that is not allowed', async () => {
    const stranger = await browser.newPage();
    // The service's own origin is not on the allow-list of postMessage senders (only the desk's is).
    await stranger.goto(`${stack.service.url}/healthz`);
    const popup = await openEmbed(stranger);
    await stranger.evaluate(
      (phone, target) => (window as unknown as { embed: Window }).embed.postMessage({ type: 'crm:lookup', phone }, target),
      known.phone!,
      new URL(stack.service.url).origin,
    );
    await new Promise((r) => setTimeout(r, 500));
    const text = await popup.evaluate(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? '');
    assert.ok(!text.includes(known.expect.name!), 'a message from a stranger drove the panel');
  });

  it('frames the page, drives a lookup by postMessage and hears crm:ready, crm:lookup-completed and crm:contact-selected', async () => {
    const page = await browser.newPage();
    const serviceOrigin = new URL(stack.service.url).origin;
    await recordMessages(page, serviceOrigin);
    await page.goto(`${deskOrigin}/?src=${encodeURIComponent(`${stack.service.url}/widget/?lang=fr`)}`);
    await heardMessage(page, 'crm:ready');

    await page.evaluate(
      (phone, target) =>
        (document.getElementById('crm') as HTMLIFrameElement).contentWindow?.postMessage({ type: 'crm:lookup', phone }, target),
      demoPhones.sharedOrg.e164,
      serviceOrigin,
    );
    const completed = await heardMessage(page, 'crm:lookup-completed');
    assert.equal(completed.status, 'ambiguous');

    const frame = page.frames().find((f) => f.url().startsWith(stack.service.url))!;
    await frame.waitForFunction(
      () => Boolean(document.querySelector('crm-caller-panel')?.shadowRoot?.querySelector('[part="picker-option"]')),
      {
        timeout: 10_000,
      },
    );
    assert.match(
      await frame.evaluate(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? ''),
      /contacts partagent ce numéro/,
    );
    await frame.evaluate(() =>
      document.querySelector('crm-caller-panel')?.shadowRoot?.querySelector<HTMLElement>('[part="picker-option"]')?.click(),
    );
    await heardMessage(page, 'crm:contact-selected');
    await page.screenshot({ path: path.join(artifacts, 'e2e-iframe-desk.png') });
  });
});
