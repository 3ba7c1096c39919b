import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/src/index.js';
import { loadConfig } from '../../../proxy/src/config.js';
import { createLogger } from '../../../proxy/src/logger.js';
import { startService, type RunningService } from '../../../proxy/src/start-service.js';

export const INSITE = 'https://12345.afasinsite.nl/';
/** The admin settings key every test stack runs with (the settings endpoint is closed without one). */
export const SETTINGS_KEY = 'test-settings-admin-key-0123456789';
export const adminAuth = { authorization: `Bearer ${SETTINGS_KEY}` };

/** A request with its answer read: status, headers, the text, and the text as JSON (undefined when it is not JSON). */
export async function fetchJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Everything the service wrote to its log, for "no token, no phone number" checks. */
export class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface Stack {
  emulator: RunningEmulator;
  service: RunningService;
  log: LogCapture;
  dataDir: string;
  /** GET under the base path; returns status, headers and parsed JSON (or text). */
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  /** PUT /api/v1/settings with the admin key unless `headers` carries another authorization. */
  publish(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export function settingsBody(
  emulator: RunningEmulator,
  ucc = 'helpdesk',
  extra: { name: string; value: string }[] = [],
  attributes: unknown[] = [],
) {
  return {
    ucc,
    pluginSettings: [
      { name: 'Token', value: emulator.token, scope: 'CrmService' },
      { name: 'ConnectorRestServiceBaseUrl', value: emulator.connectorBaseUrl, scope: 'CrmService' },
      { name: 'Insite', value: INSITE, scope: 'CrmService' },
      ...extra.map((e) => ({ ...e, scope: 'CrmService' })),
      // Off unless a test turns it on: its background reads would add to the AFAS requests other tests count.
      ...(extra.some((e) => e.name === 'CallerIndex') ? [] : [{ name: 'CallerIndex', value: 'Off', scope: 'CrmService' }]),
    ],
    pluginAttributes: attributes,
  };
}

/** The real emulator and the real service over loopback HTTP, with a fresh data directory. */
export interface StackOptions {
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  publish?: boolean;
  settings?: { name: string; value: string }[];
  attributes?: unknown[];
  /** The lookup service's clock (see support/clock.ts), so a test can age cached answers without sleeping. */
  now?: () => number;
}

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator({ quiet: true, ...o.emulator });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-test-'));
  const log = new LogCapture();
  let env: Record<string, string> = {
    PORT: '0',
    CRM_DATA_DIR: dataDir,
    CRM_ALLOW_HTTP_UPSTREAM: 'true',
    CRM_AFAS_HOSTS: '127.0.0.1',
    CRM_SETTINGS_KEY: SETTINGS_KEY,
    CRM_AFAS_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'debug',
    ...o.env,
  };
  const boot = async () => {
    const config = loadConfig(env);
    return startService(config, { logger: createLogger(config.logLevel, log), now: o.now });
  };
  let service = await boot();
  const stack: Stack = {
    emulator,
    get service() {
      return service;
    },
    log,
    dataDir,
    get: (p, headers = {}) => fetchJson(`${service.url}${p}`, { headers }),
    publish: (body, headers = {}) =>
      fetchJson(`${service.url}/api/v1/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...adminAuth, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async restart(extraEnv = {}) {
      await service.close();
      env = { ...env, ...extraEnv };
      service = await boot();
    },
    async close() {
      await service.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (o.publish !== false) {
    const r = await stack.publish(settingsBody(emulator, 'helpdesk', o.settings, o.attributes));
    if (r.status !== 200) throw new Error(`publish failed: ${r.status} ${r.text}`);
  }
  return stack;
}
