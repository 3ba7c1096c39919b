import { createHash } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const origin = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'each origin must look like https://host[:port] (scheme, host, optional port, nothing else)');

/** A host name, an IP literal, or `*.example.nl` (any sub-domain); compared lower-case. */
const hostPattern = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine(
    (v) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(v) || /^\[[0-9a-f:.]+\]$/.test(v),
    'each entry must be a host name, an IP address or *.domain (no scheme, port or path)',
  );

const secret = (what: string) =>
  z.string().min(16, `${what} must be at least 16 characters`).max(256, `${what} must be at most 256 characters`);

/** `id:key` or a bare key; a bare key gets an id derived from its hash, so logs never show the key. */
const apiKeyEntry = z.string().transform((v, ctx) => {
  const colon = v.indexOf(':');
  const id = colon > 0 ? v.slice(0, colon) : `key-${createHash('sha256').update(v).digest('hex').slice(0, 8)}`;
  const key = colon > 0 ? v.slice(colon + 1) : v;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id))
    ctx.addIssue({ code: 'custom', message: 'a key id (before ":") may hold only letters, digits, ".", "_" and "-"' });
  const checked = secret('each key').safeParse(key);
  if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'invalid key' });
  return { id, key };
});

/** `ucc=key` pairs: a key that may publish only as that UCC. */
const uccKeyEntry = z.string().transform((v, ctx) => {
  const eq = v.indexOf('=');
  const ucc = v.slice(0, Math.max(0, eq)).trim();
  const key = v.slice(eq + 1).trim();
  if (eq <= 0 || ucc === '') ctx.addIssue({ code: 'custom', message: 'each entry must be <ucc>=<key>' });
  const checked = secret('each key').safeParse(key);
  if (!checked.success) ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'invalid key' });
  return { ucc, key };
});

/** Express's trust-proxy setting: true/false, a hop count, or addresses/subnets (`loopback, 10.0.0.0/8`). */
const trustProxy = z
  .string()
  .default('false')
  .transform((v): boolean | number | string => {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false' || t === '') return false;
    if (/^\d+$/.test(t)) return Number(t);
    return v.trim();
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_PATH: z
    .string()
    .default('/CrmServiceAfasProfit')
    .refine(
      (v) => v === '' || /^\/[A-Za-z0-9._~\-/]*[^/]$/.test(v),
      'must start with "/", not end with "/", and hold only URL path characters',
    )
    .transform((v) => v),
  CRM_DATA_DIR: z.string().min(1).default('./data'),
  CRM_SETTINGS_KEY: secret('the key').optional(),
  CRM_SETTINGS_KEYS: list.pipe(z.array(uccKeyEntry)),
  CRM_API_KEYS: z.string().default(''),
  CRM_TRUST_PROXY: trustProxy,
  CRM_AFAS_HOSTS: list.pipe(z.array(hostPattern)),
  CRM_INSITE_HOSTS: list.pipe(z.array(hostPattern)),
  CRM_AFAS_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  CRM_AFAS_MAX_PAUSE_S: z.coerce.number().int().min(1).max(86_400).default(300),
  CRM_ALLOWED_ORIGINS: list.pipe(z.array(origin)),
  CRM_AFAS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  CRM_ALLOW_HTTP_UPSTREAM: bool,
  CRM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  AFAS_TOKEN: z.string().min(1).optional(),
  AFAS_CONNECTOR_BASE_URL: z.string().url().optional(),
  AFAS_INSITE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRM_METRICS_KEY: secret('the key').optional(),
  CRM_AUDIT_LOG: z.string().min(1).optional(),
  CRM_REDIS_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '' && /^(\/\d{0,2})?$/.test(u.pathname);
      } catch {
        return false;
      }
    }, 'must look like redis://[user:password@]host[:port][/db] or rediss://… (TLS)')
    .optional(),
});

export interface ApiKey {
  /** Named in logs and metrics instead of the key. */
  id: string;
  key: string;
}

