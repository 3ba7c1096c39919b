import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time comparison of a presented secret against the accepted ones. */
function accepted(presented: string, keys: readonly string[]): boolean {
  const p = digest(presented);
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(p, digest(k)) || ok;
  return ok;
}

export function bearerOf(req: Request): string | undefined {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m?.[1];
}

const loopback = (addr: string | undefined): boolean =>
  addr !== undefined && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));

/** Lookup API: a bearer key from CRM_API_KEYS when any are configured. */
export function requireApiKey(keys: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (keys.length === 0) return next();
    const presented = bearerOf(req);
    if (presented && accepted(presented, keys)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="crm-afas"');
    next(new AppError('unauthorized', presented ? 'The API key is not valid' : 'An API key is required: send Authorization: Bearer <key>'));
  };
}

/** Settings endpoint: the CRM_SETTINGS_KEY bearer secret, or, when none is configured, loopback clients only. */
export function requireSettingsAccess(settingsKey: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (settingsKey === undefined) {
      if (loopback(req.socket.remoteAddress)) return next();
      return next(new AppError('unauthorized', 'Settings can only be published from this machine until CRM_SETTINGS_KEY is set'));
    }
    const presented = bearerOf(req);
    if (presented && accepted(presented, [settingsKey])) return next();
    res.set('WWW-Authenticate', 'Bearer realm="crm-afas-settings"');
    next(new AppError('unauthorized', 'A valid settings key is required: send Authorization: Bearer <CRM_SETTINGS_KEY>'));
  };
}
