#!/usr/bin/env node
// Takes docs/panel.png: the built panel (dist/widget) in headless Chromium against a fixture page and a fixture
// lookup API on 127.0.0.1, light (English, matched caller) next to dark (Dutch, shared number).
// Usage: npm run build && node scripts/screenshot-panel.mjs [out.png]
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/* global document -- the waitForFunction callback runs in the page */
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const widgetDir = path.join(root, 'dist/widget');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/panel.png'));
if (!existsSync(path.join(widgetDir, 'crm-caller-panel.js'))) {
  console.error('dist/widget/crm-caller-panel.js is missing: run `npx vite build` first.');
  process.exit(1);
}

const insite = 'https://12345.afasinsite.nl';
const aCase = (id, subject, status, statusLabel, date) => ({
  id,
  subject,
  status,
  statusLabel,
  date,
  link: `${insite}/dossieritem-prs?DosId=${id}`,
  fields: [],
});
const jan = {
  id: '1001',
  name: 'Jan de Vries',
  organisation: 'Bakkerij De Vries B.V.',
  match: { field: 'MobileWork', label: 'Mobiel werk', value: '06-123 456 78', exact: true },
  fields: [
    { label: 'Mobiel werk', value: '06-123 456 78', href: 'tel:+31612345678' },
    { label: 'Telefoon werk', value: '020 123 4567', href: 'tel:+31201234567' },
    { label: 'E-mail', value: 'jan@bakkerijdevries.nl', href: 'mailto:jan@bakkerijdevries.nl' },
    { label: 'Klantnummer', value: '10045' },
  ],
  link: `${insite}/contactpersoon-prs?CdId=1001`,
  // In the service's order (the panel renders cases as sent): New and Open before Closed, newest first.
  cases: [
    aCase('D-2057', 'Nieuwe offerte broodautomaat', 'New', 'Nieuw', '2026-11-23T09:10:00+01:00'),
    aCase('D-2041', 'Levering te laat', 'Open', 'In behandeling', '2026-11-20T16:45:00+01:00'),
    aCase('D-1988', 'Factuur 2026-0412 onjuist', 'Closed', 'Afgehandeld', '2026-09-02T11:00:00+02:00'),
  ],
  moreCases: true,
  casesRef: 'screenshot-ref-1001',
};
const person = (id, name, organisation, label) => ({
  id,
  name,
  ...(organisation ? { organisation } : {}),
  match: { field: 'TelWork', label, value: '020-555 12 34', exact: true },
  fields: [],
  link: `${insite}/contactpersoon-prs?CdId=${id}`,
  cases: [],
  moreCases: false,
  casesRef: `screenshot-ref-${id}`,
});
const responses = {
  '0612345678': {
    status: 'matched',
    query: { type: 'phone', input: '0612345678', normalized: '+31612345678' },
    contacts: [jan],
    source: 'cache',
    ageSeconds: 40,
  },
  '0205551234': {
    status: 'ambiguous',
    query: { type: 'phone', input: '0205551234', normalized: '+31205551234' },
    contacts: [
      person('2001', 'Petra Jansen', 'Jansen Installatietechniek', 'Telefoon werk'),
      person('2002', 'Kees Jansen', 'Jansen Installatietechniek', 'Telefoon werk'),
      person('2003', 'Jansen Installatietechniek', undefined, 'Telefoon organisatie'),
    ],
    source: 'afas',
    ageSeconds: 0,
  },
};

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>panel</title>
<link rel="stylesheet" href="/page.css"><script type="module" src="/widget/crm-caller-panel.js"></script></head>
<body><div class="row">
<div class="light"><crm-caller-panel service-url="/" phone="0612345678" lang="en" theme="light"></crm-caller-panel></div>
<div class="dark"><crm-caller-panel service-url="/" phone="0205551234" lang="nl" theme="dark"></crm-caller-panel></div>
</div></body></html>`;
const css = `body{margin:0;font:15px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.row{display:flex;align-items:flex-start}.row>div{width:400px;padding:20px}.light{background:#eef1f5}.dark{background:#121316;align-self:stretch}`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (type, body) => res.writeHead(200, { 'Content-Type': type }).end(body);
  if (url.pathname === '/') return send('text/html', page);
  if (url.pathname === '/page.css') return send('text/css', css);
  if (url.pathname === '/api/v1/lookup')
    return send('application/json', JSON.stringify(responses[url.searchParams.get('phone') ?? ''] ?? responses['0612345678']));
  const file = url.pathname.startsWith('/widget/') ? path.join(widgetDir, path.basename(url.pathname)) : '';
  if (file && existsSync(file)) return send(file.endsWith('.js') ? 'text/javascript' : 'text/plain', readFileSync(file));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
  await tab.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle0' });
  await tab.waitForFunction(() =>
    [...document.querySelectorAll('crm-caller-panel')].every((p) => p.shadowRoot?.querySelector('[part="contact-name"], [part="picker"]')),
  );
  mkdirSync(path.dirname(out), { recursive: true });
  const row = await tab.$('.row');
  await row?.screenshot({ path: out });
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
  server.close();
}
