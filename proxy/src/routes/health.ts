import { Router } from 'express';
import type { AfasClient } from '../afas/client.js';
import { AppError } from '../errors.js';
import { deadlineIn } from '../deadline.js';
import type { SettingsStore } from '../settings/store.js';

export function healthRoutes(store: SettingsStore, afas: () => AfasClient | undefined, timeoutMs: number): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const client = afas();
    if (!store.effective() || !client) {
      throw new AppError('not_configured', `Settings missing: ${store.missing().join(', ') || 'unknown'}`);
    }
    const version = await client.profitVersion({ deadline: deadlineIn(timeoutMs) });
    res.set('Cache-Control', 'no-store').json({ status: 'ready', primaryUcc: store.effective()?.primaryUcc, profitVersion: version });
  });
  return router;
}
