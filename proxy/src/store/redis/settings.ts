import type { Logger } from 'pino';
import { AppError } from '../../errors.js';
import { notPublished, primaryRefused, type LoadedSettings, type SettingsPersistence } from '../../settings/persistence.js';
import { publishText, readPublishText, type StoredPublish } from '../../settings/settings-files.js';
import { uccKey } from '../../settings/ucc-name.js';
import { PREFIX, type RedisLink } from './connection.js';
import { luaScript } from './script.js';

const PUBLISHES = `${PREFIX}settings:publishes`;
const PRIMARY = `${PREFIX}settings:primary`;
/** Announces every change (the message is the writing instance's id). */
const SETTINGS_CHANNEL = `${PREFIX}settings:changed`;

/** The primary as stored: its key too, so the scripts can compare without lower-casing in Lua. */
const primaryText = (ucc: string): string => JSON.stringify({ format: 1, ucc, key: uccKey(ucc), since: new Date().toISOString() });

function readPrimary(text: string | null): string | undefined {
  if (text === null) return undefined;
  try {
    const parsed = JSON.parse(text) as { ucc?: unknown };
    return typeof parsed.ucc === 'string' ? parsed.ucc : undefined;
  } catch {
    return undefined;
  }
}

// KEYS: publishes, primary. The publish and the election are one step: two UCCs publishing to two instances at the
// same moment get one primary.
const savePublishLua = luaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'NX')
redis.call('PUBLISH', ARGV[4], ARGV[5])
return redis.call('GET', KEYS[2])`);

const savePrimaryLua = luaScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`);

const deletePublishLua = luaScript(`
local primary = redis.call('GET', KEYS[2])
if primary and cjson.decode(primary).key == ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`);

// ARGV: primary text ('' for none), channel, instance id, then key/text pairs.
const importLua = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if ARGV[1] ~= '' then redis.call('SET', KEYS[2], ARGV[1]) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`);

/** Any failure to reach Redis, as the settings endpoint answers it: nothing was changed. */
function storeUnavailable(cause: unknown): AppError {
  return new AppError(
    'store_unavailable',
    'The shared settings store (Redis) cannot be reached, so nothing was changed on any instance. Try again when it is back.',
    { cause },
  );
}

async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/**
 * Publications in a Redis hash (one field per UCC) and the primary in a key of its own, each change one Lua script
 * that also announces it on SETTINGS_CHANNEL; every instance reads the settings again on an announcement and after
 * a reconnect, so it applies a publish made anywhere within a moment and catches up on what it missed.
 */
export function redisSettings(link: RedisLink, logger: Logger): SettingsPersistence {
  const redis = link.commands;
  const me = link.instanceId;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  void link.events.subscribe(SETTINGS_CHANNEL).catch(() => logger.warn('could not subscribe to settings changes; retrying on reconnect'));
  link.events.on('message', (channel: string, from: string) => {
    if (channel === SETTINGS_CHANNEL && from !== me) notify();
  });
  link.onReconnect(notify);

  return {
    async load(): Promise<LoadedSettings> {
      const [publishes, primary] = await storing(() => Promise.all([redis.hgetall(PUBLISHES), redis.get(PRIMARY)]));
      const read: StoredPublish[] = [];
      for (const [field, text] of Object.entries(publishes)) {
        const p = readPublishText(text);
        // Never log the text: it holds the token.
        if (p === undefined || uccKey(p.ucc) !== field)
          logger.error({ field }, 'a stored UCC publication in Redis is unreadable; ignoring it');
        else read.push(p);
      }
      return { primary: readPrimary(primary), publishes: read };
    },
    async savePublish(p) {
      const primary = await storing(() =>
        savePublishLua(redis, [PUBLISHES, PRIMARY], [uccKey(p.ucc), publishText(p), primaryText(p.ucc), SETTINGS_CHANNEL, me]),
      );
      return readPrimary(primary as string | null) ?? p.ucc;
    },
    async savePrimary(ucc) {
      const done = await storing(() => savePrimaryLua(redis, [PUBLISHES, PRIMARY], [uccKey(ucc), primaryText(ucc), SETTINGS_CHANNEL, me]));
      if (done !== 1) throw notPublished(ucc);
    },
    async deletePublish(ucc) {
      const done = await storing(() => deletePublishLua(redis, [PUBLISHES, PRIMARY], [uccKey(ucc), SETTINGS_CHANNEL, me]));
      if (done !== 1) throw primaryRefused(ucc);
    },
    async importIfEmpty(settings) {
      const pairs = settings.publishes.flatMap((p) => [uccKey(p.ucc), publishText(p)]);
      const primary = settings.primary === undefined ? '' : primaryText(settings.primary);
      return (await storing(() => importLua(redis, [PUBLISHES, PRIMARY], [primary, SETTINGS_CHANNEL, me, ...pairs]))) === 1;
    },
    onRemoteChange: (listener) => listeners.add(listener),
  };
}
