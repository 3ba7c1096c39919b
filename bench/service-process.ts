/**
 * The server under test in its own process: the real service with silent logs and a throw-away data
 * directory. It starts unconfigured; the benchmark publishes settings pointing at its AFAS emulator.
 * With CRM_REDIS_URL in its environment it keeps its shared state there (a fleet instance).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../proxy/src/config.js';
import { createLogger } from '../proxy/src/logger.js';
import { startService } from '../proxy/src/start-service.js';
import { announce } from './child-io.js';
import { BENCH_SETTINGS_KEY } from './settings-key.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-afas-bench-'));
const config = loadConfig({
  PORT: '0',
  CRM_DATA_DIR: dataDir,
  CRM_ALLOW_HTTP_UPSTREAM: 'true',
  // The emulator and the timing pass-through listen on loopback over http.
  CRM_AFAS_HOSTS: '127.0.0.1',
  CRM_SETTINGS_KEY: BENCH_SETTINGS_KEY,
  CRM_RATE_LIMIT_PER_MINUTE: '100000000',
  LOG_LEVEL: 'silent',
  // Off unless the run asks for them: `CRM_METRICS_KEY=… CRM_AUDIT_LOG=/tmp/audit.log npm run bench` measures their cost.
  ...(process.env.CRM_METRICS_KEY ? { CRM_METRICS_KEY: process.env.CRM_METRICS_KEY } : {}),
  ...(process.env.CRM_AUDIT_LOG ? { CRM_AUDIT_LOG: process.env.CRM_AUDIT_LOG } : {}),
  ...(process.env.CRM_REDIS_URL ? { CRM_REDIS_URL: process.env.CRM_REDIS_URL } : {}),
});
const service = await startService(config, { logger: createLogger('silent') });

announce(service.url, async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});
