import { Router } from 'express';
import type { RefusedOrigins } from '../../../contract/admin-api.js';
import type { AfasClient } from '../afas/client.js';
import { deadlineIn } from '../deadline.js';
import { AppError } from '../errors.js';
import type { SettingsStore } from '../settings/store.js';
import type { StoreStatus } from '../store/shared-store.js';

/** Longest the status page waits for AFAS's version: an operator wants an answer, not a hang. */
const VERSION_CHECK_MS = 3000;

async function afasReachability(
  client: AfasClient,
  timeoutMs: number,
): Promise<{ reachable: boolean; version?: string; error?: { code: string; message: string } }> {
  try {
    const version = await client.profitVersion({ deadline: deadlineIn(Math.min(timeoutMs, VERSION_CHECK_MS)), priority: 'background' });
    return { reachable: true, version };
  } catch (e) {
    const error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'internal_error', message: 'The check failed' };
    return { reachable: false, error };
  }
}

export interface StatusDeps {
  store: SettingsStore;
  afas: () => AfasClient | undefined;
  timeoutMs: number;
  draining: () => boolean;
  /** Embedded or Redis, and whether it can be reached. */
  storeStatus?: () => StoreStatus;
  /** Origins refused because CRM_ALLOWED_ORIGINS does not list them. */
  refusedOrigins: () => RefusedOrigins;
}

/**
 * `GET {base}/api/v1/status` (admin key): how this instance and its AFAS environment are doing. The one place
 * besides lookups that calls AFAS (profitversion, in the background slot class).
 */
export function statusRoutes({ store, afas, timeoutMs, draining, storeStatus, refusedOrigins }: StatusDeps): Router {
  const router = Router();
  router.get('/status', async (_req, res) => {
    const client = afas();
    const settings = store.describe();
    const body = {
      ready: !draining() && store.effective() !== undefined,
      draining: draining(),
      primaryUcc: settings.primaryUcc,
      uccs: settings.uccs,
      conflicts: settings.conflicts,
      missingSettings: store.missing(),
      store: storeStatus?.() ?? null,
      afas: client ? { ...(await afasReachability(client, timeoutMs)), ...client.status() } : null,
      refusedOrigins: refusedOrigins(),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
