import type { Logger } from 'pino';
import { openEmbeddedStore } from './embedded-store.js';
import { openRedisStore } from './redis-store.js';
import type { SharedStore } from './shared-store.js';

/** Redis when CRM_REDIS_URL is set, else the embedded store in CRM_DATA_DIR. */
export function openStore(o: { redisUrl?: string; dataDir: string }, logger: Logger): Promise<SharedStore> {
  return o.redisUrl === undefined ? openEmbeddedStore(o.dataDir, logger) : openRedisStore(o.redisUrl, o.dataDir, logger);
}
