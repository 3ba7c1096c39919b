import { Router } from 'express';
import type { SettingsStore } from '../settings/store.js';

/**
 * Liveness and readiness for load balancers. Readiness is about this process only (settings present, not
 * shutting down): it never calls AFAS, so an AFAS outage does not take every instance out of the pool while
 * they could still serve cached answers.
 */
export function healthRoutes(store: SettingsStore, draining: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (draining()) return res.status(503).json({ status: 'shutting_down' });
    if (!store.effective()) return res.status(503).json({ status: 'not_configured', missing: store.missing() });
    res.json({ status: 'ready', primaryUcc: store.effective()?.primaryUcc });
  });
  return router;
}
