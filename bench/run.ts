/**
 * `npm run bench`: the caller-lookup service against the AFAS emulator, next to an Express hello-world.
 *
 * Processes: this one runs the load generator (autocannon), the emulator and a timing proxy in front of it;
 * the service and the hello-world each run in their own child process, so neither shares an event loop
 * with the load generator. Loopback only, bounded durations and request counts; exits 0 when a goal is
 * missed (it is a benchmark, not a test) and 1 only when the benchmark itself could not run.
 *
 * Sections 1–6 run against a small emulator (2,400 contacts); the LARGE-TENANT section (7–11, bench/large-tenant.ts)
 * starts its own of 250,000 contacts with the cost model on, and two more service processes.
 *
 * Environment: BENCH_AFAS_LATENCY_MS (default 40) is the emulator's latency per AFAS request; BENCH_CPU_PROF_DIR writes
 * CPU profiles of the service processes there; BENCH_ONLY=large runs the large-tenant section alone and BENCH_ONLY=fleet
 * the fleet section alone (with the goal summary and JSON line), for working on it.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoScenarios, startEmulator, type RunningEmulator } from '../emulator/src/index.js';
import { startChild, type Child } from './child-io.js';
import { closeClient, get, lookup, lookupUrl, publishSettings } from './client.js';
import { fleetSection } from './fleet.js';
import { largeTenantSection } from './large-tenant.js';
import { load, summarize, type Load } from './load.js';
import { cpuMsOf } from './proc-cpu.js';
import { goal, goals, loadHeader, loadRow, ms, table } from './report.js';
import { countBy, percentile, round } from './stats.js';
import { afasUrl, startTimingProxy, type TimingProxy } from './timing-proxy.js';
import { CASES_CONNECTOR, CONTACTS_CONNECTOR, connectorOf, measureUncached, type Sample } from './uncached.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const LOAD_SECONDS = 8;
const ROUNDS = 4;
const UNCACHED_LOOKUPS = 200;
const BURST = 100;
/** Goals (issue 7): cached lookups at 50 connections next to a hello-world sending the same body, and own time. */
const THROUGHPUT_GOAL = 0.8;
const P99_GOAL = 1.2;
const OWN_TIME_GOAL_MS = 3;

const latencyMs = readLatency(process.env.BENCH_AFAS_LATENCY_MS);
const only = readOnly(process.env.BENCH_ONLY);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

function readLatency(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 40;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 2000) throw new Error('BENCH_AFAS_LATENCY_MS: expected an integer 0..2000');
  return value;
}

function readOnly(raw: string | undefined): 'large' | 'fleet' | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'large' || raw === 'fleet') return raw;
  throw new Error('BENCH_ONLY: expected large (the large-tenant section alone), fleet (the fleet section alone) or nothing');
}

// ------------------------------------------------------------------------------------------- sections

interface WarmCache {
  phone: string;
  url: string;
  /** The cached answer's body: the hello-world sends the same. */
  body: string;
}

/** Publishes a long cache time and looks the known caller up twice, so the second answer comes from the cache. */
async function warmCache(service: Child, emulator: RunningEmulator, proxy: TimingProxy): Promise<WarmCache> {
  // A cache time far beyond the run: every measured lookup must be a cache hit.
  await publishSettings(service.url, emulator, afasUrl(proxy), 600);
  const phone = demoScenarios.find((s) => s.id === 'known')?.phone ?? '+31612345678';
  const first = await lookup(service.url, phone);
  const second = await lookup(service.url, phone);
  if (first.httpStatus !== 200 || first.source !== 'afas' || second.source !== 'cache') {
    throw new Error(`cache warm-up failed: ${JSON.stringify([first, second].map(({ text: _text, ...a }) => a))}`);
  }
  return { phone, url: lookupUrl(service.url, phone), body: second.text };
}

