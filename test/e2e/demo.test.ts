// End to end: the real demo (service + AFAS emulator + demo agent desktop, started as `npm start` does) driven
// in Debian's Chromium through a simulated call, down to the emulated InSite page behind a link.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_TOKEN_DATA, demoScenarios, type DemoScenario } from '../../emulator/src/index.js';
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

const scenario = (id: DemoScenario['id']): DemoScenario => {
  const s = demoScenarios.find((x) => x.id === id);
  assert.ok(s, id);
  return s;
};

/** Rings the scenario whose button is labelled exactly `label` (in the desk's current language). */
async function ring(page: Page, label: string): Promise<void> {
  const buttons = await page.$$('button.scenario');
  for (const b of buttons) {
    if ((await b.evaluate((el) => el.querySelector('.scenario-name')?.textContent?.trim() ?? '')) === label) {
      await b.click();
      return;
    }
  }
  throw new Error(`no scenario button "${label}"`);
}

/**
 * Texts of the elements with this part anywhere inside <crm-caller-panel>, nested shadow roots included (an
 * element within the panel may have its own).
 */
const panelParts = (page: Page, part: string): Promise<string[]> =>
  page.evaluate((p) => {
    // A loop, not a named helper: tsx would wrap a named function in a __name() call the page does not have.
    const found: string[] = [];
    const roots: ParentNode[] = [];
    const top = document.querySelector('crm-caller-panel')?.shadowRoot;
    if (top) roots.push(top);
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const el of root.querySelectorAll('*')) {
        if (el.getAttribute('part')?.split(/\s+/).includes(p)) found.push((el.textContent ?? '').replace(/\s+/g, ' ').trim());
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return found;
  }, part);

async function waitForPart(page: Page, part: string, text: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = await panelParts(page, part);
    if (texts.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`no ${part} "${text}" in the panel; found ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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

  it('shows the name, the organisation and the first open case without scrolling on a 1366×768 screen', async () => {
    await page.setViewport({ width: 1366, height: 768 });
    try {
      const bottoms: Record<string, number> = {};
      for (const [what, part] of [
        ['name', 'contact-name'],
        ['organisation', 'organisation'],
        ['first case', 'case'],
      ] as const) {
        const box = await (await page.$(`crm-caller-panel >>> [part~="${part}"]`))?.boundingBox();
        if (box) bottoms[what] = box.y + box.height;
        else assert.equal(what, 'organisation', `no ${what} on screen`); // a person without an organisation has none
      }
      for (const [what, bottom] of Object.entries(bottoms)) assert.ok(bottom <= 768, `${what} ends at ${bottom} px, below the fold`);
    } finally {
      await page.setViewport({ width: 1280, height: 860 });
    }
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
    assert.ok((await panelParts(page, 'picker')).length > 0, 'nobody remembered a pick for it: the agent chooses');
    await page.screenshot({ path: path.join(artifacts, 'e2e-shared-number.png') });
  });

  it('shows the contact remembered for a second shared number at once, without a choice', async () => {
    const s = scenario('sharedRemembered');
    // The demo remembered the pick at start through the service's picks API.
    const res = await fetch(new URL(`api/v1/lookup?phone=${encodeURIComponent(s.phone!)}`, demo.url));
    const answer = (await res.json()) as { status: string; contacts: { name: string; match: { remembered?: string } }[] };
    assert.equal(answer.status, 'ambiguous', 'AFAS has the number on three contacts');
    assert.equal(answer.contacts[0]?.name, s.expect.remembered);
    assert.match(answer.contacts[0]?.match.remembered ?? '', /^\d{4}-\d\d-\d\dT/);
    await ring(page, 'Shared number, pick remembered');
    await waitForPart(page, 'contact-name', s.expect.remembered!);
    assert.deepEqual(await panelParts(page, 'picker'), [], 'no choice offered');
    await page.screenshot({ path: path.join(artifacts, 'e2e-pick-remembered.png') });
  });

  it('tells the agent what a caller from an unknown number says, and what to search for', async () => {
    const s = scenario('foundBySearch');
    await ring(page, 'Unknown number, found by search');
    await page.waitForFunction(() => /Kinderopvang Zonnestraal/.test(document.getElementById('scenario-note')?.textContent ?? ''), {
      timeout: 5000,
    });
    const note = await page.$eval('#scenario-note', (el) => el.textContent ?? '');
    assert.ok(note.includes(s.search!.hint.en) && note.includes(`“${s.search!.text}”`), note);
    await page.waitForFunction(() => /not found in AFAS/i.test(document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? ''), {
      timeout: 10_000,
    });
    await ring(page, 'Known caller');
    await page.waitForFunction(() => document.getElementById('scenario-note')?.textContent === '', { timeout: 5000 });
  });

  it('speaks French after FR: the desk, its scenario labels, and the panel through its lang attribute', async () => {
    await page.click('[data-lang="fr"]');
    assert.equal(await page.$eval('html', (el) => el.lang), 'fr');
    assert.equal(await page.$eval('crm-caller-panel', (el) => el.getAttribute('lang')), 'fr');
    assert.equal(await page.$eval('[data-lang="fr"]', (el) => el.getAttribute('aria-pressed')), 'true');
    assert.equal(await page.$eval('#simulate-title', (el) => el.textContent), 'Simuler une conversation');
    assert.equal(await page.$eval('#answer', (el) => el.textContent), 'Décrocher');
    const labels = await page.$$eval('button.scenario .scenario-name', (els) => els.map((el) => el.textContent));
    assert.ok(labels.includes('Appelant connu') && labels.includes('Numéro partagé, choix mémorisé'), JSON.stringify(labels));
    assert.ok(labels.includes('Numéro modifié dans AFAS'), 'the desk-only scenario too');
    await ring(page, 'Numéro inconnu, trouvé par recherche');
    await page.waitForFunction(() => /Tapez « Zonnestraal »/.test(document.getElementById('scenario-note')?.textContent ?? ''), {
      timeout: 5000,
    });
    assert.equal(await page.$eval('#call-sub', (el) => el.textContent), 'Appel entrant · Numéro inconnu, trouvé par recherche');
    await page.screenshot({ path: path.join(artifacts, 'e2e-demo-fr.png') });
    await page.click('[data-lang="en"]');
    assert.equal(await page.$eval('crm-caller-panel', (el) => el.getAttribute('lang')), 'en');
    assert.equal(await page.$eval('#simulate-title', (el) => el.textContent), 'Simulate a conversation');
    assert.match(await page.$eval('#scenario-note', (el) => el.textContent ?? ''), /^The caller says: /, 'the note follows the language');
  });

  it('says the number is not in AFAS for an unknown caller', async () => {
    await ring(page, 'Unknown number');
    await page.waitForFunction(() => /not found in AFAS/i.test(document.querySelector('crm-caller-panel')?.shadowRoot?.textContent ?? ''), {
      timeout: 10_000,
    });
  });

  it('shows the caller while AFAS is still reading the cases, then the cases', async () => {
    await ring(page, 'Slow AFAS (cases)');
    await page.waitForFunction(() => document.querySelector('crm-caller-panel')?.shadowRoot?.textContent?.includes('Mohamed El Amrani'), {
      timeout: 10_000,
    });
    // AFAS takes 2.5 s for the cases here: the contact shows once it is known, its cases follow (casesPending).
    assert.equal(
      await page.$('crm-caller-panel >>> [part~="cases-loading"]').then((e) => e !== null),
      true,
      'the cases follow the contact',
    );
    await page.waitForSelector('crm-caller-panel >>> [part~="case"]', { timeout: 10_000 });
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
