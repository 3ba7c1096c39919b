// End to end: an agent desktop on another origin opens the embeddable page in a window and drives it by
// postMessage ("the window that opened it" mode), in Debian's Chromium against the real service and emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { demoScenarios } from '../../emulator/src/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startStack, type Stack } from '../proxy/support/stack.js';
import { startDesk, type Desk } from './support/desk.js';

const known = demoScenarios.find((s) => s.id === 'known')!;

describe('the embeddable page opened by an agent desktop on an allowed origin', () => {
  let desk: Desk;
  let deskOrigin: string;
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    desk = await startDesk(() => '<!doctype html><title>desk</title>');
    deskOrigin = desk.origin;
    stack = await startStack({ env: { CRM_ALLOWED_ORIGINS: deskOrigin, LOG_LEVEL: 'warn' } });
    browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs });
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
    await deskPage.goto(deskOrigin);
    const serviceOrigin = new URL(stack.service.url).origin;
    await deskPage.evaluate((origin) => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      window.addEventListener('message', (e) => {
        if (e.origin === origin) heard.push(e.data);
      });
    }, serviceOrigin);
    const popup = await openEmbed(deskPage);
    await deskPage.evaluate(
      (phone, target) =>
        (window as unknown as { embed: Window }).embed.postMessage({ type: 'crm:lookup', phone, linkHandling: 'host' }, target),
      known.phone!,
      serviceOrigin,
    );
    const heard = async (type: string) =>
      deskPage.waitForFunction(
        (t) => (window as unknown as { heard: { type: string }[] }).heard.find((m) => m.type === t),
        { timeout: 10_000 },
        type,
      );
    assert.deepEqual(await (await heard('crm:lookup-completed')).jsonValue(), {
      type: 'crm:lookup-completed',
      status: 'matched',
      count: 1,
    });
    const link = (await popup.waitForSelector('crm-caller-panel >>> a[href^="https://12345.afasinsite.nl/"]', { timeout: 5000 }))!;
    const before = popup.url();
    await link.click();
    const opened = (await (await heard('crm:link-opened')).jsonValue()) as unknown as { href: string; kind: string };
    assert.match(opened.href, /^https:\/\/12345\.afasinsite\.nl\//);
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
});
