import express, { Router } from 'express';
import type { SettingsStore } from '../settings/store.js';

export function settingsRoutes(store: SettingsStore): Router {
  const router = Router();
  const body = express.json({ limit: '512kb', strict: true });

  const publish: express.RequestHandler = async (req, res) => {
    const result = await store.publish(req.body);
    res.json(result);
  };
  router.put('/settings', body, publish);
  router.post('/settings', body, publish);
  router.get('/settings', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(store.describe());
  });
  return router;
}
