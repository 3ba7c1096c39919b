import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createAfasClient, type AfasClient } from './afas/client.js';
import { createAfasEnvironments, type AfasEnvironments } from './afas/environment.js';
import { createApp } from './app.js';
import { openAuditSink, type AuditSink } from './audit/audit-sink.js';
import { createAuditTrail } from './audit/audit-trail.js';
import { createValueHasher } from './secrets/value-hash.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { lookupOutcomes } from './metrics/lookup-outcomes.js';
import { createRefusedOrigins } from './metrics/refused-origins.js';
import { createServiceMetrics } from './metrics/service-metrics.js';
import { observeAll } from './routes/lookup-observer.js';
import type { Clock } from './services/answer-cache.js';
import { indexSignature, startCallerIndex, type CallerIndex } from './index/caller-index.js';
import { createLookupService } from './services/lookup-service.js';
import { createPicks } from './services/picks.js';
import { openSettingsStore, type SettingsStore } from './settings/store.js';
import { openStore } from './store/open-store.js';
import type { SharedStore } from './store/shared-store.js';
import type { EffectiveSettings } from './settings/types.js';

export interface RunningService {
  /** e.g. http://127.0.0.1:8080/CrmServiceAfasProfit */
  url: string;
  port: number;
  store: SettingsStore;
  /** Where state beyond one request is kept: CRM_DATA_DIR, or Redis for a fleet. */
  shared: SharedStore;
  /** The AFAS client of the current settings (benchmarks read its request count). */
  afas: () => AfasClient | undefined;
  /**
   * Graceful stop: readiness turns 503 at once, no new connections are accepted, requests in flight finish (up to
   * 2 × the AFAS timeout + 1 s, the longest a lookup may take), then the listener is closed and the audit trail
   * written out.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  widgetDir?: string;
  extraRoutes?: Router;
  /** The state of each AFAS environment; default one of this service's own. */
  environments?: AfasEnvironments;
  /** The lookup service's clock (cache ages and lifetimes, casesRef expiry); default Date.now. Tests move it. */
  now?: Clock;
}

/** Opens the audit trail of CRM_AUDIT_LOG; a file is opened again on SIGHUP (log rotation). */
async function openAudit(target: string, logger: Logger): Promise<{ sink: AuditSink; close: () => Promise<void> }> {
  const sink = await openAuditSink(target, logger);
  const reopen = () => sink.reopen();
  if (target !== 'stdout') process.on('SIGHUP', reopen);
  return {
    sink,
    close: () => {
      process.off('SIGHUP', reopen);
      return sink.close();
    },
  };
}

/**
 * The composition root: opens the settings store, creates the AFAS environments and a client for each version of
 * the effective settings, the lookup service, the metrics and audit trail when configured, and the HTTP app, and
 * starts listening.
 */
export async function startService(config: Config, opts: StartOptions = {}): Promise<RunningService> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const shared = await openStore(config, logger);
  try {
    return await startOn(shared, config, opts, logger);
  } catch (error) {
    // A start that failed (a port in use, say) must not leave the folder locked for the next attempt.
    await shared.close();
    throw error;
  }
}

