// `npm start`: the whole product on one machine with no AFAS account — the AFAS emulator, the service (which
// receives its settings through the real settings endpoint, as from a UCC) and the demo agent desktop.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express, { Router } from 'express';
import { demoScenarios, startEmulator } from '../emulator/src/index.js';
import type { DemoLang } from '../emulator/src/scenarios.js';
import { loadConfig } from '../proxy/src/config.js';
import { createLogger } from '../proxy/src/logger.js';
import { startService, type RunningService } from '../proxy/src/start-service.js';

const DEMO_INSITE = 'https://12345.afasinsite.nl/';
/** The demo's caller index looks for changed contacts this often, so a number changed in AFAS shows up quickly. */
const INDEX_REFRESH_SECONDS = 5;
/** "Number changed in AFAS": the known caller's mobile number moves between these two (stored as AFAS would). */
const CHANGED_NUMBERS = [
  { stored: '06-11223344', e164: '+31611223344' },
  { stored: '06-12345678', e164: '+31612345678' },
];
const NUMBER_CHANGED_LABELS: Record<DemoLang, string> = {
  nl: 'Nummer gewijzigd in AFAS',
  en: 'Number changed in AFAS',
  fr: 'Numéro modifié dans AFAS',
};
const root = path.resolve(import.meta.dirname, '..');
const demoDir = [path.join(root, 'dist/demo'), path.join(root, 'widget/demo')].find((d) => existsSync(path.join(d, 'index.html')));

/** A lookup of `phone` through the service's API: the answer's HTTP status and its contacts (none without any). */
async function lookupContacts(serviceUrl: string, phone: string): Promise<{ status: number; contacts: { id: string; name: string }[] }> {
  const res = await fetch(`${serviceUrl}/api/v1/lookup?phone=${encodeURIComponent(phone)}`, { headers: { Accept: 'application/json' } });
  const answer = (await res.json()) as { contacts?: { id: string; name: string }[] };
  return { status: res.status, contacts: answer.contacts ?? [] };
}

/**
 * "Shared number, pick remembered": remembers the scenario's contact for its number through the service's real picks
 * API (`PUT /api/v1/picks`), as the panel does when an agent chooses "Remember"; the contact's id comes from a lookup
 * of the number. Ringing it then answers with that contact first (`match.remembered`), the others still in the list.
 */
async function rememberDemoPick(serviceUrl: string): Promise<void> {
  const scenario = demoScenarios.find((s) => s.id === 'sharedRemembered');
  const phone = scenario?.phone;
  const name = scenario?.expect.remembered;
  if (!phone || !name) return;
  const lookup = await lookupContacts(serviceUrl, phone);
  const contact = lookup.contacts.find((c) => c.name === name);
  if (!contact) throw new Error(`the lookup of ${phone} answered ${lookup.status} without ${name}`);
  const put = await fetch(`${serviceUrl}/api/v1/picks`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ phone, contactId: contact.id }),
  });
  if (put.status !== 204) throw new Error(`PUT /api/v1/picks answered ${put.status} ${await put.text()}`);
}

