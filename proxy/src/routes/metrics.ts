import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../errors.js';
import { bearerOf, findBySecret } from '../http/secrets.js';

/**
 * `GET {base}/metrics`: the registry in Prometheus text format, for the bearer `key` (CRM_METRICS_KEY) only. The app
 * mounts it only when the key is set; without it the path is as unknown as any other (404).
 */
export function metricsRoute(key: string, registry: Registry): RequestHandler {
  const keys = [key];
  return async (req, res) => {
    const presented = bearerOf(req);
    if (!presented || !findBySecret(presented, keys, (k) => k)) {
      res.set('WWW-Authenticate', 'Bearer realm="crm-afas-metrics"');
      throw new AppError(
        'unauthorized',
        presented === null
          ? 'The metrics key is too long'
          : 'A valid metrics key is required: send Authorization: Bearer <CRM_METRICS_KEY>',
      );
    }
    const text = await registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', registry.contentType);
    res.end(text);
  };
}
