import { Router } from 'express';
import { indexOff, type CallerIndex } from '../index/caller-index.js';
import { qualityCsv } from '../index/data-quality.js';
import { AppError } from '../errors.js';
import type { LookupOutcomes } from '../metrics/lookup-outcomes.js';

/**
 * What the admin page shows (admin settings key, mounted after the key checks): `GET index` (the caller index's
 * state), `GET data-quality` (the report of its last full build: JSON, or CSV with `Accept: text/csv`) and
 * `GET outcomes` (how this instance's lookups of the last day ended, per UCC).
 */
export function indexRoutes(index: () => CallerIndex | undefined, outcomes: () => LookupOutcomes): Router {
  const router = Router();
  router.get('/outcomes', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(outcomes());
  });
  router.get('/index', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(index()?.status() ?? indexOff());
  });
  router.get('/data-quality', async (req, res) => {
    const report = await index()?.quality();
    if (!report) {
      const state = index()?.status().state ?? 'off';
      throw new AppError(
        'not_found',
        state === 'off'
          ? 'The caller index is off (CallerIndex = Off), so there is no data-quality report'
          : 'The caller index has not finished its first build yet: the report follows it',
      );
    }
    res.set('Cache-Control', 'no-store');
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv; charset=utf-8').attachment('data-quality.csv').send(qualityCsv(report));
    } else res.json(report);
  });
  return router;
}
