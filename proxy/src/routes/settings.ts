import express, { Router } from 'express';
import { AppError } from '../errors.js';
import { principalOf, requireSettingsAdmin } from '../http/settings-auth.js';
import { publishingUcc } from '../settings/publish-body.js';
import { field, isObject } from '../settings/read-value.js';
import type { SettingsStore } from '../settings/store.js';
import { sameUcc } from '../settings/ucc-name.js';

/**
 * The settings endpoint and its admin operations, mounted after requireSettingsKey: a UCC key may publish as its
 * own UCC only; reading the settings and the admin operations need the admin key.
 */
export function settingsRoutes(store: SettingsStore): Router {
  const router = Router();
  const body = express.json({ limit: '512kb', strict: true });

  const publish: express.RequestHandler = async (req, res) => {
    const principal = principalOf(res);
    if (principal === undefined) throw new AppError('forbidden', 'A settings key is required');
    if (principal.role === 'ucc') {
      // Checked before the body is validated, so a key learns nothing about another UCC's publication rules.
      const ucc = publishingUcc(req.body);
      if (ucc !== undefined && !sameUcc(ucc, principal.ucc))
        throw new AppError('forbidden', `This key may only publish the settings of UCC ${principal.ucc}`);
    }
    const result = await store.publish(req.body);
    res.set('Cache-Control', 'no-store').json(result);
  };
  router.put('/settings', body, publish);
  router.post('/settings', body, publish);

  router.get('/settings', requireSettingsAdmin, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(store.describe());
  });

  router.put('/settings/primary', requireSettingsAdmin, body, async (req, res) => {
    if (!isObject(req.body)) throw new AppError('invalid_request', 'body: expected a JSON object like {"ucc": "<name>"}');
    res.set('Cache-Control', 'no-store').json(await store.makePrimary(field(req.body, 'ucc')));
  });

  router.delete('/settings/uccs/:ucc', requireSettingsAdmin, async (req, res) => {
    await store.forget(req.params.ucc);
    res.status(204).end();
  });
  return router;
}
