/**
 * `npm run bench`: the caller-lookup service against the AFAS emulator, next to an Express hello-world.
 *
 * Processes: this one runs the load generator (autocannon), the emulator and a timing proxy in front of it;
 * the service and the hello-world each run in their own child process, so neither shares an event loop
 * with the load generator. Loopback only, bounded durations and request counts; exits 0 when a goal is
 * missed (it is a benchmark, not a test) and 1 only when the benchmark itself could not run.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { demoScenarios, startEmulator, type RunningEmulator } from '../emulator/src/index.js';
import { startChild, type Child } from './child-io.js';
import { coveredTime, histogram, percentile, round, sequentialDepth } from './stats.js';
import { startTimingProxy, type TimedRequest, type TimingProxy } from './timing-proxy.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const LOAD_SECONDS = 8;
const UNCACHED_LOOKUPS = 200;
const BURST = 100;
const CONTACTS_CONNECTOR = 'Profit_Contacts';
const CASES_CONNECTOR = 'ProfitSubjectsAuthorized';
const OWN_TIME_GOAL_MS = 5;

const latencyMs = readLatency(process.env.BENCH_AFAS_LATENCY_MS);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

function readLatency(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 40;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 2000) throw new Error('BENCH_AFAS_LATENCY_MS: expected an integer 0..2000');
  return value;
}

// ---------------------------------------------------------------------------------------------- helpers

interface Goal {
  name: string;
  value: string;
  pass: boolean;
}
const goals: Goal[] = [];

function goal(name: string, value: string, pass: boolean): void {
  goals.push({ name, value, pass });
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name}: ${value}${pass ? '' : '   <<< FAIL'}`);
}

function table(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) console.log(`  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`);
}

const ms = (value: number): string => value.toFixed(2);

async function publishSettings(serviceUrl: string, emulator: RunningEmulator, proxy: TimingProxy, cacheSeconds: number): Promise<void> {
  const setting = (name: string, value: string) => ({ name, value, scope: 'CrmService' });
  const body = {
    ucc: 'bench',
    pluginSettings: [
      setting('Token', emulator.token),
      // The service talks to the emulator through the timing proxy.
      setting('ConnectorRestServiceBaseUrl', `${proxy.url}/ProfitRestServices/connectors`),
      setting('Insite', 'https://12345.afasinsite.nl/'),
      setting('CacheSeconds', String(cacheSeconds)),
    ],
    pluginAttributes: [],
  };
  const res = await fetch(`${serviceUrl}/api/v1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`publishing settings failed: ${res.status} ${await res.text()}`);
}

interface Answer {
  httpStatus: number;
  status: string;
  source: string;
}

function textField(body: unknown, key: string): string {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, key) : undefined;
  return typeof value === 'string' ? value : '';
}

async function lookup(serviceUrl: string, phone: string): Promise<Answer> {
  const res = await fetch(`${serviceUrl}/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
  const body: unknown = await res.json();
  return { httpStatus: res.status, status: textField(body, 'status'), source: textField(body, 'source') };
}

const connectorOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

interface Load {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, seconds: number): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors };
}

// ------------------------------------------------------------------------------------------- sections

async function cachedVersusHello(service: Child, hello: Child, emulator: RunningEmulator, proxy: TimingProxy) {
  // A cache time far beyond the run: every measured lookup must be a cache hit.
  await publishSettings(service.url, emulator, proxy, 600);
  const phone = demoScenarios.find((s) => s.id === 'known')?.phone ?? '+31612345678';
  const first = await lookup(service.url, phone);
  const second = await lookup(service.url, phone);
  if (first.httpStatus !== 200 || first.source !== 'afas' || second.source !== 'cache') {
    throw new Error(`cache warm-up failed: ${JSON.stringify([first, second])}`);
  }
  const lookupUrl = `${service.url}/api/v1/lookup?phone=${encodeURIComponent(phone)}`;

  await load(hello.url, WARMUP_SECONDS);
  const base = await load(hello.url, LOAD_SECONDS);
  const afasBefore = emulator.requests.length;
  await load(lookupUrl, WARMUP_SECONDS);
  const cached = await load(lookupUrl, LOAD_SECONDS);
  const afasDuringLoad = emulator.requests.length - afasBefore;
  const after = await lookup(service.url, phone);

  const throughputRatio = cached.reqPerSec / base.reqPerSec;
  const p99Ratio = cached.p99 / Math.max(base.p99, Number.EPSILON);
  console.log(`\n1. Cached lookups vs Express 5 hello-world: ${CONNECTIONS} connections, ${LOAD_SECONDS} s each after ${WARMUP_SECONDS} s warm-up`);
  table([
    ['', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
    ...[['express hello-world', base] as const, ['cached lookup', cached] as const].map(([name, r]) => [
      name,
      r.reqPerSec.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.requests),
      String(r.non2xx),
      String(r.errors),
    ]),
    ['lookup / hello-world', `${throughputRatio.toFixed(2)}x`, `${(cached.p50 / Math.max(base.p50, Number.EPSILON)).toFixed(2)}x`, `${p99Ratio.toFixed(2)}x`, '', '', ''],
  ]);
  console.log(`  AFAS requests during the cached load: ${afasDuringLoad} (source of a lookup afterwards: ${after.source})`);
  const clean = cached.non2xx === 0 && cached.errors === 0 && afasDuringLoad === 0;
  goal('cached throughput >= 0.5x hello-world', `${throughputRatio.toFixed(2)}x (${cached.reqPerSec.toFixed(0)} vs ${base.reqPerSec.toFixed(0)} req/s)${clean ? '' : ', but not all answers were clean cache hits'}`, throughputRatio >= 0.5 && clean);
  goal('cached p99 <= 1.5x hello-world p99', `${p99Ratio.toFixed(2)}x (${cached.p99} vs ${base.p99} ms)`, p99Ratio <= 1.5);
  return { hello: base, cached, throughputRatio: round(throughputRatio), p99Ratio: round(p99Ratio), afasRequestsDuringLoad: afasDuringLoad };
}

interface Sample {
  phone: string;
  answer: Answer;
  wallMs: number;
  afasMs: number;
  ownMs: number;
  afasRequests: number;
  contacts: number;
  cases: number;
  depth: number;
}

/** Distinct numbers that mostly match nobody, with every tenth one a demo number that does match. */
function uncachedNumbers(n: number): string[] {
  const demo = demoScenarios.flatMap((s) => (s.phone?.startsWith('+') ? [s.phone] : []));
  return Array.from({ length: n }, (_, i) => (i % 10 === 0 && demo.length > 0 ? (demo[(i / 10) % demo.length] ?? '') : `+3161000${String(i).padStart(4, '0')}`));
}

