import type { ClientRateLimitInfo, Store } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';

/** The rate limit's window: lookups are counted per minute. */
export const WINDOW_MS = 60_000;

/** The `Retry-After` of a client over its allowance: the seconds until its window resets (a whole window if unknown), at least 1. */
export const retryAfterSeconds = (resetTime: Date | undefined): number =>
  Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
/** Clients tracked at once; past this the least recently seen is forgotten, so memory stays bounded under a flood. */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * express-rate-limit's store contract on a bounded LRU (the built-in MemoryStore keeps every key of a window, so a
 * flood of distinct addresses grows it without limit). Any other store of that contract (Redis) fits too.
 */
export class BoundedMemoryStore implements Store {
  private readonly hits = new LRUCache<string, ClientRateLimitInfo>({ max: MAX_TRACKED_CLIENTS, ttl: WINDOW_MS });
  readonly localKeys = true;

  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    const known = this.hits.get(key);
    const info = known?.resetTime && known.resetTime.getTime() > now ? known : { totalHits: 0, resetTime: new Date(now + WINDOW_MS) };
    info.totalHits += 1;
    this.hits.set(key, info, { ttl: Math.max(1, (info.resetTime?.getTime() ?? now) - now) });
    return { totalHits: info.totalHits, resetTime: info.resetTime };
  }

  decrement(key: string): void {
    const info = this.hits.get(key, { updateAgeOnGet: false });
    if (info && info.totalHits > 0) info.totalHits -= 1;
  }

  resetKey(key: string): void {
    this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }
}
