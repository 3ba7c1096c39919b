/** The benchmark's HTTP client side: publishing settings and timed lookups against the service. */
import http from 'node:http';
import type { RunningEmulator } from '../emulator/src/index.js';
import { BENCH_SETTINGS_KEY } from './settings-key.js';

// A plain node:http client with keep-alive: far lighter than fetch, so the client adds little to measured times.
const agent = new http.Agent({ keepAlive: true });

/** Closes the client's idle keep-alive sockets. */
export function closeClient(): void {
  agent.destroy();
}

/** GET with the time the answer's last byte was read (performance.now()). */
export function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; text: string; endedAt: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), endedAt: performance.now() }),
        );
        res.once('error', reject);
      })
      .once('error', reject);
  });
}

export interface Answer {
  httpStatus: number;
  /** matched, ambiguous, none, ... ('' when the body has none) */
  status: string;
  /** afas or cache */
  source: string;
}

function textField(text: string, key: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '';
  }
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, key) : undefined;
  return typeof value === 'string' ? value : '';
}

/** `GET {base}/api/v1/lookup?phone=` for `phone`. */
export const lookupUrl = (serviceUrl: string, phone: string): string => `${serviceUrl}/api/v1/lookup?phone=${encodeURIComponent(phone)}`;

export async function lookup(serviceUrl: string, phone: string): Promise<Answer & { text: string; endedAt: number }> {
  const res = await get(lookupUrl(serviceUrl, phone));
  return {
    httpStatus: res.status,
    status: textField(res.text, 'status'),
    source: textField(res.text, 'source'),
    text: res.text,
    endedAt: res.endedAt,
  };
}

/**
 * The CrmService setting values the bench publishes: the three required ones, CacheSeconds, and CallerIndex Off
 * unless `extra` says otherwise (sections 1–6 measure live search: with the index On, its default, it would answer
 * their uncached lookups itself and poll AFAS in the background). `extra` adds or overrides settings by name.
 */
export function settingValues(
  token: string,
  connectorBaseUrl: string,
  cacheSeconds: number,
  extra: Readonly<Record<string, string>> = {},
): { name: string; value: string }[] {
  const values: Record<string, string> = {
    Token: token,
    ConnectorRestServiceBaseUrl: connectorBaseUrl,
    Insite: 'https://12345.afasinsite.nl/',
    CacheSeconds: String(cacheSeconds),
    CallerIndex: 'Off',
    ...extra,
  };
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** Publishes the CrmService settings (settingValues) with the bench's admin key; the service reaches AFAS at `connectorBaseUrl`. */
export async function publishSettings(
  serviceUrl: string,
  emulator: RunningEmulator,
  connectorBaseUrl: string,
  cacheSeconds: number,
  extra: Readonly<Record<string, string>> = {},
): Promise<void> {
  const body = {
    ucc: 'bench',
    pluginSettings: settingValues(emulator.token, connectorBaseUrl, cacheSeconds, extra).map((s) => ({ ...s, scope: 'CrmService' })),
    pluginAttributes: [],
  };
  const res = await fetch(`${serviceUrl}/api/v1/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_SETTINGS_KEY}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`publishing settings failed: ${res.status} ${await res.text()}`);
}

/** `GET {base}/api/v1/index` (admin key): the caller index's state. */
export interface IndexStatusBody {
  state: string;
  contacts: number;
  values: number;
  builtAt: string | null;
  refreshedAt: string | null;
  refresh: string;
  refreshSeconds: number;
  progress?: { contactsRead: number; pages: number };
  lastError?: { code: string; message: string; at: string };
}

export async function indexStatus(serviceUrl: string): Promise<IndexStatusBody> {
  const res = await get(`${serviceUrl}/api/v1/index`, { authorization: `Bearer ${BENCH_SETTINGS_KEY}` });
  if (res.status !== 200) throw new Error(`GET /api/v1/index answered ${res.status}: ${res.text.slice(0, 200)}`);
  return JSON.parse(res.text) as IndexStatusBody;
}