async function startOn(shared: SharedStore, config: Config, opts: StartOptions, logger: Logger): Promise<RunningService> {
  const store = await openSettingsStore({
    persistence: shared.settings,
    allowHttpUpstream: config.allowHttpUpstream,
    afasHosts: config.afasHosts,
    insiteHosts: config.insiteHosts,
    seed: config.seed,
    logger,
  });
  const signingKey = shared.signingKey;

  const environments = opts.environments ?? createAfasEnvironments(shared.afas);
  let client: AfasClient | undefined;
  // A registry of this service's own (not prom-client's global one): tests run several services in one process.
  const registry = config.metricsKey ? new Registry() : undefined;
  const metrics =
    registry &&
    createServiceMetrics({
      registry,
      hasPublished: (ucc) => store.hasPublished(ucc),
      afas: () => client,
      store: () => shared.status(),
    });
  const connect = (eff: EffectiveSettings | undefined) => {
    client = eff
      ? createAfasClient({
          connection: eff.settings.afas,
          environments,
          timeoutMs: config.afasTimeoutMs,
          maxConcurrent: config.afasMaxConcurrency,
          maxPauseSeconds: config.afasMaxPauseSeconds,
          logger,
          observer: metrics?.afas,
        })
      : undefined;
  };
  // The caller index follows the settings, and is built again only when what it depends on changes.
  let index: CallerIndex | undefined;
  let indexKey: string | undefined;
  const followIndex = (eff: EffectiveSettings | undefined) => {
    const wanted = eff?.settings.callerIndex ? indexSignature(eff) : undefined;
    if (wanted === indexKey) return;
    void index?.stop();
    indexKey = wanted;
    index =
      eff && wanted
        ? startCallerIndex({
            eff,
            afas: () => client,
            secret: signingKey,
            timeoutMs: config.afasTimeoutMs,
            logger,
            store: shared.callerIndex?.(wanted),
          })
        : undefined;
  };
  connect(store.effective());
  followIndex(store.effective());
  store.onChange((eff) => {
    connect(eff);
    followIndex(eff);
  });
  if (!client) logger.warn({ missing: store.missing() }, 'not configured yet: lookups answer 503 until a UCC publishes its settings');

  let draining = false;
  const afas = () => client;
  const lookup = createLookupService({
    settings: () => store.effective(),
    afas,
    logger,
    casesRefSecret: signingKey,
    now: opts.now,
    cacheObservers: metrics && { answers: metrics.answerCache, cases: metrics.caseCache },
    sharedAnswers: shared.answers,
    picks: createPicks(shared.records('picks'), createValueHasher(signingKey)),
    index: () => index,
  });
  const outcomes = lookupOutcomes((ucc) => store.hasPublished(ucc));
  const audit = config.auditLog === undefined ? undefined : await openAudit(config.auditLog, logger);
  const auditTrail =
    audit &&
    createAuditTrail({
      sink: audit.sink,
      hash: createValueHasher(signingKey),
      queryOf: (input) => lookup.queryOf(input),
      contactOf: (ref) => lookup.contactOf(ref),
    });
  const app = createApp({
    config,
    store,
    lookup,
    afas,
    logger,
    draining: () => draining,
    widgetDir: opts.widgetDir,
    extraRoutes: opts.extraRoutes,
    lookupObserver: observeAll(metrics?.lookups, auditTrail, outcomes.observer),
    outcomes: outcomes.read,
    refusedOrigins: createRefusedOrigins(logger, metrics?.embedRefused),
    metrics: config.metricsKey && registry ? { key: config.metricsKey, registry } : undefined,
    rateLimitStore: shared.rateLimit,
    storeStatus: () => shared.status(),
    index: () => index,
  });

  const server = createServer(app);
  // Answers still being worked on when shutdown begins: told to close their connection once sent.
  const open = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await audit?.close();
    throw error;
  });
  const drainMs = config.afasTimeoutMs * 2 + 1000;
  // No request may hang: a lookup is bounded by two AFAS timeouts, so anything far beyond that is cut.
  server.requestTimeout = config.afasTimeoutMs * 2 + 5000;
  server.headersTimeout = Math.min(server.requestTimeout, 20_000);
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}${config.basePath}`;
  logger.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    shared,
    afas,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        draining = true;
        for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
        const cutOff = setTimeout(() => {
          logger.warn('requests still open after the drain time; closing their connections');
          server.closeAllConnections();
        }, drainMs);
        cutOff.unref();
        // A fleet's index builder gives its lease up before the store's connection goes.
        const indexStopped = index?.stop() ?? Promise.resolve();
        server.close(() => {
          clearTimeout(cutOff);
          // Every request has ended, so every audit line is queued: write them out before saying we stopped.
          void Promise.all([audit ? audit.close() : undefined, indexStopped])
            .then(() => shared.close())
            .then(resolve, resolve);
        });
        // Idle keep-alive connections would hold close() open; busy ones end after their answer (Connection: close).
        server.closeIdleConnections();
      })),
  };
}