/**
 * Own time of one lookup = its wall time at this client − the time during which at least one of its AFAS
 * requests was open at the timing proxy (arrival → answer end). Both clocks are performance.now() of this
 * process, so the subtraction is exact; parallel AFAS requests are not subtracted twice.
 */
async function measureUncached(serviceUrl: string, phone: string, emulator: RunningEmulator, proxy: TimingProxy): Promise<Sample> {
  proxy.clear();
  emulator.resetRequests();
  const started = performance.now();
  const answer = await lookup(serviceUrl, phone);
  const wallMs = performance.now() - started;
  const records: TimedRequest[] = [...proxy.records];
  const afasMs = coveredTime(records);
  return {
    phone,
    answer,
    wallMs,
    afasMs,
    ownMs: wallMs - afasMs,
    afasRequests: emulator.requests.length,
    contacts: records.filter((r) => connectorOf(r.path) === CONTACTS_CONNECTOR).length,
    cases: records.filter((r) => connectorOf(r.path) === CASES_CONNECTOR).length,
    depth: sequentialDepth(records),
  };
}

async function uncachedLookups(service: Child, emulator: RunningEmulator, proxy: TimingProxy) {
  // CacheSeconds=0: no answer is kept (in-flight sharing stays), so every lookup goes to AFAS.
  await publishSettings(service.url, emulator, proxy, 0);
  for (let i = 0; i < 10; i++) await measureUncached(service.url, `+3161999${String(i).padStart(4, '0')}`, emulator, proxy);

  const samples: Sample[] = [];
  for (const phone of uncachedNumbers(UNCACHED_LOOKUPS)) samples.push(await measureUncached(service.url, phone, emulator, proxy));
  const bad = samples.filter((s) => s.answer.httpStatus !== 200 || s.answer.source !== 'afas');
  const mismatchedCounts = samples.filter((s) => s.afasRequests !== s.contacts + s.cases).length;

  const own = samples.map((s) => s.ownMs);
  const groups = [1, 2, 3].map((n) => ({ n, of: samples.filter((s) => s.afasRequests === n) })).filter((g) => g.of.length > 0);
  console.log(`\n2. The service's own time per uncached lookup: ${samples.length} sequential lookups, CacheSeconds=0, emulator latency ${latencyMs} ms`);
  console.log('  method: own time = wall time of the lookup at this client − time its AFAS requests were open at a pass-through');
  console.log('  timing proxy in front of the emulator (request arrival → answer end, same clock). It includes both loopback');
  console.log("  hops (bench → service, service → proxy), Express, validation and mapping; the proxy → emulator hop and the");
  console.log("  emulator's own work count as AFAS time.");
  table([
    ['', 'lookups', 'wall p50', 'AFAS p50', 'own p50', 'own p95', 'own max'],
    ...[{ label: 'all uncached', of: samples }, ...groups.map((g) => ({ label: `${g.n} AFAS request${g.n > 1 ? 's' : ''}`, of: g.of }))].map(({ label, of }) => [
      label,
      String(of.length),
      ms(percentile(of.map((s) => s.wallMs), 50)),
      ms(percentile(of.map((s) => s.afasMs), 50)),
      ms(percentile(of.map((s) => s.ownMs), 50)),
      ms(percentile(of.map((s) => s.ownMs), 95)),
      ms(Math.max(...of.map((s) => s.ownMs))),
    ]),
  ]);
  const statuses = histogramOf(samples.map((s) => s.answer.status));
  console.log(`  answers: ${JSON.stringify(statuses)}; not 200 or not from AFAS: ${bad.length}`);
  const p50 = percentile(own, 50);
  const p95 = percentile(own, 95);
  goal(`own time per uncached lookup < ${OWN_TIME_GOAL_MS} ms (p50 and p95)`, `p50 ${ms(p50)} ms, p95 ${ms(p95)} ms`, p95 < OWN_TIME_GOAL_MS && bad.length === 0);

  const perLookup = histogram(samples.map((s) => s.afasRequests));
  const depths = histogram(samples.map((s) => s.depth));
  const maxDepth = Math.max(...samples.map((s) => s.depth));
  console.log('\n3. AFAS requests per uncached lookup (emulator request log; sequential depth from the proxy timings)');
  table([
    ['', 'distribution (value: lookups)', 'max'],
    ['AFAS requests per lookup', JSON.stringify(perLookup), String(Math.max(...samples.map((s) => s.afasRequests)))],
    ['sequential round trips', JSON.stringify(depths), String(maxDepth)],
  ]);
  console.log('  a matched caller needs contacts, then cases (the cases filter is built from the contacts answer); no match needs');
  console.log(`  contacts only. Requests not classified as contacts/cases: ${mismatchedCounts} lookups.`);
  goal('sequential AFAS round trips per lookup <= 2', `max ${maxDepth}`, maxDepth <= 2);

  return {
    lookups: samples.length,
    ownMs: { p50: round(p50), p95: round(p95), max: round(Math.max(...own)) },
    wallMsP50: round(percentile(samples.map((s) => s.wallMs), 50)),
    afasMsP50: round(percentile(samples.map((s) => s.afasMs), 50)),
    byAfasRequests: Object.fromEntries(groups.map((g) => [g.n, { lookups: g.of.length, ownMsP50: round(percentile(g.of.map((s) => s.ownMs), 50)), ownMsP95: round(percentile(g.of.map((s) => s.ownMs), 95)) }])),
    answers: statuses,
    failed: bad.length,
    afasRequestsPerLookup: perLookup,
    sequentialRoundTrips: depths,
    maxSequentialRoundTrips: maxDepth,
  };
}

