import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './start-service.js';
import { exitOnFatalErrors } from './fatal-errors.js';

/** The lookup API hands out personal data: production needs keys unless the operator opts out on purpose. */
function apiKeyProblem(config: Config): string | undefined {
  if (config.apiKeys.length > 0 || config.apiKeysOptOut) return undefined;
  return 'CRM_API_KEYS is not set: the lookup API would answer anyone who reaches it. Set CRM_API_KEYS=<id>:<key>,... (keys of 16+ characters), or CRM_API_KEYS=none on a closed network.';
}

/**
 * The built panel: dist/widget/ of the project folder (the nearest one up with a package.json). The same folder
 * whether this file runs as proxy/src/main.ts or compiled as dist/service/proxy/src/main.js, where app.ts's default
 * (relative to its own file) would point inside dist/service.
 */
function projectWidgetDir(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'widget');
}

/**
 * `npm run serve`: the real service as a process, run compiled (dist/service/proxy/src/main.js, built by
 * scripts/build-service.mjs). Reads the configuration, refuses to start without API keys (unless opted out), starts
 * the service (start-service.ts), exits on a fatal error and stops gracefully on SIGINT/SIGTERM. Never starts the
 * emulator.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const problem = apiKeyProblem(config);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  exitOnFatalErrors(logger);
  if (config.apiKeysOptOut) logger.warn('CRM_API_KEYS=none: the lookup API answers without a key; only for a closed network');

  const service = await startService(config, { logger, widgetDir: projectWidgetDir() });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing the requests in flight');
    void service.close().then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main();
