import { createAfasClient, type AfasClient, type AfasClientOptions } from '../../../proxy/src/afas/client.js';
import type { AfasConnection } from '../../../proxy/src/afas/connection.js';
import { createAfasEnvironments } from '../../../proxy/src/afas/environment.js';
import { authorizationHeader } from '../../../proxy/src/afas/token.js';
import { afasConnection } from '../../../proxy/src/settings/plugin-settings.js';
import { normaliseAfasRestRoot } from '../../../proxy/src/settings/upstream-url.js';

/** An AFAS environment as a UCC would publish it: the emulator, or a test server of its own. */
export interface PublishedAfas {
  connectorBaseUrl: string;
  token: string;
}

/**
 * The connection the settings make of a published base URL and token (loopback allowed over http, as the test
 * stacks run with CRM_AFAS_HOSTS=127.0.0.1). Throws the settings' AppError for a token they refuse.
 */
export function connectionTo({ connectorBaseUrl, token }: PublishedAfas): AfasConnection {
  const root = normaliseAfasRestRoot(connectorBaseUrl, { afasHosts: ['127.0.0.1'], insiteHosts: [], allowHttpUpstream: true });
  if (!root.ok) throw new Error(`the settings refuse ${connectorBaseUrl}: ${root.problem}`);
  return afasConnection(root.value, authorizationHeader(token));
}

/** The AFAS client's options, with the base URL and token as published in place of a connection. */
export type TestClientOptions = Partial<Omit<AfasClientOptions, 'connection'> & PublishedAfas>;

// Shared by every client of a test file, as the composition root shares one registry between its clients.
const environments = createAfasEnvironments();

/** A client of `afas` connected as the service would connect it; a 2 s attempt timeout unless `extra` says otherwise. */
export function testClient(afas: PublishedAfas, extra: TestClientOptions = {}): AfasClient {
  const { connectorBaseUrl = afas.connectorBaseUrl, token = afas.token, ...options } = extra;
  return createAfasClient({ connection: connectionTo({ connectorBaseUrl, token }), environments, timeoutMs: 2000, ...options });
}
