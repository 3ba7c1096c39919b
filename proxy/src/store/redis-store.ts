import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Options } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { readSigningKey } from '../secrets/signing-key.js';
import { openFileSettings, type SettingsPersistence } from '../settings/persistence.js';
import { FallbackRateStore } from './fallback-rate-store.js';
import { BoundedMemoryStore, WINDOW_MS } from './memory-rate-store.js';
import { redisAfasFleet } from './redis/afas-fleet.js';
import { redisAnswers, redisRecords } from './redis/answers.js';
import { connectRedis, PREFIX } from './redis/connection.js';
import { redisIndexStore } from './redis/index-store.js';
import { redisSettings } from './redis/settings.js';
import { sharedSigningKey } from './redis/signing-key.js';
import type { SharedStore } from './shared-store.js';

/**
 * The first start on Redis of an instance that ran on a folder before: its publications and primary move into Redis,
 * once (when Redis holds no settings yet); the files stay as they are but are no longer read.
 */
async function importFolder(dataDir: string, settings: SettingsPersistence, logger: Logger): Promise<void> {
  const folder = path.resolve(dataDir, 'settings');
  if (
    !(await access(folder).then(
      () => true,
      () => false,
    ))
  )
    return;
  const loaded = await (await openFileSettings(dataDir, logger)).load();
  if (loaded.publishes.length === 0) return;
  if (await settings.importIfEmpty(loaded)) {
    logger.warn(
      { uccs: loaded.publishes.map((p) => p.ucc), primaryUcc: loaded.primary, folder },
      'imported the settings stored in CRM_DATA_DIR into Redis (once); the files are no longer used',
    );
  } else {
    logger.info({ folder }, 'Redis already holds settings: the ones in CRM_DATA_DIR were not imported');
  }
}

/** Shared state on Redis (CRM_REDIS_URL): what several instances behind one load balancer need to act as one. */
export async function openRedisStore(url: string, dataDir: string, logger: Logger): Promise<SharedStore> {
  const link = await connectRedis(url, logger);
  try {
    const settings = redisSettings(link, logger);
    await importFolder(dataDir, settings, logger);
    const signingKey = await sharedSigningKey(link, await readSigningKey(dataDir));
    const redisCounters = new RedisStore({
      sendCommand: (...args: string[]) => link.commands.call(args[0] ?? '', ...args.slice(1)) as Promise<RedisReply>,
      prefix: `${PREFIX}rl:`,
    });
    const rateLimit = new FallbackRateStore(redisCounters, new BoundedMemoryStore(), logger);
    const limits = { windowMs: WINDOW_MS } as Options;
    await rateLimit.init(limits);
    // A Redis that restarted has forgotten the counting scripts; a failed reload would otherwise stick.
    link.onReconnect(() => void redisCounters.init(limits).catch(() => undefined));
    return {
      kind: 'redis',
      status: () => ({ kind: 'redis', location: link.location, ...link.status() }),
      settings,
      signingKey,
      rateLimit,
      answers: redisAnswers(link, logger),
      afas: redisAfasFleet(link, logger),
      records: (namespace) => redisRecords(link, namespace),
      callerIndex: (signature) => redisIndexStore(link, signature, logger),
      close: () => link.close(),
    };
  } catch (error) {
    await link.close();
    throw error;
  }
}
