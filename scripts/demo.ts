// `npm start`: the whole product on one machine with no AFAS account — the AFAS emulator, the service (which
// receives its settings through the real settings endpoint, as from a UCC) and the demo agent desktop.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express, { Router } from 'express';
import { demoScenarios, startEmulator } from '../emulator/src/index.js';
import { loadConfig } from '../proxy/src/config.js';
import { createLogger } from '../proxy/src/logger.js';
import { startService, type RunningService } from '../proxy/src/start-service.js';

const DEMO_INSITE = 'https://12345.afasinsite.nl/';
const root = path.resolve(import.meta.dirname, '..');
const demoDir = [path.join(root, 'dist/demo'), path.join(root, 'widget/demo')].find((d) => existsSync(path.join(d, 'index.html')));

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true });
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
  demo.get('/demo/api/scenarios', (_req, res) => {
    res.json({
      scenarios: demoScenarios.map((s) => ({ id: s.id, label: s.label, phone: s.phone, email: s.email, hasFault: s.fault !== undefined })),
      insiteBase: DEMO_INSITE,
      emulatedInsite: emulator.insiteUrl,
    });
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

  let service: RunningService;
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
      ],
      pluginAttributes: [],
    }),
  });
  if (!publish.ok) throw new Error(`Publishing the demo settings failed: ${publish.status} ${await publish.text()}`);

  console.log(`
  CRM Service for AFAS Profit — demo
    Agent desktop:   ${service.url}/
    Lookup API:      ${service.url}/api/v1/lookup?phone=%2B31612345678
    Widget bundle:   ${service.url}/widget/crm-caller-panel.js
    AFAS emulator:   ${emulator.connectorBaseUrl}
  Press Ctrl+C to stop.
`);
  if (!demoDir) console.warn('The demo page is missing (widget/demo/index.html).');

  const stop = () => {
    void Promise.all([service.close(), emulator.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
