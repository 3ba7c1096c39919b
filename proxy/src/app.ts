import { fileURLToPath } from 'node:url';
import cors from 'cors';
import express, { Router, type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AfasClient } from './afas/client.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { apiKeyIdOf, requireApiKey } from './http/auth.js';
import { requireSettingsKey } from './http/settings-auth.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoutes } from './routes/health.js';
import { lookupRoutes } from './routes/lookup.js';
import { settingsRoutes } from './routes/settings.js';
import { widgetRoutes } from './routes/widget.js';
import type { LookupService } from './services/lookup-service.js';
import type { SettingsStore } from './settings/store.js';

export const defaultWidgetDir = fileURLToPath(new URL('../../dist/widget', import.meta.url));

export interface AppDeps {
  config: Config;
  store: SettingsStore;
  lookup: LookupService;
  afas: () => AfasClient | undefined;
  logger: Logger;
  widgetDir?: string;
  /** Extra routes mounted under the base path before the 404 (the demo desk and its controls). */
  extraRoutes?: Router;
}

/** The HTTP surface of the service, without listening (tests and the demo mount it themselves). */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store; hashing every body for an ETag is wasted work on the hot path.
  app.set('etag', false);
  app.set('query parser', 'simple');
  const pageHeaders = helmet({
    contentSecurityPolicy: { directives: { 'frame-ancestors': ["'self'", ...config.allowedOrigins] } },
    strictTransportSecurity: false,
  });
  // JSON answers need only nosniff; the full helmet set is for what a browser renders (pages, scripts).
  const apiPrefix = `${config.basePath}/api/`;
  app.use((req, res, next) => {
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
      logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
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
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-7', // draft-8 hashes the key for every request
    legacyHeaders: false,
    keyGenerator: (req, res) => apiKeyIdOf(res) ?? `ip:${req.ip ?? 'unknown'}`,
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next, options) =>
      next(new AppError('rate_limited', 'Too many lookups from this client; wait a moment', { retryAfterSeconds: Math.ceil(options.windowMs / 1000) })),
  });
  const apiBase = `${config.basePath}/api/v1`;
  app.options([`${apiBase}/lookup`, `${apiBase}/contacts/:id/cases`], corsForApi);
  app.use(apiBase, lookupRoutes(deps.lookup, config.afasTimeoutMs * 2, logger, [corsForApi, limiter, requireApiKey(config.apiKeys)]));
  app.use(`${apiBase}/settings`, requireSettingsKey(config));
  app.use(apiBase, settingsRoutes(deps.store));

  const base = Router();
  base.use(healthRoutes(deps.store, deps.afas, config.afasTimeoutMs));
  base.use('/widget', widgetRoutes(deps.widgetDir ?? defaultWidgetDir, config.allowedOrigins));
  if (deps.extraRoutes) base.use(deps.extraRoutes);
  app.use(config.basePath || '/', base);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