async function cachedVersusHello(service: Child, hello: Child, emulator: RunningEmulator, { phone, url, body }: WarmCache) {
  const helloBody = (await get(hello.url)).text;
  await load(hello.url, CONNECTIONS, WARMUP_SECONDS);
  await load(url, CONNECTIONS, WARMUP_SECONDS);
  // Short alternating rounds: a shared machine's speed drifts, and both sides should see the same drift.
  const helloRuns: Load[] = [];
  const lookupRuns: Load[] = [];
  const cpuMs = { hello: 0, lookup: 0 };
  /** One round of load, adding the CPU time the answering process spent to `cpuMs[side]`. */
  const timedRound = async (side: keyof typeof cpuMs, child: Child, url: string): Promise<Load> => {
    const before = cpuMsOf(child.pid);
    const run = await load(url, CONNECTIONS, LOAD_SECONDS / ROUNDS);
    const after = cpuMsOf(child.pid);
    cpuMs[side] += before !== undefined && after !== undefined ? after - before : Number.NaN;
    return run;
  };
  const afasBefore = emulator.requests.length;
  for (let i = 0; i < ROUNDS; i++) {
    helloRuns.push(await timedRound('hello', hello, hello.url));
    lookupRuns.push(await timedRound('lookup', service, url));
  }
  const afasDuringLoad = emulator.requests.length - afasBefore;
  const after = await lookup(service.url, phone);
  const base = summarize(helloRuns);
  const cached = summarize(lookupRuns);
  const roundRatios = lookupRuns.map((r, i) => round(r.latencies.length / (helloRuns[i]?.latencies.length ?? Number.NaN)));

  const throughputRatio = cached.reqPerSec / base.reqPerSec;
  const p99Ratio = cached.p99 / base.p99;
  console.log(
    `\n1. Cached lookups vs Express 5 hello-world: ${CONNECTIONS} connections, ${LOAD_SECONDS} s each (${ROUNDS} alternating rounds of ${LOAD_SECONDS / ROUNDS} s, after ${WARMUP_SECONDS} s warm-up each)`,
  );
  console.log(
    `  body: the cached lookup's answer, ${Buffer.byteLength(body)} bytes; the hello-world sends it with res.json (Express defaults)${helloBody === body ? '' : ', but its bytes differ'}`,
  );
  table([
    loadHeader,
    loadRow('express hello-world', base),
    loadRow('cached lookup', cached),
    [
      'lookup / hello-world',
      `${throughputRatio.toFixed(2)}x`,
      `${(cached.p50 / base.p50).toFixed(2)}x`,
      `${p99Ratio.toFixed(2)}x`,
      '',
      '',
      '',
    ],
  ]);
  console.log(`  throughput ratio per round: ${roundRatios.map((r) => r.toFixed(2)).join(', ')}`);
  const cpuPerAnswerUs = {
    hello: round((1000 * cpuMs.hello) / base.requests, 1),
    lookup: round((1000 * cpuMs.lookup) / cached.requests, 1),
  };
  if (Number.isFinite(cpuPerAnswerUs.hello) && Number.isFinite(cpuPerAnswerUs.lookup)) {
    console.log(
      `  CPU time per answer (its process, /proc): hello-world ${cpuPerAnswerUs.hello.toFixed(1)} µs, cached lookup ${cpuPerAnswerUs.lookup.toFixed(1)} µs = ${(cpuPerAnswerUs.lookup / cpuPerAnswerUs.hello).toFixed(2)}x`,
    );
  }
  console.log(`  AFAS requests during the cached load: ${afasDuringLoad} (source of a lookup afterwards: ${after.source})`);
  const clean = cached.non2xx === 0 && cached.errors === 0 && afasDuringLoad === 0;
  goal(
    `cached throughput >= ${THROUGHPUT_GOAL}x hello-world`,
    `${throughputRatio.toFixed(2)}x (${cached.reqPerSec.toFixed(0)} vs ${base.reqPerSec.toFixed(0)} req/s)${clean ? '' : ', but not all answers were clean cache hits'}`,
    throughputRatio >= THROUGHPUT_GOAL && clean,
  );
  goal(
    `cached p99 <= ${P99_GOAL}x hello-world p99`,
    `${p99Ratio.toFixed(2)}x (${ms(cached.p99)} vs ${ms(base.p99)} ms)`,
    p99Ratio <= P99_GOAL,
  );
  return {
    bodyBytes: Buffer.byteLength(body),
    hello: base,
    cached,
    throughputRatio: round(throughputRatio),
    p99Ratio: round(p99Ratio),
    roundRatios,
    cpuPerAnswerUs,
    afasRequestsDuringLoad: afasDuringLoad,
  };
}

/** Distinct numbers that mostly match nobody, with every tenth one a demo number that does match. */
function uncachedNumbers(n: number): string[] {
  const demo = demoScenarios.flatMap((s) => (s.phone?.startsWith('+') ? [s.phone] : []));
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 0 && demo.length > 0 ? (demo[(i / 10) % demo.length] ?? '') : `+3161000${String(i).padStart(4, '0')}`,
  );
}