export interface Config {
  port: number;
  host: string;
  basePath: string;
  dataDir: string;
  /** The admin key of the settings endpoint (may do everything); without it the endpoint answers 403. */
  settingsKey?: string;
  /** Keys that may publish only as their own UCC. */
  uccSettingsKeys: { ucc: string; key: string }[];
  /** Empty: the lookup API needs no key (tests, the demo, or `CRM_API_KEYS=none`). */
  apiKeys: ApiKey[];
  /** `CRM_API_KEYS=none`: the operator opted out of API keys on purpose. */
  apiKeysOptOut: boolean;
  /** Express trust proxy: how the client address is read for rate limits without API keys. */
  trustProxy: boolean | number | string;
  /** Extra allowed AFAS REST hosts (on-premises), beside `<digits>.rest[test|accept].afas.online`. */
  afasHosts: string[];
  /** Extra allowed InSite hosts, beside `<digits>.afasinsite.nl`. */
  insiteHosts: string[];
  allowedOrigins: string[];
  afasTimeoutMs: number;
  /** AFAS calls in flight per AFAS environment. */
  afasMaxConcurrency: number;
  /** Longest a `retry_after` from AFAS is honoured without a probe ending it. */
  afasMaxPauseSeconds: number;
  allowHttpUpstream: boolean;
  rateLimitPerMinute: number;
  seed: { token?: string; connectorBaseUrl?: string; insite?: string };
  logLevel: string;
  /** Bearer key of `GET {base}/metrics`; unset: the endpoint is off. */
  metricsKey?: string;
  /** Where the audit trail goes: a file path, or `stdout`; unset: no audit trail. */
  auditLog?: string;
  /** Shared state for a fleet; unset: the embedded store in `dataDir` (one instance). Holds a password: never log it. */
  redisUrl?: string;
}

/** Parses the process environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const apiKeysText = e.CRM_API_KEYS.trim();
  const apiKeysOptOut = apiKeysText.toLowerCase() === 'none';
  const keyEntries = apiKeysOptOut
    ? []
    : apiKeysText
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '');
  const keys = z.array(apiKeyEntry).safeParse(keyEntries);
  if (!keys.success) throw new Error(`Invalid configuration:\n  CRM_API_KEYS: ${keys.error.issues[0]?.message ?? 'invalid'}`);
  const ids = keys.data.map((k) => k.id);
  if (new Set(ids).size !== ids.length) throw new Error('Invalid configuration:\n  CRM_API_KEYS: two keys have the same id');
  return {
    port: e.PORT,
    host: e.HOST,
    basePath: e.BASE_PATH,
    dataDir: e.CRM_DATA_DIR,
    settingsKey: e.CRM_SETTINGS_KEY,
    uccSettingsKeys: e.CRM_SETTINGS_KEYS,
    apiKeys: keys.data,
    apiKeysOptOut,
    trustProxy: e.CRM_TRUST_PROXY,
    afasHosts: e.CRM_AFAS_HOSTS,
    insiteHosts: e.CRM_INSITE_HOSTS,
    allowedOrigins: e.CRM_ALLOWED_ORIGINS.map((o) => o.replace(/\/$/, '')),
    afasTimeoutMs: e.CRM_AFAS_TIMEOUT_MS,
    afasMaxConcurrency: e.CRM_AFAS_MAX_CONCURRENCY,
    afasMaxPauseSeconds: e.CRM_AFAS_MAX_PAUSE_S,
    allowHttpUpstream: e.CRM_ALLOW_HTTP_UPSTREAM,
    rateLimitPerMinute: e.CRM_RATE_LIMIT_PER_MINUTE,
    seed: { token: e.AFAS_TOKEN, connectorBaseUrl: e.AFAS_CONNECTOR_BASE_URL, insite: e.AFAS_INSITE_URL },
    logLevel: e.LOG_LEVEL,
    metricsKey: e.CRM_METRICS_KEY,
    auditLog: e.CRM_AUDIT_LOG,
    redisUrl: e.CRM_REDIS_URL,
  };
}
