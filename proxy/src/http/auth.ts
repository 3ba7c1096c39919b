import type { RequestHandler, Response } from 'express';
import type { ApiKey } from '../config.js';
import { AppError } from '../errors.js';
import { bearerOf, findBySecret } from './secrets.js';

/** The key id of an authenticated lookup client (for logs and rate limits), unset without API keys. */
export const apiKeyIdOf = (res: Response): string | undefined => res.locals.apiKeyId as string | undefined;

/**
 * Lookup API: a bearer key from CRM_API_KEYS when any are configured. Rejected credentials leave no state behind
 * (the rate limiter runs after this), and bearers over the length limit are refused before any hashing.
 */
export function requireApiKey(keys: readonly ApiKey[]): RequestHandler {
  return (req, res, next) => {
    const presented = bearerOf(req);
    if (keys.length === 0 && presented !== null) return next();
    const found = presented ? findBySecret(presented, keys, (k) => k.key) : undefined;
    if (found) {
      res.locals.apiKeyId = found.id;
      return next();
    }
    res.set('WWW-Authenticate', 'Bearer realm="crm-afas"');
    next(
      new AppError(
        'unauthorized',
        presented === null
          ? 'The API key is too long'
          : presented
            ? 'The API key is not valid'
            : 'An API key is required: send Authorization: Bearer <key>',
      ),
    );
  };
}