/** For scale: a sequential round trip to the hello-world from this client, the floor of any HTTP hop here. */
async function helloRoundTrip(helloUrl: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const { endedAt } = await get(helloUrl);
    times.push(endedAt - started);
  }
  return percentile(times.slice(10), 50);
}

async function uncachedLookups(service: Child, hello: Child, emulator: RunningEmulator, proxy: TimingProxy) {
  // CacheSeconds=0: no answer is kept (in-flight sharing stays), so every lookup goes to AFAS.
  await publishSettings(service.url, emulator, afasUrl(proxy), 0);
  for (let i = 0; i < 10; i++) await measureUncached(service.url, `+3161999${String(i).padStart(4, '0')}`, emulator, proxy);
  const floorMs = await helloRoundTrip(hello.url);

  const samples: Sample[] = [];
  for (const phone of uncachedNumbers(UNCACHED_LOOKUPS)) samples.push(await measureUncached(service.url, phone, emulator, proxy));
  const bad = samples.filter((s) => s.answer.httpStatus !== 200 || s.answer.source !== 'afas');
  const mismatchedCounts = samples.filter((s) => s.afasRequests !== s.contacts + s.cases).length;

  const own = samples.map((s) => s.ownMs);
  const groups = [1, 2, 3].map((n) => ({ n, of: samples.filter((s) => s.afasRequests === n) })).filter((g) => g.of.length > 0);
  console.log(
    `\n2. The service's own time per uncached lookup: ${samples.length} sequential lookups, CacheSeconds=0, emulator latency ${latencyMs} ms`,
  );
  console.log('  method: own time = wall time of the lookup at this client − time its AFAS requests were open at a pass-through');
  console.log('  timing proxy in front of the emulator (request arrival → answer end, same clock). It includes both loopback');
  console.log('  hops (bench → service, service → proxy), Express, validation and mapping; the proxy → emulator hop and the');
  console.log("  emulator's own work count as AFAS time. 'before AFAS' = lookup sent → first AFAS request at the proxy; 'after AFAS'");
  console.log('  = last AFAS answer sent → lookup answer read here; for 2-request lookups the rest is spent between the two.');
  table([
    ['', 'lookups', 'wall p50', 'AFAS p50', 'own p50', 'own p95', 'own max', 'before AFAS p50', 'after AFAS p50'],
    ...[
      { label: 'all uncached', of: samples },
      ...groups.map((g) => ({ label: `${g.n} AFAS request${g.n > 1 ? 's' : ''}`, of: g.of })),
    ].map(({ label, of }) => [
      label,
      String(of.length),
      ms(
        percentile(
          of.map((s) => s.wallMs),
          50,
        ),
      ),
      ms(
        percentile(
          of.map((s) => s.afasMs),
          50,
        ),
      ),
      ms(
        percentile(
          of.map((s) => s.ownMs),
          50,
        ),
      ),
      ms(
        percentile(
          of.map((s) => s.ownMs),
          95,
        ),
      ),
      ms(Math.max(...of.map((s) => s.ownMs))),
      ms(
        percentile(
          of.map((s) => s.beforeMs),
          50,
        ),
      ),
      ms(
        percentile(
          of.map((s) => s.afterMs),
          50,
        ),
      ),
    ]),
  ]);
  console.log(
    `  for scale: one sequential hello-world round trip from this client takes ${ms(floorMs)} ms (p50); a lookup makes two such hops.`,
  );
  const statuses = countBy(samples.map((s) => s.answer.status));
  console.log(`  answers: ${JSON.stringify(statuses)}; not 200 or not from AFAS: ${bad.length}`);
  const p50 = percentile(own, 50);
  const p95 = percentile(own, 95);
  goal(
    `own time per uncached lookup <= ${OWN_TIME_GOAL_MS} ms (p50)`,
    `p50 ${ms(p50)} ms (p95 ${ms(p95)} ms)`,
    p50 <= OWN_TIME_GOAL_MS && bad.length === 0,
  );

  const perLookup = countBy(samples.map((s) => s.afasRequests));
  const depths = countBy(samples.map((s) => s.depth));
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
    helloRoundTripMsP50: round(floorMs),
    wallMsP50: round(
      percentile(
        samples.map((s) => s.wallMs),
        50,
      ),
    ),
    afasMsP50: round(
      percentile(
        samples.map((s) => s.afasMs),
        50,
      ),
    ),
    byAfasRequests: Object.fromEntries(
      groups.map((g) => [
        g.n,
        {
          lookups: g.of.length,
          ownMsP50: round(
            percentile(
              g.of.map((s) => s.ownMs),
              50,
            ),
          ),
          ownMsP95: round(
            percentile(
              g.of.map((s) => s.ownMs),
              95,
            ),
          ),
        },
      ]),
    ),
    answers: statuses,
    failed: bad.length,
    afasRequestsPerLookup: perLookup,
    sequentialRoundTrips: depths,
    maxSequentialRoundTrips: maxDepth,
  };
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
    ['AFAS received', String(contacts), String(cases), `${ok}/${BURST}`, JSON.stringify(countBy(answers.map((a) => a.source))), ms(wallMs)],
  ]);
  goal(
    `${BURST} concurrent identical lookups -> exactly 1 contacts request`,
    `${contacts} contacts request(s), ${ok}/${BURST} answered 200`,
    contacts === 1 && ok === BURST,
  );
  return { lookups: BURST, contactsRequests: contacts, casesRequests: cases, ok, wallMs: round(wallMs) };
}

