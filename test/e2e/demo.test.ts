// End to end: the real demo (service + AFAS emulator + demo agent desktop, started as `npm start` does) driven
// in Debian's Chromium through a simulated call, down to the emulated InSite page behind a link.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(root, 'artifacts');

function startDemo(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Agent desktop:\s+(\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${out}`)));
  });
}

const panelText = (page: Page) => page.evaluate(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? '');

async function ring(page: Page, label: string): Promise<void> {
  const buttons = await page.$$('button.scenario');
  for (const b of buttons) {
    if ((await b.evaluate((el) => el.textContent ?? '')).includes(label)) {
      await b.click();
      return;
    }
  }
  throw new Error(`no scenario button "${label}"`);
}

describe('the demo agent desktop, end to end', () => {
  let demo: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-e2e-'));

  before(async () => {
    demo = await startDemo(dataDir);
    browser = await puppeteer.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
    await page.goto(demo.url, { waitUntil: 'networkidle0' });
  });

  after(async () => {
    await browser?.close();
    demo?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a known caller with their cases when the phone rings', async () => {
    await ring(page, 'Known caller');
    await page.waitForFunction(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('Jan de Vries'), {
      timeout: 10_000,
    });
    const text = await panelText(page);
    assert.match(text, /Storing cv-ketel/);
    assert.match(text, /Klacht over levertijd/);
    assert.ok(text.indexOf('Storing cv-ketel') < text.indexOf('Klacht over levertijd'), 'open cases before closed ones');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'e2e-known-caller.png') });
  });

  it('opens the contact in the emulated InSite from the panel', async () => {
    // waitForSelector throws when the link does not come, so it is there past this line.
    const link = (await page.waitForSelector('crm-caller-panel >>> a[href^="https://12345.afasinsite.nl/contactpersoon-prs"]', {
      timeout: 5000,
    }))!;
    assert.equal(await link.evaluate((a) => a.getAttribute('rel')), 'noopener noreferrer');
    const opened = browser.waitForTarget((t) => t.url().includes('/insite/'), { timeout: 10_000 });
    await link.click();
    const insite = await (await opened).page();
    assert.ok(insite);
    await insite.waitForFunction(() => document.body?.textContent?.includes('Jan de Vries'), { timeout: 10_000 });
    await insite.screenshot({ path: path.join(artifacts, 'e2e-insite.png') });
    await insite.close();
  });

  it('offers a ranked choice when a number is shared', async () => {
    await ring(page, 'Shared number');
    await page.waitForFunction(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('Eva Groen'), {
      timeout: 10_000,
    });
    const text = await panelText(page);
    assert.match(text, /Groen & Zn\. Installatietechniek B\.V\./);
    await page.screenshot({ path: path.join(artifacts, 'e2e-shared-number.png') });
  });

  it('says the number is not in AFAS for an unknown caller', async () => {
    await ring(page, 'Unknown number');
    await page.waitForFunction(() => /not found in AFAS/i.test(document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? ''), {
      timeout: 10_000,
    });
  });

  it('shows the loading state while AFAS is slow, then the caller', async () => {
    await ring(page, 'Slow AFAS');
    await page.waitForSelector('crm-caller-panel >>> [aria-busy="true"]', { timeout: 5000 });
    await page.waitForFunction(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('Mohamed El Amrani'), {
      timeout: 10_000,
    });
  });

  it('shows the caller index, and finds a caller on a number just changed in AFAS once the index has refreshed', async () => {
    await page.waitForFunction(() => /ready · [\d,]+ contacts/.test(document.getElementById('index-state')?.textContent ?? ''), {
      timeout: 20_000,
    });
    await ring(page, 'Number changed in AFAS');
    await page.waitForFunction(() => /now 06-11223344 in AFAS/.test(document.getElementById('scenario-note')?.textContent ?? ''), {
      timeout: 20_000,
    });
    await page.waitForFunction(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('Jan de Vries'), {
      timeout: 10_000,
    });
    assert.match(await panelText(page), /06-11223344/);
    await page.screenshot({ path: path.join(artifacts, 'e2e-number-changed.png') });
  });

  it('explains an AFAS outage with a Retry button (last: AFAS asks to wait a few seconds)', async () => {
    await ring(page, 'AFAS down');
    const retry = (await page.waitForSelector('crm-caller-panel >>> [part~="retry-button"]', { timeout: 10_000 }))!;
    assert.equal(await retry.evaluate((b) => b.tagName), 'BUTTON');
    const error = (await page.$('crm-caller-panel >>> [part~="error"]'))!;
    assert.ok(((await error.evaluate((e) => e.textContent)) ?? '').trim().length > 10, 'the error state says what is wrong');
    await page.screenshot({ path: path.join(artifacts, 'e2e-afas-down.png') });
  });

  it('ships no AFAS token in the browser bundle', () => {
    const dist = path.join(root, 'dist/widget');
    const files = readdirSync(dist).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
    assert.ok(files.length >= 2);
    for (const f of files) {
      const text = readFileSync(path.join(dist, f), 'utf8');
      assert.ok(!text.includes('AfasToken') && !text.includes(DEMO_TOKEN_DATA), f);
    }
  });
});
