import type { RequestHandler, Response } from 'express';
import type { ClientRateLimitInfo, Store } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import { apiKeyIdOf } from './auth.js';
import type { Admit } from '../services/lookup-service.js';

const WINDOW_MS = 60_000;
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

/** The lookup service's `admit` check for this request: it rejects with `rate_limited` past the allowance. */
export const admitToAfasOf = (res: Response): Admit | undefined => res.locals.admitToAfas as Admit | undefined;

/**
 * AFAS lookups per minute per API key id, or per client address without keys (read through Express's trust proxy).
 * Mounted after authentication, so rejected credentials never create limiter state. It rejects nothing itself: it
 * hands the route an `admitToAfas` check that the lookup service calls only when an answer needs AFAS, so cached
 * answers, withheld numbers and invalid input are never counted nor refused (nor is their client address read).
 */
export function lookupRateLimit(limitPerMinute: number, store: Store = new BoundedMemoryStore()): RequestHandler {
  return (req, res, next) => {
    res.locals.admitToAfas = (async () => {
      const id = apiKeyIdOf(res);
      const key = id !== undefined ? `key:${id}` : `ip:${req.ip ?? 'unknown'}`;
      const { totalHits, resetTime } = await store.increment(key);
      if (totalHits <= limitPerMinute) return;
      await store.decrement(key);
      const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      throw new AppError('rate_limited', 'Too many lookups from this client; wait a moment', { retryAfterSeconds });
    }) satisfies Admit;
    next();
  };
}