function histogramOf(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function concurrentBurst(service: Child, emulator: RunningEmulator) {
  // Still CacheSeconds=0: only sharing of the in-flight AFAS call can keep this to one request.
  const phone = demoScenarios.find((s) => s.id === 'manyCases')?.phone ?? '+31623456789';
  emulator.resetRequests();
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: BURST }, () => lookup(service.url, phone)));
  const wallMs = performance.now() - started;
  const contacts = emulator.requests.filter((r) => connectorOf(r.path) === CONTACTS_CONNECTOR).length;
  const cases = emulator.requests.filter((r) => connectorOf(r.path) === CASES_CONNECTOR).length;
  const ok = answers.filter((a) => a.httpStatus === 200).length;
  console.log(`\n4. ${BURST} concurrent identical uncached lookups (${phone}, CacheSeconds=0)`);
  table([
    ['', 'contacts requests', 'cases requests', 'HTTP 200', 'sources', 'wall ms'],
    ['AFAS received', String(contacts), String(cases), `${ok}/${BURST}`, JSON.stringify(histogramOf(answers.map((a) => a.source))), ms(wallMs)],
  ]);
  goal(`${BURST} concurrent identical lookups -> exactly 1 contacts request`, `${contacts} contacts request(s), ${ok}/${BURST} answered 200`, contacts === 1 && ok === BURST);
  return { lookups: BURST, contactsRequests: contacts, casesRequests: cases, ok, wallMs: round(wallMs) };
}

