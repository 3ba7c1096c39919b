import type { Request, RequestHandler } from 'express';
import { originOf, type RefusedOriginsLog } from '../metrics/refused-origins.js';

/** The service's own origin as this request reached it: same-origin requests (the embeddable page's) need no CORS. */
const ownOrigin = (req: Request): string => `${req.protocol}://${req.host}`;

/**
 * Notes requests whose Origin CORS does not allow (the browser then hides the answer from the page, and says so only
 * in its own console), so the operator hears of them. It changes nothing about what is allowed; mounted before CORS
 * on the API's requests and preflights.
 */
export function noteCorsRefusals(allowedOrigins: readonly string[], refusals: RefusedOriginsLog): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.includes(origin) && origin !== ownOrigin(req)) {
      const readable = originOf(origin);
      if (readable !== undefined) refusals.refused('cors', readable);
    }
    next();
  };
}
