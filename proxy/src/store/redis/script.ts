import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type ScriptArg = string | number;

/**
 * A Lua script run atomically by Redis: EVALSHA, and EVAL when Redis does not know it yet (after a restart).
 * ioredis's defineCommand does the same but adds an untyped method to the client.
 */
export function luaScript(lua: string): (redis: Redis, keys: string[], args: ScriptArg[]) => Promise<unknown> {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
