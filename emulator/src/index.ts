/**
 * The built-in AFAS Profit emulator: AFAS's REST API (GetConnectors, metainfo, profitversion) with its
 * documented rules and refusals, fictional Dutch CRM data from 12 to hundreds of thousands of contacts, an
 * optional cost model that makes queries as slow as a large AFAS, contact changes, fault injection and an
 * emulated InSite.
 */
import type { AddressInfo } from 'node:net';
import { buildConnectors } from './connectors.js';
import { ContactChanges } from './contact-changes.js';
import { costModelOf } from './cost.js';
import { buildDataset, defaultContactCount, defaultSeed } from './data/generate.js';
import { FaultSwitch } from './faults.js';
import { Random } from './random.js';
import { InsiteIndex } from './routes/insite.js';
import { EmulatorServer } from './server.js';
import { DEMO_TOKEN_DATA, assertTokenData, tokenXml } from './token.js';
import type { EmulatorOptions, Fault, RunningEmulator } from './types.js';

export type { CostModel, EmulatorOptions, Fault, FaultMode, RecordedRequest, RunningEmulator } from './types.js';
export { ContactChangeError } from './contact-changes.js';
export { defaultCostModel } from './cost.js';
export { DEMO_TOKEN_DATA } from './token.js';
export { demoScenarios, type DemoScenario } from './scenarios.js';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const tokenData = opts.token ?? DEMO_TOKEN_DATA;
  assertTokenData(tokenData);
  const cost = costModelOf(opts.cost);
  const seed = opts.seed ?? defaultSeed;
  const data = buildDataset(seed, Math.max(0, Math.floor(opts.contacts ?? defaultContactCount)));
  const connectors = buildConnectors(data, opts.connectors ?? {}, opts.fieldRename ?? {}, new Random(seed ^ 0x5eed));
  const faults = new FaultSwitch();
  const contacts = new ContactChanges(connectors.contacts);
  const server = new EmulatorServer({
    profit: { connectors: [connectors.contacts, connectors.cases], tokenData },
    insite: new InsiteIndex(data.orgPers, connectors.contacts.table, connectors.cases.table),
    faults,
    contacts,
    latencyMs: Math.max(0, opts.latencyMs ?? 0),
    cost,
    quiet: opts.quiet ?? false,
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.http.once('error', reject);
    server.http.listen(opts.port ?? 0, host, () => {
      server.http.off('error', reject);
      resolve();
    });
  });
  const { port } = server.http.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    connectorBaseUrl: `${url}/ProfitRestServices/connectors`,
    insiteUrl: `${url}/insite/`,
    token: tokenXml(tokenData),
    setFault: (f: Fault) => faults.set(f),
    clearFault: () => faults.clear(),
    requests: server.requests,
    resetRequests: () => server.resetRequests(),
    get inFlightMax() {
      return server.inFlightMax;
    },
    set inFlightMax(v: number) {
      server.inFlightMax = v;
    },
    get likeQueries() {
      return server.likeQueries;
    },
    costModel: cost,
    updateContact: (contactId, fields) => contacts.update(contactId, fields),
    blockContact: (contactId) => contacts.block(contactId),
    deleteContact: (contactId) => contacts.delete(contactId),
    close: () => server.close(),
  };
}
