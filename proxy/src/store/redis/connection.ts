import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { StoreStatus } from '../shared-store.js';

/** How long start-up waits for Redis before giving up (the orchestrator restarts the process). */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * A command that gets no answer in this time fails, so a hung Redis costs a lookup at most this much (it then goes on
 * without the store). Loopback or same-zone Redis answers in well under a millisecond.
 */
const COMMAND_TIMEOUT_MS = 500;

/** Every key and channel of this service starts with this, so one Redis database can hold other things too. */
export const PREFIX = 'crm:';

/** The URL as operators may see it: scheme, host, port and database, never the user or password. */
function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname && u.pathname !== '/' ? u.pathname : '/0'}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}

/** A Redis error as it may be logged: ioredis messages name host and port at most, never the password. */
const redisErrorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/** Reconnects for ever, quickly at first, then every 2 s. */
const retryStrategy = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2000);

/**
 * The two connections of an instance: `commands` (no offline queue, so that while Redis is away a command fails at
 * once and the caller goes on without the store, instead of waiting for a reconnect) and `events` (pub/sub, which
 * needs a connection of its own; resubscribes by itself after a reconnect).
 */
export interface RedisLink {
  readonly commands: Redis;
  readonly events: Redis;
  /** Random per process: lets an instance ignore its own announcements. */
  readonly instanceId: string;
  readonly location: string;
  status(): Pick<StoreStatus, 'state' | 'since' | 'lastError'>;
  /** Called after each reconnect of either connection (not the first connect): changes may have been missed. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

function waitReady(client: Redis, what: string, location: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError = '';
    const onError = (error: unknown) => (lastError = redisErrorText(error));
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      client.off('error', onError);
      reject(
        new Error(
          `CRM_REDIS_URL: Redis at ${location} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s (${what}${lastError ? `: ${lastError}` : ''})`,
        ),
      );
    }, CONNECT_TIMEOUT_MS);
    const onReady = () => {
      clearTimeout(timer);
      client.off('error', onError);
      resolve();
    };
    client.once('ready', onReady);
    client.on('error', onError);
  });
}

/** Connects both connections; rejects (naming CRM_REDIS_URL, never the password) when Redis does not answer at start. */
export async function connectRedis(url: string, logger: Logger): Promise<RedisLink> {
  const location = describeRedisUrl(url);
  const common: RedisOptions = { lazyConnect: true, retryStrategy, connectionName: 'crm-service-afas', maxRetriesPerRequest: 1 };
  const commands = new Redis(url, { ...common, enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS, enableAutoPipelining: true });
  const events = new Redis(url, { ...common, autoResubscribe: true });
  const log = logger.child({ component: 'store', redis: location });

  let state: StoreStatus['state'] = 'ready';
  let since = new Date().toISOString();
  let lastError: string | undefined;
  const listeners = new Set<() => void>();
  let started = false;
  let closing = false;

  const update = () => {
    if (!started) return;
    const next = commands.status === 'ready' && events.status === 'ready' ? 'ready' : 'unavailable';
    if (next === state) return;
    state = next;
    since = new Date().toISOString();
    if (next === 'ready') {
      log.info('Redis reachable again: catching up on changes');
      for (const listener of listeners) listener();
    } else if (!closing) {
      log.warn({ error: lastError }, 'Redis unreachable: lookups go on with what this instance holds; settings changes are refused');
    }
  };

  const ready = Promise.all([waitReady(commands, 'commands', location), waitReady(events, 'events', location)]);
  for (const client of [commands, events]) {
    client.on('error', (error: unknown) => (lastError = redisErrorText(error)));
    client.on('ready', update);
    client.on('close', update);
    client.on('end', update);
  }
  // connect() rejects at the first refusal; `ready` waits through the retries for a Redis that is still starting.
  commands.connect().catch(() => undefined);
  events.connect().catch(() => undefined);
  try {
    await ready;
  } catch (error) {
    commands.disconnect();
    events.disconnect();
    throw error instanceof Error && error.message.startsWith('CRM_REDIS_URL')
      ? error
      : new Error(`CRM_REDIS_URL: ${redisErrorText(error)}`);
  }
  // Both connected: from here on, changes of state are reported.
  started = true;
  state = 'ready';
  since = new Date().toISOString();
  lastError = undefined;
  log.info('connected to Redis: state is shared with the other instances');

  return {
    commands,
    events,
    instanceId: randomBytes(8).toString('hex'),
    location,
    status: () => (state === 'ready' ? { state, since } : { state, since, lastError }),
    onReconnect: (listener) => listeners.add(listener),
    async close() {
      closing = true;
      await Promise.allSettled([commands.quit(), events.quit()]);
    },
  };
}