// ------------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const began = performance.now();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  };
  // BENCH_CPU_PROF_DIR: CPU profiles of the service (<dir>/service), the hello-world (<dir>/hello) and the fleet
  // instances (<dir>/fleet-a, <dir>/fleet-b) and the large-tenant instances (<dir>/large-live, <dir>/large-index), for
  // bench/profile-summary.ts.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profileArgs = (name: string): string[] => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : []);
  const finish = (summary: Record<string, unknown>): void => {
    const failed = goals.filter((g) => !g.pass);
    console.log(
      `\nGoals: ${goals.length - failed.length}/${goals.length} PASS${failed.length ? `; FAIL: ${failed.map((g) => g.name).join('; ')}` : ''}`,
    );
    console.log(`Finished in ${((performance.now() - began) / 1000).toFixed(1)} s.`);
    console.log('JSON summary:');
    console.log(JSON.stringify({ machine, emulatorLatencyMs: latencyMs, ...summary, goals }));
  };

  if (only === 'large') {
    console.log('AFAS caller-lookup benchmark: the large-tenant section only (BENCH_ONLY=large)');
    console.log(`  machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}`);
    const largeTenant = await largeTenantSection({ latencyMs, nodeArgs: profileArgs });
    closeClient();
    finish({ largeTenant });
    return;
  }

  const emulator = await startEmulator({ port: 0, latencyMs, quiet: true });
  const proxy = await startTimingProxy(emulator.url);
  const children: Child[] = [];
  try {
    // The embedded store, even when this process runs with CRM_REDIS_URL: the fleet section compares against it.
    const service = await startChild(here('./service-process.ts'), profileArgs('service'), { CRM_REDIS_URL: '' });
    children.push(service);
    const warm = await warmCache(service, emulator, proxy);
    const hello = await startChild(here('./hello-process.ts'), profileArgs('hello'), { BENCH_HELLO_BODY: warm.body });
    children.push(hello);

    console.log('AFAS caller-lookup benchmark');
    console.log(`  machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}`);
    console.log(`  emulator latency: ${latencyMs} ms per AFAS request (BENCH_AFAS_LATENCY_MS)`);
    console.log(
      `  processes: service pid ${service.pid}, hello-world pid ${hello.pid}; autocannon, emulator and timing proxy in pid ${process.pid}`,
    );
    if (profileDir) {
      console.log(
        `  CPU profiles of the service and the hello-world go to ${profileDir}/service and ${profileDir}/hello (fleet instances: fleet-a, fleet-b; large tenant: large-live, large-index)`,
      );
    }

    const cached = only === 'fleet' ? undefined : await cachedVersusHello(service, hello, emulator, warm);
    const uncached = only === 'fleet' ? undefined : await uncachedLookups(service, hello, emulator, proxy);
    const burst = only === 'fleet' ? undefined : await concurrentBurst(service, emulator);
    const fleet = await fleetSection({
      embedded: service,
      emulator,
      proxy,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      loadSeconds: LOAD_SECONDS,
      rounds: ROUNDS,
      nodeArgs: profileArgs,
    });

    if (only === 'fleet') {
      finish({ fleet });
      return;
    }
    const largeTenant = await largeTenantSection({ latencyMs, nodeArgs: profileArgs });
    finish({ cached, uncached, burst, fleet, largeTenant });
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    closeClient();
    await proxy.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
