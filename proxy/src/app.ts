import { fileURLToPath } from 'node:url';
import cors from 'cors';
import express, { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Store } from 'express-rate-limit';
import type { Registry } from 'prom-client';
import type { AfasClient } from './afas/client.js';
import type { Config } from './config.js';
import { apiKeyIdOf, requireApiKey } from './http/auth.js';
import { noteCorsRefusals } from './http/cors-refusals.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { lookupRateLimit } from './http/rate-limit.js';
import { requireSettingsAdmin, requireSettingsKey } from './http/settings-auth.js';
import { adminPageRoutes } from './routes/admin-page.js';
import { cspReportHandlers } from './routes/csp-report.js';
import { healthRoutes } from './routes/health.js';
import { lookupHandlers } from './routes/lookup.js';
import type { LookupObserver } from './routes/lookup-observer.js';
import { metricsRoute } from './routes/metrics.js';
import { settingsRoutes } from './routes/settings.js';
import { indexRoutes } from './routes/index-routes.js';
import { picksHandlers } from './routes/picks.js';
import { statusRoutes } from './routes/status.js';
import { widgetRoutes } from './routes/widget.js';
import type { CallerIndex } from './index/caller-index.js';
import { OUTCOME_HOURS, type LookupOutcomes } from './metrics/lookup-outcomes.js';
import { createRefusedOrigins, type RefusedOriginsLog } from './metrics/refused-origins.js';
import type { LookupService } from './services/lookup-service.js';
import type { StoreStatus } from './store/shared-store.js';
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
  /** Told how each lookup and case page ended (metrics, audit trail). */
  lookupObserver?: LookupObserver;
  /** `GET {base}/metrics` for this bearer key; without it there is no such endpoint. */
  metrics?: { key: string; registry: Registry };
  /** Where rate-limit counters are kept (shared by a fleet); default this instance's memory. */
  rateLimitStore?: Store;
  /** The shared store's state, for the status endpoint. */
  storeStatus?: () => StoreStatus;
  /** The caller index of the current settings, for its status and data-quality report. */
  index?: () => CallerIndex | undefined;
  /** How recent lookups ended, for the admin page. */
  outcomes?: () => LookupOutcomes;
  /** Where refusals of origins CRM_ALLOWED_ORIGINS does not list are noted; default one that only logs them. */
  refusedOrigins?: RefusedOriginsLog;
}

/**
 * Logs one line per answer once it is sent. The path is the one the request arrived with (read before any router
 * trims it), and only the path: query strings carry callers' numbers and addresses.
 */
function logWhenFinished(logger: Logger, req: Request, res: Response, path: string): void {
  const started = performance.now();
  res.on('finish', () => {
    logger.info({ method: req.method, path, status: res.statusCode, ms: performance.now() - started, client: apiKeyIdOf(res) }, 'request');
  });
}

/**
 * A preflight that CORS let through (an origin not on the allow-list) gets what Express answers to an OPTIONS
 * request without a handler: the path's methods, and no CORS headers.
 */
const allowed =
  (allow: string): RequestHandler =>
  (_req, res) => {
    res.setHeader('Allow', allow);
    res.setHeader('Content-Length', Buffer.byteLength(allow));
    res.setHeader('Content-Type', 'text/plain');
    res.end(allow);
  };
const allowedMethods = allowed('GET, HEAD');

