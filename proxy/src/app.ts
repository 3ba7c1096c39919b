import { fileURLToPath } from 'node:url';
import cors from 'cors';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AfasClient } from './afas/client.js';
import type { Config } from './config.js';
import { requireApiKey } from './http/auth.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { lookupRateLimit } from './http/rate-limit.js';
import { requireSettingsKey } from './http/settings-auth.js';
import { healthRoutes } from './routes/health.js';
import { lookupRoutes } from './routes/lookup.js';
import { settingsRoutes } from './routes/settings.js';
import { statusRoutes } from './routes/status.js';
import { widgetRoutes } from './routes/widget.js';
import type { LookupService } from './services/lookup-service.js';
import type { SettingsStore } from './settings/store.js';

export const defaultWidgetDir = fileURLToPath(new URL('../../dist/widget', import.meta.url));

/** A year, the usual HSTS lifetime; sent only on requests that arrived over https (directly or via a trusted proxy). */
const HSTS = 'max-age=31536000';

export interface AppDeps {
  config: Config;
  store: SettingsStore;
  lookup: LookupService;
  afas: () => AfasClient | undefined;
  logger: Logger;
  /** True once shutdown has begun: readiness answers 503 and connections are not kept alive. */
  draining?: () => boolean;
  widgetDir?: string;
  /** Extra routes mounted under the base path before the 404 (the demo desk and its controls). */
  extraRoutes?: Router;
}

/** The HTTP surface of the service, without listening (tests and the demo mount it themselves). */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const draining = deps.draining ?? (() => false);
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store; hashing every body for an ETag is wasted work on the hot path.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  const pageHeaders = helmet({
    contentSecurityPolicy: { directives: { 'frame-ancestors': ["'self'", ...config.allowedOrigins] } },
    strictTransportSecurity: false,
  });
  // JSON answers need only nosniff; the full helmet set is for what a browser renders (pages, scripts).
  const apiPrefix = `${config.basePath}/api/`;
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    if (draining()) res.setHeader('Connection', 'close');
    if (req.path.startsWith(apiPrefix)) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      return next();
    }
    return pageHeaders(req, res, next);
  });
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path only: query strings carry callers' numbers and addresses.
      logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, client: res.locals.apiKeyId as string | undefined },
        'request',
      );
    });
    next();
  });

  // The lookup is the hot path: mounted first and shallow, so a ringing phone walks as few routers as possible.
  const corsForApi = cors({
    origin: (origin, cb) => cb(null, origin !== undefined && config.allowedOrigins.includes(origin)),
    methods: ['GET'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
  const apiBase = `${config.basePath}/api/v1`;
  app.options([`${apiBase}/lookup`, `${apiBase}/cases`], corsForApi);
  // Authentication before the rate limit: a rejected credential never creates limiter state.
  const guards = [corsForApi, requireApiKey(config.apiKeys), lookupRateLimit(config.rateLimitPerMinute)];
  app.use(apiBase, lookupRoutes(deps.lookup, config.afasTimeoutMs * 2, logger, guards));
  app.use(`${apiBase}/status`, requireSettingsKey(config, { adminOnly: true }));
  app.use(apiBase, statusRoutes(deps.store, deps.afas, config.afasTimeoutMs, draining));
  app.use(`${apiBase}/settings`, requireSettingsKey(config));
  app.use(apiBase, settingsRoutes(deps.store));

  const base = Router();
  base.use(healthRoutes(deps.store, draining));
  base.use('/widget', widgetRoutes(deps.widgetDir ?? defaultWidgetDir, config.allowedOrigins));
  if (deps.extraRoutes) base.use(deps.extraRoutes);
  app.use(config.basePath || '/', base);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
