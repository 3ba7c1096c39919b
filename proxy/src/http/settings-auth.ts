import type { RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { bearerOf, findBySecret } from './secrets.js';

/** Who is calling the settings endpoint: the admin (CRM_SETTINGS_KEY) or one UCC (its CRM_SETTINGS_KEYS entry). */
export type SettingsPrincipal = { role: 'admin' } | { role: 'ucc'; ucc: string };

/** The principal requireSettingsKey found; undefined when it did not run (then nothing is allowed). */
export const principalOf = (res: Response): SettingsPrincipal | undefined => res.locals.settingsPrincipal as SettingsPrincipal | undefined;

const adminOnlyError = (): AppError =>
  new AppError('forbidden', 'This needs the admin key (CRM_SETTINGS_KEY); a UCC key may only publish its own settings');

/**
 * Settings endpoint and admin API: always a bearer key, whatever the client address (behind a same-host reverse
 * proxy every client is loopback). Without CRM_SETTINGS_KEY the endpoint is closed (403) rather than open.
 * Sets `res.locals.settingsPrincipal`; `requireSettingsAdmin` after it refuses UCC keys.
 */
export function requireSettingsKey(config: Pick<Config, 'settingsKey' | 'uccSettingsKeys'>): RequestHandler {
  const entries: { principal: SettingsPrincipal; key: string }[] = [
    ...(config.settingsKey ? [{ principal: { role: 'admin' } as const, key: config.settingsKey }] : []),
    ...config.uccSettingsKeys.map((u) => ({ principal: { role: 'ucc', ucc: u.ucc } as const, key: u.key })),
  ];
  return (req, res, next) => {
    if (entries.length === 0) {
      return next(
        new AppError('forbidden', 'The settings endpoint is closed: set CRM_SETTINGS_KEY (and send it as Authorization: Bearer <key>)'),
      );
    }
    const presented = bearerOf(req);
    const found = presented ? findBySecret(presented, entries, (e) => e.key) : undefined;
    if (!found) {
      res.set('WWW-Authenticate', 'Bearer realm="crm-afas-settings"');
      return next(new AppError('unauthorized', 'A valid settings key is required: send Authorization: Bearer <CRM_SETTINGS_KEY>'));
    }
    res.locals.settingsPrincipal = found.principal;
    next();
  };
}

/** After requireSettingsKey: only the admin key passes. */
export const requireSettingsAdmin: RequestHandler = (_req, res, next) => {
  next(principalOf(res)?.role === 'admin' ? undefined : adminOnlyError());
};