/** The HTTP surface of the service, without listening (tests and the demo mount it themselves). */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const draining = deps.draining ?? (() => false);
  const refusedOrigins = deps.refusedOrigins ?? createRefusedOrigins(logger);
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
  // One middleware in front of every request (each router layer costs a lookup): security headers and the request
  // log line. JSON answers need only nosniff; the full helmet set is for what a browser renders (pages, scripts).
  const apiPrefix = `${config.basePath}/api/`;
  app.use((req, res, next) => {
    const path = req.path;
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    if (draining()) res.setHeader('Connection', 'close');
    // No timing or listener for a line the log level drops.
    if (logger.isLevelEnabled('info')) logWhenFinished(logger, req, res, path);
    if (path.startsWith(apiPrefix)) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      return next();
    }
    return pageHeaders(req, res, next);
  });

  // The lookup is the hot path: its routes sit on the app itself, first, so a ringing phone walks one router layer
  // (no sub-router, no prefix trimming) to its handlers.
  const corsFor = (methods: string[]) =>
    cors({
      origin: (origin, cb) => cb(null, origin !== undefined && config.allowedOrigins.includes(origin)),
      methods,
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['Retry-After'],
      maxAge: 600,
    });
  const corsForApi = corsFor(['GET']);
  const noteRefused = noteCorsRefusals(config.allowedOrigins, refusedOrigins);
  const apiBase = `${config.basePath}/api/v1`;
  // Authentication before the rate limit: a rejected credential never creates limiter state.
  const guards = [noteRefused, corsForApi, requireApiKey(config.apiKeys), lookupRateLimit(config.rateLimitPerMinute, deps.rateLimitStore)];
  const lookupApi = lookupHandlers(deps.lookup, config.afasTimeoutMs * 2, logger, deps.lookupObserver);
  for (const [path, handler] of [
    [`${apiBase}/lookup`, lookupApi.lookup],
    [`${apiBase}/cases`, lookupApi.cases],
    [`${apiBase}/search`, lookupApi.search],
  ] as const) {
    app
      .route(path)
      .get(...guards, handler)
      .options(noteRefused, corsForApi, allowedMethods);
  }
  // Remembered picks: no AFAS call, so no rate limit; the API key as for lookups.
  const picks = picksHandlers(deps.lookup, deps.lookupObserver);
  const corsForPicks = corsFor(['PUT', 'DELETE']);
  app
    .route(`${apiBase}/picks`)
    .put(noteRefused, corsForPicks, requireApiKey(config.apiKeys), express.json({ limit: '4kb', strict: true }), picks.remember)
    .delete(noteRefused, corsForPicks, requireApiKey(config.apiKeys), picks.forget)
    .options(noteRefused, corsForPicks, allowed('PUT, DELETE'));
  const cspReportPath = `${apiBase}/csp-report`;
  app.post(cspReportPath, ...cspReportHandlers(config.allowedOrigins, refusedOrigins, logger));
  if (deps.metrics) app.get(`${config.basePath}/metrics`, metricsRoute(deps.metrics.key, deps.metrics.registry));
  app.use(`${apiBase}/status`, requireSettingsKey(config), requireSettingsAdmin);
  app.use(
    apiBase,
    statusRoutes({
      store: deps.store,
      afas: deps.afas,
      timeoutMs: config.afasTimeoutMs,
      draining,
      storeStatus: deps.storeStatus,
      refusedOrigins: () => refusedOrigins.list(),
    }),
  );
  for (const path of ['index', 'data-quality', 'outcomes']) app.use(`${apiBase}/${path}`, requireSettingsKey(config), requireSettingsAdmin);
  app.use(
    apiBase,
    indexRoutes(
      deps.index ?? (() => undefined),
      deps.outcomes ?? (() => ({ since: new Date().toISOString(), hours: OUTCOME_HOURS, uccs: [] })),
    ),
  );
  app.use(`${apiBase}/settings`, requireSettingsKey(config));
  app.use(apiBase, settingsRoutes(deps.store));

  const base = Router();
  base.use(healthRoutes(deps.store, draining));
  base.use('/widget', widgetRoutes(deps.widgetDir ?? defaultWidgetDir, config.allowedOrigins, cspReportPath));
  base.use('/admin', adminPageRoutes(`${deps.widgetDir ?? defaultWidgetDir}/admin`));
  if (deps.extraRoutes) base.use(deps.extraRoutes);
  app.use(config.basePath || '/', base);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
