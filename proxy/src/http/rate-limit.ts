import type { RequestHandler, Response } from 'express';
import type { Store } from 'express-rate-limit';
import { AppError } from '../errors.js';
import { apiKeyIdOf } from './auth.js';
import type { Admit } from '../services/lookup-service.js';
import { BoundedMemoryStore, retryAfterSeconds } from '../store/memory-rate-store.js';

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
      if (totalHits <= limitPerMinute) return () => void Promise.resolve(store.decrement(key)).catch(() => undefined);
      await store.decrement(key);
      throw new AppError('rate_limited', 'Too many lookups from this client; wait a moment', {
        retryAfterSeconds: retryAfterSeconds(resetTime),
      });
    }) satisfies Admit;
    next();
  };
}
