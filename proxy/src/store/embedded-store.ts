import path from 'node:path';
import type { Logger } from 'pino';
import { lockDataDir } from '../secrets/data-dir-lock.js';
import { loadSigningKey } from '../secrets/signing-key.js';
import { openFileSettings } from '../settings/persistence.js';
import { BoundedMemoryStore } from './memory-rate-store.js';
import { memoryRecords } from './memory-records.js';
import type { SharedStore } from './shared-store.js';

/**
 * The default without CRM_REDIS_URL: settings and the signing key in files under CRM_DATA_DIR, everything else in
 * memory. One process per folder (a lock refuses a second one and points to CRM_REDIS_URL).
 */
export async function openEmbeddedStore(dataDir: string, logger: Logger): Promise<SharedStore> {
  const lock = await lockDataDir(dataDir);
  try {
    const settings = await openFileSettings(dataDir, logger);
    const signingKey = await loadSigningKey(dataDir);
    const status = { kind: 'embedded', state: 'ready', location: path.resolve(dataDir), since: new Date().toISOString() } as const;
    return {
      kind: 'embedded',
      status: () => status,
      settings,
      signingKey,
      rateLimit: new BoundedMemoryStore(),
      records: memoryRecords(),
      close: () => lock.release(),
    };
  } catch (error) {
    // A start that failed must not leave the folder locked for the next attempt.
    await lock.release();
    throw error;
  }
}
