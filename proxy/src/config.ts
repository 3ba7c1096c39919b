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

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_PATH: z
    .string()
    .default('/CrmServiceAfasProfit')
    .refine((v) => v === '' || /^\/[A-Za-z0-9._~\-/]*[^/]$/.test(v), 'must start with "/", not end with "/", and hold only URL path characters')
    .transform((v) => v),
  CRM_DATA_DIR: z.string().min(1).default('./data'),
  CRM_SETTINGS_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CRM_API_KEYS: list.pipe(z.array(z.string().min(16, 'each key must be at least 16 characters'))),
  CRM_ALLOWED_ORIGINS: list.pipe(z.array(origin)),
  CRM_AFAS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  CRM_ALLOW_HTTP_UPSTREAM: bool,
  CRM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  AFAS_TOKEN: z.string().min(1).optional(),
  AFAS_CONNECTOR_BASE_URL: z.string().url().optional(),
  AFAS_INSITE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  basePath: string;
  dataDir: string;
  settingsKey?: string;
  apiKeys: string[];
  allowedOrigins: string[];
  afasTimeoutMs: number;
  allowHttpUpstream: boolean;
  rateLimitPerMinute: number;
  seed: { token?: string; connectorBaseUrl?: string; insite?: string };
  logLevel: string;
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
  return {
    port: e.PORT,
    host: e.HOST,
    basePath: e.BASE_PATH,
    dataDir: e.CRM_DATA_DIR,
    settingsKey: e.CRM_SETTINGS_KEY,
    apiKeys: e.CRM_API_KEYS,
    allowedOrigins: e.CRM_ALLOWED_ORIGINS.map((o) => o.replace(/\/$/, '')),
    afasTimeoutMs: e.CRM_AFAS_TIMEOUT_MS,
    allowHttpUpstream: e.CRM_ALLOW_HTTP_UPSTREAM,
    rateLimitPerMinute: e.CRM_RATE_LIMIT_PER_MINUTE,
    seed: { token: e.AFAS_TOKEN, connectorBaseUrl: e.AFAS_CONNECTOR_BASE_URL, insite: e.AFAS_INSITE_URL },
    logLevel: e.LOG_LEVEL,
  };
}
