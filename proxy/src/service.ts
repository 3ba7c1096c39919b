import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { createAfasClient, type AfasClient } from './afas/client.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createLookupService } from './services/lookup-service.js';
import { openSettingsStore, type SettingsStore } from './settings/store.js';
import type { EffectiveSettings } from './settings/types.js';

export interface RunningService {
  /** e.g. http://127.0.0.1:8080/CrmServiceAfasProfit */
  url: string;
  port: number;
  store: SettingsStore;
  /** The AFAS client of the current settings (benchmarks read its request count). */
  afas: () => AfasClient | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  widgetDir?: string;
  extraRoutes?: Router;
}

/** Opens the settings store, wires the AFAS client to the effective settings and starts listening. */
export async function startService(config: Config, opts: StartOptions = {}): Promise<RunningService> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const store = await openSettingsStore({ dataDir: config.dataDir, allowHttpUpstream: config.allowHttpUpstream, seed: config.seed, logger });

  let client: AfasClient | undefined;
  const connect = (eff: EffectiveSettings | undefined) => {
    client = eff
      ? createAfasClient({ connectorBaseUrl: eff.settings.connectorBaseUrl, token: eff.settings.token, timeoutMs: config.afasTimeoutMs, logger })
      : undefined;
  };
  connect(store.effective());
  store.onChange(connect);
  if (!client) logger.warn({ missing: store.missing() }, 'not configured yet: lookups answer 503 until a UCC publishes its settings');

  const afas = () => client;
  const lookup = createLookupService({ settings: () => store.effective(), afas, logger });
  const app = createApp({ config, store, lookup, afas, logger, widgetDir: opts.widgetDir, extraRoutes: opts.extraRoutes });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // No request may hang: a lookup is bounded by two AFAS timeouts, so anything far beyond that is cut.
  server.requestTimeout = config.afasTimeoutMs * 2 + 5000;
  server.headersTimeout = Math.min(server.requestTimeout, 20_000);
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}${config.basePath}`;
  logger.info({ url }, 'listening');

  return {
    url,
    port,
    store,
    afas,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