async function main(): Promise<void> {
  // The cost model makes AFAS's time depend on the query, as on a real environment (see emulator/README.md).
  const emulator = await startEmulator({ quiet: true, cost: true });
  // The demo's own admin key: the settings endpoint is closed without one. The emulator is an http host on loopback,
  // so it is allow-listed (and http allowed) for this process only.
  const settingsKey = process.env.CRM_SETTINGS_KEY ?? randomBytes(24).toString('base64url');
  const env = {
    ...process.env,
    CRM_SETTINGS_KEY: settingsKey,
    CRM_AFAS_HOSTS: [process.env.CRM_AFAS_HOSTS, '127.0.0.1'].filter(Boolean).join(','),
    CRM_ALLOW_HTTP_UPSTREAM: 'true',
    CRM_DATA_DIR: process.env.CRM_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'crm-afas-demo-')),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', // the demo publishes its settings right after start; no need to warn that they are missing
  };
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);

  const demo = Router();
  let service: RunningService | undefined;
  const admin = (p: string) =>
    fetch(`${service?.url ?? ''}/api/v1/${p}`, { headers: { Authorization: `Bearer ${settingsKey}`, Accept: 'application/json' } });
  let changed = 0;
  let knownId: number | undefined;
  /** The known caller's ContactId, from a lookup of its number (once: a demo record's id never changes). */
  const knownContactId = async (): Promise<number | undefined> => {
    if (knownId !== undefined) return knownId;
    const phone = demoScenarios.find((sc) => sc.id === 'known')?.phone ?? '';
    const { contacts } = await lookupContacts(service?.url ?? '', phone);
    const id = Number(contacts[0]?.id);
    knownId = Number.isInteger(id) ? id : undefined;
    return knownId;
  };
  // `labels` per language (nl, en, fr); `label` is the older "Dutch / English" one. `search`: what the caller says
  // (`hint`, per language) and the word to type into the panel's search box, for a caller the number does not find.
  demo.get('/demo/api/scenarios', (_req, res) => {
    const next = CHANGED_NUMBERS[changed % CHANGED_NUMBERS.length];
    res.json({
      scenarios: [
        ...demoScenarios.map((s) => ({
          id: s.id,
          label: s.label,
          labels: s.labels,
          phone: s.phone,
          email: s.email,
          hasFault: s.fault !== undefined,
          ...(s.search ? { search: { text: s.search.text, hint: s.search.hint } } : {}),
        })),
        {
          id: 'numberChanged',
          label: `${NUMBER_CHANGED_LABELS.nl} / ${NUMBER_CHANGED_LABELS.en}`,
          labels: NUMBER_CHANGED_LABELS,
          phone: next?.e164,
          hasFault: false,
          changesAfas: true,
        },
      ],
      insiteBase: DEMO_INSITE,
      emulatedInsite: emulator.insiteUrl,
    });
  });
  // The caller index's state for the desk (the admin key stays on the server).
  demo.get('/demo/api/index', async (_req, res) => {
    const r = await admin('index');
    res
      .status(r.status)
      .type('json')
      .send(await r.text());
  });
  // Changes the known caller's mobile number in AFAS (the emulator sets ModifiedDate), then answers once the caller
  // index has refreshed since: the desk then rings the new number, which the index finds.
  demo.post('/demo/api/number-change', async (_req, res) => {
    emulator.clearFault();
    const next = CHANGED_NUMBERS[changed % CHANGED_NUMBERS.length];
    const id = await knownContactId();
    if (!next || id === undefined)
      return res.status(409).json({ error: { code: 'invalid_request', message: 'The known caller was not found' } });
    const at = Date.now();
    emulator.updateContact(id, { MobPrivate: next.stored });
    changed += 1;
    for (let i = 0; i < 4 * INDEX_REFRESH_SECONDS + 20; i++) {
      const status = (await (await admin('index')).json()) as { refreshedAt?: string | null; state?: string };
      if (status.state !== 'ready' || (status.refreshedAt && Date.parse(status.refreshedAt) > at)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    res.json({ phone: next.e164, stored: next.stored, waitedSeconds: Math.round((Date.now() - at) / 100) / 10 });
  });
  demo.put('/demo/api/scenario/:id', (req, res) => {
    const scenario = demoScenarios.find((s) => s.id === req.params.id);
    if (scenario?.fault) emulator.setFault(scenario.fault);
    else emulator.clearFault();
    res.status(204).end();
  });
  // The desk uses relative URLs, so `{base}` must become `{base}/`.
  demo.get('/', (req, res, next) => (req.originalUrl.split('?')[0]?.endsWith('/') ? next() : res.redirect(301, `${req.originalUrl}/`)));
  if (demoDir) demo.use(express.static(demoDir));

  try {
    service = await startService(config, { logger, extraRoutes: demo });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    console.warn(`Port ${config.port} is in use; picking a free port instead.`);
    service = await startService({ ...config, port: 0 }, { logger, extraRoutes: demo });
  }

  // Published exactly as a UCC's ListsPlugin would, through the real endpoint.
  const publish = await fetch(`${service.url}/api/v1/settings`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settingsKey}` },
    body: JSON.stringify({
      ucc: 'demo-helpdesk',
      pluginSettings: [
        { name: 'Token', value: emulator.token, scope: 'CrmService' },
        { name: 'ConnectorRestServiceBaseUrl', value: emulator.connectorBaseUrl, scope: 'CrmService' },
        { name: 'Insite', value: DEMO_INSITE, scope: 'CrmService' },
        { name: 'DefaultPhoneNumberRegion', value: 'NL', scope: 'CrmService' },
        { name: 'CacheSeconds', value: '30', scope: 'CrmService' },
        { name: 'IndexRefreshSeconds', value: String(INDEX_REFRESH_SECONDS), scope: 'CrmService' },
      ],
      pluginAttributes: [],
    }),
  });
  if (!publish.ok) throw new Error(`Publishing the demo settings failed: ${publish.status} ${await publish.text()}`);
  await Promise.all([
    knownContactId(),
    rememberDemoPick(service.url).catch((e: unknown) => {
      console.warn(`The demo's remembered pick could not be stored: ${e instanceof Error ? e.message : 'unknown error'}`);
    }),
  ]);

  console.log(`
  CRM Service for AFAS Profit — demo
    Agent desktop:   ${service.url}/
    Lookup API:      ${service.url}/api/v1/lookup?phone=%2B31612345678
    Admin page:      ${service.url}/admin/  (settings key: ${process.env.CRM_SETTINGS_KEY ? 'CRM_SETTINGS_KEY' : settingsKey})
    Widget bundle:   ${service.url}/widget/crm-caller-panel.js
    AFAS emulator:   ${emulator.connectorBaseUrl}
  To embed the page in a desk on another origin: CRM_ALLOWED_ORIGINS=https://desk.example npm start
  Press Ctrl+C to stop.
`);
  if (!demoDir) console.warn('The demo page is missing (widget/demo/index.html).');

  const running = service;
  const stop = () => {
    void Promise.all([running.close(), emulator.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
