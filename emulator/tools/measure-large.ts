// Measures a large emulator: start time, memory, and the real CPU time of each kind of query a caller index and a
// live lookup send, both for the query alone (run, serialised) and for a whole HTTP round trip in this process.
// Run: node --expose-gc --import tsx emulator/tools/measure-large.ts [contacts=250000] [rounds=20]
import { buildConnectors } from '../src/connectors.js';
import { buildDataset, defaultSeed } from '../src/data/generate.js';
import { startEmulator } from '../src/index.js';
import { parseQuery } from '../src/query/params.js';
import { runConnector } from '../src/query/run.js';
import { Random } from '../src/random.js';
import { authHeaderFor, ringQueries } from './queries.js';

const contacts = Number(process.argv[2] ?? 250_000);
const rounds = Number(process.argv[3] ?? 20);
const queries = Object.entries(ringQueries(contacts));
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const t0 = performance.now();
const emu = await startEmulator({ contacts, quiet: true });
const startMs = performance.now() - t0;
globalThis.gc?.();
const { rss, heapUsed } = process.memoryUsage();
console.log(
  `${contacts} contacts: started in ${(startMs / 1000).toFixed(2)} s, RSS ${Math.round(rss / 1e6)} MB, heap ${Math.round(heapUsed / 1e6)} MB`,
);

console.log(`HTTP round trip, emulator and client in this process, cost model off (mean of ${rounds}):`);
const auth = authHeaderFor(emu.token);
for (const [name, query] of queries) {
  const url = `${emu.connectorBaseUrl}/Profit_Contacts?${query}`;
  const get = async (): Promise<number> =>
    ((await (await fetch(url, { headers: { Authorization: auth } })).json()) as { rows: unknown[] }).rows.length;
  await get();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let rows = 0;
  for (let i = 0; i < rounds; i++) rows = await get();
  const scanned = emu.requests[emu.requests.length - 1].rowsScanned;
  console.log(
    `  ${name.padEnd(26)} CPU ${(cpuMs(cpu) / rounds).toFixed(1).padStart(5)} ms, wall ${((performance.now() - wall) / rounds).toFixed(1).padStart(5)} ms; ${rows} rows, ${scanned} scanned`,
  );
}
await emu.close();

console.log(`The query alone (plan, read, page, JSON), mean CPU of ${rounds}:`);
const { contacts: connector } = buildConnectors(buildDataset(defaultSeed, contacts), {}, {}, new Random(defaultSeed ^ 0x5eed));
for (const [name, query] of queries) {
  JSON.stringify(runConnector(connector, parseQuery(query)).result);
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) JSON.stringify(runConnector(connector, parseQuery(query)).result);
  console.log(`  ${name.padEnd(26)} CPU ${(cpuMs(cpu) / rounds).toFixed(2).padStart(6)} ms`);
}
