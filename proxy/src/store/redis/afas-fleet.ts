import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { PREFIX, type RedisLink } from './connection.js';
import { luaScript } from './script.js';
import type { FleetAfas, FleetEnvironment, FleetEvent, Lease } from '../shared-store.js';

const EVENTS = `${PREFIX}afas:events`;
const RELEASED = `${PREFIX}afas:released`;
/** A waiter asks again at least this often, in case a release message was missed or a lease ran out. */
const RECHECK_MS = 100;

/**
 * Takes a slot when fewer than ARGV[1] leases are alive, on Redis's clock (instances' clocks may differ). A lease ends
 * at release, or by itself after ARGV[2] ms: an instance killed mid-request gives its slots back.
 */
const acquireLua = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  return 1
end
return 0`);

interface Message {
  env: string;
  from: string;
  event: FleetEvent;
}

function isEvent(value: unknown): value is FleetEvent {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'pause') return typeof (value as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number';
  return kind === 'resume' || kind === 'breaker-open' || kind === 'breaker-closed';
}

/**
 * AFAS environments across the fleet: a sorted set of leases per environment caps the requests in flight on all
 * instances together, and pauses and breaker changes are announced on a channel (a pause is also kept under a key
 * for as long as it lasts, so an instance that starts or reconnects during it joins in).
 */
export function redisAfasFleet(link: RedisLink, logger: Logger): FleetAfas {
  const redis = link.commands;
  const me = link.instanceId;
  const environments = new Map<string, { fleet: FleetEnvironment; listeners: Set<(e: FleetEvent) => void>; wakers: Set<() => void> }>();

  void link.events.subscribe(EVENTS, RELEASED).catch(() => logger.warn('could not subscribe to AFAS announcements; retrying on reconnect'));
  link.events.on('message', (channel: string, text: string) => {
    if (channel === RELEASED) {
      const env = environments.get(text);
      if (env) for (const wake of env.wakers) wake();
      return;
    }
    if (channel !== EVENTS) return;
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    const env = environments.get(message.env);
    if (!env || message.from === me || !isEvent(message.event)) return;
    for (const listener of env.listeners) listener(message.event);
  });

  const pauseKey = (id: string) => `${PREFIX}afas:${id}:pause`;

  /** A pause another instance started, applied by one that starts or reconnects while it lasts. */
  async function pauseInForce(id: string, listeners: Set<(e: FleetEvent) => void>): Promise<void> {
    const left = await redis.pttl(pauseKey(id)).catch(() => -2);
    if (left > 0) for (const listener of listeners) listener({ kind: 'pause', retryAfterSeconds: Math.ceil(left / 1000) });
  }

  function create(id: string): FleetEnvironment {
    const slots = `${PREFIX}afas:${id}:slots`;
    const listeners = new Set<(e: FleetEvent) => void>();
    const wakers = new Set<() => void>();
    link.onReconnect(() => void pauseInForce(id, listeners));

    function waitForRelease(ms: number, signal: AbortSignal): Promise<void> {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          wakers.delete(done);
          signal.removeEventListener('abort', aborted);
          resolve();
        };
        const aborted = () => {
          done();
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- like fetch, an abort rejects with the signal's own reason
          reject(signal.reason);
        };
        const timer = setTimeout(done, ms);
        wakers.add(done);
        signal.addEventListener('abort', aborted, { once: true });
      });
    }

    const fleet: FleetEnvironment = {
      async acquire(limit, leaseMs, until, signal) {
        const leaseId = `${me}:${randomBytes(6).toString('hex')}`;
        for (;;) {
          signal.throwIfAborted();
          let granted: unknown;
          try {
            granted = await acquireLua(redis, [slots], [limit, leaseMs, leaseId]);
          } catch {
            return undefined;
          }
          if (granted === 1) {
            let released = false;
            const lease: Lease = {
              release() {
                if (released) return;
                released = true;
                // After the answer that waited for this request is on its way; a failure leaves the lease to end by itself.
                setImmediate(
                  () =>
                    void redis
                      .multi()
                      .zrem(slots, leaseId)
                      .publish(RELEASED, id)
                      .exec()
                      .catch(() => undefined),
                );
              },
            };
            return lease;
          }
          const left = until - Date.now();
          if (left <= 0) return 'full';
          await waitForRelease(Math.min(left, RECHECK_MS), signal);
        }
      },
      announce(event) {
        const message = JSON.stringify({ env: id, from: me, event } satisfies Message);
        const steps = redis.multi();
        if (event.kind === 'pause') steps.set(pauseKey(id), '1', 'PX', Math.max(1, event.retryAfterSeconds * 1000));
        if (event.kind === 'resume') steps.del(pauseKey(id));
        steps
          .publish(EVENTS, message)
          .exec()
          .catch(() => logger.debug({ event: event.kind }, 'could not announce an AFAS state change to the fleet'));
      },
      onEvent(listener) {
        listeners.add(listener);
        void pauseInForce(id, new Set([listener]));
      },
    };
    environments.set(id, { fleet, listeners, wakers });
    return fleet;
  }

  return {
    environment(restRoot) {
      // Hashed: keys stay short and name no host.
      const id = createHash('sha256').update(restRoot.toLowerCase()).digest('base64url').slice(0, 16);
      return environments.get(id)?.fleet ?? create(id);
    },
  };
}
