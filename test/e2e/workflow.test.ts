// End to end, in Debian's Chromium against the real service and emulator: the agent's workflow when the number does
// not tell who is calling (search → choose → remember → the next call from that number opens the remembered
// contact), and the panel after the service went away. (The page framed by a desk: embed-opener.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { demoNames, demoPhones } from '../../emulator/src/data/demo.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startStack, type Stack } from '../proxy/support/stack.js';

const artifacts = path.resolve(import.meta.dirname, '../../artifacts');
const unknownCaller = demoPhones.foundBySearchCaller.e164;
const searchedName = demoNames.foundBySearch;

/** Text inside the panel's shadow root (and the search box's), whitespace collapsed. */
const panelText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const panel = document.querySelector('crm-caller-panel')?.shadowRoot;
    const search = panel?.querySelector('crm-contact-search')?.shadowRoot;
    return `${panel?.textContent ?? ''} ${search?.textContent ?? ''}`.replace(/\s+/g, ' ');
  });

const waitForPart = (page: Page, part: string): Promise<unknown> =>
  page.waitForFunction(
    (p) => {
      const panel = document.querySelector('crm-caller-panel')?.shadowRoot;
      const search = panel?.querySelector('crm-contact-search')?.shadowRoot;
      return Boolean(panel?.querySelector(`[part~="${p}"]`) ?? search?.querySelector(`[part~="${p}"]`));
    },
    { timeout: 15_000 },
    part,
  );

const clickPart = (page: Page, part: string, text?: string): Promise<void> =>
  page.evaluate(
    (p, t) => {
      const panel = document.querySelector('crm-caller-panel')?.shadowRoot;
      const search = panel?.querySelector('crm-contact-search')?.shadowRoot;
      const all = [
        ...(panel?.querySelectorAll<HTMLElement>(`[part~="${p}"]`) ?? []),
        ...(search?.querySelectorAll<HTMLElement>(`[part~="${p}"]`) ?? []),
      ];
      const target = all.find((e) => !t || e.textContent?.includes(t));
      if (!target) throw new Error(`no ${p}${t ? ` with ${t}` : ''}`);
      target.click();
    },
    part,
    text,
  );

let browser: Browser;

before(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs });
  mkdirSync(artifacts, { recursive: true });
});

after(async () => {
  await browser?.close();
});

describe('the agent workflow for a caller the number does not identify', () => {
  let stack: Stack;

  before(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  });

  after(async () => {
    await stack?.close();
  });

  /** A call from `phone`, as the embeddable page shows it (a new page: a new conversation). */
  async function ring(phone: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 400, height: 900 });
    await page.goto(`${stack.service.url}/widget/?lang=en&phone=${encodeURIComponent(phone)}`);
    await page.evaluate(() => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      for (const type of ['crm-contact-selected', 'crm-pick-remembered'])
        document.addEventListener(type, (e) => heard.push({ type, ...(e as CustomEvent<object>).detail }));
    });
    return page;
  }

  it('search → choose → remember; the next call from that number opens the remembered contact; Forget undoes it', async () => {
    const first = await ring(unknownCaller);
    await waitForPart(first, 'search-input');
    assert.match(await panelText(first), /Not found in AFAS/);

    // The caller names their organisation; the agent searches for it.
    await first.locator('crm-caller-panel >>> crm-contact-search >>> input').fill('Zonnestraal');
    await first.keyboard.press('Enter');
    await waitForPart(first, 'search-option');
    assert.match(await panelText(first), /found for “Zonnestraal”/);
    await first.screenshot({ path: path.join(artifacts, 'e2e-search-results.png') });

    await clickPart(first, 'search-option', searchedName);
    await waitForPart(first, 'remember-button');
    assert.match(await panelText(first), new RegExp(searchedName));
    await clickPart(first, 'remember-button');
    await waitForPart(first, 'remembered');
    assert.match(await panelText(first), /Remembered for this number on/);
    const heard =
      (await first.evaluate(() => (window as unknown as { heard: { type: string; name?: string; remembered?: boolean }[] }).heard)) ?? [];
    assert.deepEqual(
      heard.map((e) => [e.type, e.name, e.remembered]),
      [
        ['crm-contact-selected', searchedName, undefined],
        ['crm-pick-remembered', searchedName, true],
      ],
    );
    await first.screenshot({ path: path.join(artifacts, 'e2e-search-remembered.png') });
    await first.close();

    // The next call from that number: AFAS still does not know it, the team's pick answers.
    const next = await ring(unknownCaller);
    await waitForPart(next, 'remembered');
    const text = await panelText(next);
    assert.match(text, new RegExp(`${searchedName}`));
    assert.match(text, /Remembered for this number on/);
    assert.doesNotMatch(text, /Not found in AFAS/);
    await waitForPart(next, 'not-caller-button');
    await next.screenshot({ path: path.join(artifacts, 'e2e-next-call-remembered.png') });

    // Forget: the call after that is unknown again.
    await clickPart(next, 'forget-button');
    await waitForPart(next, 'remember-button');
    await next.close();
    const after = await ring(unknownCaller);
    await waitForPart(after, 'search-input');
    assert.match(await panelText(after), /Not found in AFAS/);
    await after.close();
  });
});

describe('the panel after the service went away', () => {
  let stack: Stack;

  before(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  });

  after(async () => {
    // The test stops the service itself; if it failed before that, the service is still running.
    await stack?.service.close().catch(() => undefined);
    await stack?.emulator.close();
  });

  it('says the service cannot be reached, with Retry, although the error state itself could no longer be loaded', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.service.url}/widget/?lang=en`);
    await page.waitForFunction(
      () => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('No active conversation'),
      {
        timeout: 10_000,
      },
    );
    await stack.service.close();
    const code = page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          document.addEventListener('crm-error', (e) => resolve((e as CustomEvent<{ code: string }>).detail.code), { once: true }),
        ),
    );
    await page.evaluate(() => document.querySelector('crm-caller-panel')?.setAttribute('phone', '+31612345678'));
    await waitForPart(page, 'retry-button');
    assert.equal(await code, 'network_error');
    assert.match(await panelText(page), /Lookup failed.*The lookup service cannot be reached/);
    await page.close();
  });
});