// ------------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const began = performance.now();
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.arch()}`, memoryGiB: round(os.totalmem() / 2 ** 30, 1) };
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const serviceArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

  const emulator = await startEmulator({ port: 0, latencyMs, quiet: true });
  const proxy = await startTimingProxy(emulator.url);
  const children: Child[] = [];
  try {
    const service = await startChild(here('./service-process.ts'), serviceArgs);
    children.push(service);
    const hello = await startChild(here('./hello-process.ts'));
    children.push(hello);

    console.log('AFAS caller-lookup benchmark');
    console.log(`  machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}`);
    console.log(`  emulator latency: ${latencyMs} ms per AFAS request (BENCH_AFAS_LATENCY_MS)`);
    console.log(`  processes: service pid ${service.pid}, hello-world pid ${hello.pid}; autocannon, emulator and timing proxy in pid ${process.pid}`);
    if (profileDir) console.log(`  CPU profile of the service process goes to ${profileDir}`);

    const cached = await cachedVersusHello(service, hello, emulator, proxy);
    const uncached = await uncachedLookups(service, emulator, proxy);
    const burst = await concurrentBurst(service, emulator);

    const failed = goals.filter((g) => !g.pass);
    console.log(`\nGoals: ${goals.length - failed.length}/${goals.length} PASS${failed.length ? `; FAIL: ${failed.map((g) => g.name).join('; ')}` : ''}`);
    console.log(`Finished in ${((performance.now() - began) / 1000).toFixed(1)} s.`);
    console.log('JSON summary:');
    console.log(JSON.stringify({ machine, emulatorLatencyMs: latencyMs, cached, uncached, burst, goals }));
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await proxy.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
