import type { Logger } from 'pino';
import type { KeyedRecords, SharedAnswer, SharedAnswers } from '../shared-store.js';
import { PREFIX, type RedisLink } from './connection.js';

/** Answers under `crm:answer:<key>` with Redis's own expiry; a read or write that fails is a miss. */
export function redisAnswers(link: RedisLink, logger: Logger): SharedAnswers {
  const redis = link.commands;
  return {
    async read<T>(key: string) {
      try {
        const text = await redis.get(`${PREFIX}answer:${key}`);
        return text === null ? undefined : (JSON.parse(text) as SharedAnswer<T>);
      } catch {
        return undefined;
      }
    },
    write(key, answer, keepMs) {
      redis
        .set(`${PREFIX}answer:${key}`, JSON.stringify(answer), 'PX', Math.max(1, Math.round(keepMs)))
        .catch(() => logger.debug('could not share an answer with the fleet'));
    },
  };
}

/** A namespace of keyed values under `crm:rec:<namespace>:`. */
export function redisRecords(link: RedisLink, namespace: string): KeyedRecords {
  const redis = link.commands;
  const keyOf = (key: string) => `${PREFIX}rec:${namespace}:${key}`;
  return {
    get: async (key) => (await redis.get(keyOf(key))) ?? undefined,
    async set(key, value, ttlMs) {
      await redis.set(keyOf(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async delete(key) {
      await redis.del(keyOf(key));
    },
  };
}
