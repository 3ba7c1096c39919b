import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';

/** `npm run serve`: the real service. Never starts the emulator. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const service = await startService(config, { logger });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main();
