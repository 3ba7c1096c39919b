/**
 * The FLEET section of `npm run bench`: two service processes sharing state on a private redis-server, next to one
 * on the embedded store. Publishing settings to one fleet instance must configure the other; cached lookups are
 * loaded on both set-ups; and the own time Redis adds to an uncached lookup is measured against the embedded store.
 */
import { fileURLToPath } from 'node:url';
import { demoScenarios, type RunningEmulator } from '../emulator/src/index.js';
import { buildDataset } from '../emulator/src/data/generate.js';
import { startChild, type Child } from './child-io.js';
import { lookup, lookupUrl, publishSettings } from './client.js';
import { load, summarize, type Load, type LoadSummary } from './load.js';
import { cpuMsOf } from './proc-cpu.js';
import { startRedis, type TestRedis } from '../test/proxy/support/redis-server.js';
import { errorText, goal, loadHeader, loadRow, ms, table } from './report.js';
import { countBy, percentile, round } from './stats.js';
import { afasUrl, type TimingProxy } from './timing-proxy.js';
import { measureUncached, type Sample } from './uncached.js';

const CACHE_SECONDS = 600;
const PROPAGATION_LIMIT_MS = 2000;
const UNCACHED_LOOKUPS = 200;
const BATCH = 10;
const OWN_TIME_GOAL_MS = 1;

export interface FleetOptions {
  /** The single instance on the embedded store (the one the other sections measure). */
  embedded: Child;
  emulator: RunningEmulator;
  proxy: TimingProxy;
  /** The same load as section 1. */
  connections: number;
  warmupSeconds: number;
  loadSeconds: number;
  rounds: number;
  /** Extra node arguments for a fleet instance's process (CPU profiles). */
  nodeArgs: (name: string) => string[];
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const knownPhone = demoScenarios.find((s) => s.id === 'known')?.phone ?? '+31612345678';

/** Runs the fleet section; never throws (a failure is printed and becomes a FAIL goal, so the summary still prints). */
export async function fleetSection(o: FleetOptions): Promise<Record<string, unknown>> {
  console.log('\nFLEET: shared state on Redis (CRM_REDIS_URL), each instance the real service in its own process and data dir');
  let redis: TestRedis;
  try {
    redis = await startRedis();
  } catch (error) {
    console.log(`  skipped: no private redis-server could be started: ${errorText(error)}`);
    goal('fleet section ran', `skipped (${errorText(error).split('\n')[0] ?? ''})`, false);
    return { skipped: errorText(error) };
  }
  const fleet: Child[] = [];
  try {
    const started = await Promise.allSettled(
      ['fleet-a', 'fleet-b'].map((name) => startChild(here('./service-process.ts'), o.nodeArgs(name), { CRM_REDIS_URL: redis.url })),
    );
    for (const s of started) if (s.status === 'fulfilled') fleet.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b] = fleet as [Child, Child];
    console.log(
      `  processes: redis-server ${redis.version} pid ${redis.pid} (${redis.url}, nothing saved); fleet instances A pid ${a.pid} and B pid ${b.pid}; embedded-store instance pid ${o.embedded.pid} (the one measured above)`,
    );

    const propagation = await publishToOne(a, b, o);
    if (propagation.ms === undefined) return { redisVersion: redis.version, propagation };
    await warm(a, b, o);
    const cached = await cachedLoad(a, b, o);
    const uncached = await uncachedOwnTime(a, o);
    return { redisVersion: redis.version, propagation, cached, uncached };
  } catch (error) {
    console.log(`  the fleet section failed: ${errorText(error)}`);
    goal('fleet section ran', `failed (${errorText(error).split('\n')[0] ?? ''})`, false);
    return { failed: errorText(error) };
  } finally {
    await Promise.all(fleet.map((c) => c.stop()));
    await redis.close();
  }
}

/** Publishes to A only, then asks B for the known caller until it answers 200. */
async function publishToOne(a: Child, b: Child, o: FleetOptions): Promise<{ ms?: number; lookups: number; lastStatus: number }> {
  await publishSettings(a.url, o.emulator, afasUrl(o.proxy), CACHE_SECONDS);
  const published = performance.now();
  let lastStatus = 0;
  let lookups = 0;
  let sentAfter: number | undefined;
  for (let sent = 0; sent <= PROPAGATION_LIMIT_MS; sent = performance.now() - published) {
    lookups += 1;
    lastStatus = (await lookup(b.url, knownPhone)).httpStatus;
    if (lastStatus === 200) {
      sentAfter = sent;
      break;
    }
    await sleep(20);
  }
  goal(
    `settings published to instance A configure instance B within ${PROPAGATION_LIMIT_MS / 1000} s`,
    sentAfter === undefined
      ? `B still answered ${lastStatus} ${PROPAGATION_LIMIT_MS} ms after A took the publish (the rest of the fleet section is skipped)`
      : lookups === 1
        ? 'B answered 200 to the first lookup, sent as soon as A took the publish'
        : `B answered 200 to lookup ${lookups}, sent ${ms(sentAfter)} ms after A took the publish`,
    sentAfter !== undefined,
  );
  return { ms: sentAfter === undefined ? undefined : round(sentAfter), lookups, lastStatus };
}

/**
 * Puts the known caller in the shared cache and in each instance's own cache, and in the embedded instance's.
 * B's first answer above came from AFAS and was shared, so A's first lookup is already a shared-cache hit.
 */
async function warm(a: Child, b: Child, o: FleetOptions): Promise<void> {
  await publishSettings(o.embedded.url, o.emulator, afasUrl(o.proxy), CACHE_SECONDS);
  await lookup(o.embedded.url, knownPhone);
  await lookup(a.url, knownPhone);
  const checks = await Promise.all([a, b, o.embedded].map((c) => lookup(c.url, knownPhone)));
  if (checks.some((c) => c.httpStatus !== 200 || c.source !== 'cache')) {
    throw new Error(`cache warm-up failed: ${JSON.stringify(checks.map(({ text: _text, ...answer }) => answer))}`);
  }
}

/** Runs that ran at the same time, as one: their answers merged over the longer of their durations. */
function together(runs: readonly Load[]): Load {
  return {
    seconds: Math.max(...runs.map((r) => r.seconds)),
    latencies: runs.flatMap((r) => r.latencies),
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
    errors: runs.reduce((t, r) => t + r.errors, 0),
  };
}

async function cachedLoad(a: Child, b: Child, o: FleetOptions) {
  const half = o.connections / 2;
  const embeddedUrl = lookupUrl(o.embedded.url, knownPhone);
  const fleetUrls = [a, b].map((c) => lookupUrl(c.url, knownPhone));
  const fleetLoad = (seconds: number): Promise<Load[]> => Promise.all(fleetUrls.map((url) => load(url, half, seconds)));
  const cpuOf = (children: readonly Child[]): number => children.reduce((t, c) => t + (cpuMsOf(c.pid) ?? Number.NaN), 0);

  await load(embeddedUrl, o.connections, o.warmupSeconds);
  await fleetLoad(o.warmupSeconds);
  const embeddedRuns: Load[] = [];
  const fleetRuns: Load[] = [];
  const perInstance: [number, number] = [0, 0];
  const cpuMs = { embedded: 0, fleet: 0 };
  const afasBefore = o.emulator.requests.length;
  const seconds = o.loadSeconds / o.rounds;
  for (let i = 0; i < o.rounds; i++) {
    let before = cpuOf([o.embedded]);
    embeddedRuns.push(await load(embeddedUrl, o.connections, seconds));
    cpuMs.embedded += cpuOf([o.embedded]) - before;
    before = cpuOf([a, b]);
    const [onA, onB] = (await fleetLoad(seconds)) as [Load, Load];
    cpuMs.fleet += cpuOf([a, b]) - before;
    perInstance[0] += onA.latencies.length;
    perInstance[1] += onB.latencies.length;
    fleetRuns.push(together([onA, onB]));
  }
  const afasDuringLoad = o.emulator.requests.length - afasBefore;
  const single = summarize(embeddedRuns);
  const pair = summarize(fleetRuns);
  const loadSeconds = fleetRuns.reduce((t, r) => t + r.seconds, 0);

  console.log(
    `\n5. Fleet: cached lookups (the known caller), ${o.connections} connections, ${o.loadSeconds} s each (${o.rounds} alternating rounds of ${seconds} s, after ${o.warmupSeconds} s warm-up each)`,
  );
  console.log(
    `  2 instances: two autocannon runs at once from this process, ${half} connections to each instance; req/s summed, latencies merged.`,
  );
  console.log('  No balancer in front: one in this process would be the bottleneck.');
  table([loadHeader, loadRow('1 instance, embedded store', single), loadRow('2 instances, Redis', pair)]);
  const cpuPerAnswerUs = {
    embedded: round((1000 * cpuMs.embedded) / single.requests, 1),
    fleet: round((1000 * cpuMs.fleet) / pair.requests, 1),
  };
  console.log(
    `  2 instances, per instance: A ${(perInstance[0] / loadSeconds).toFixed(0)} req/s, B ${(perInstance[1] / loadSeconds).toFixed(0)} req/s`,
  );
  if (Number.isFinite(cpuPerAnswerUs.embedded) && Number.isFinite(cpuPerAnswerUs.fleet)) {
    console.log(
      `  CPU time per answer (the answering processes, /proc): 1 instance ${cpuPerAnswerUs.embedded.toFixed(1)} µs, 2 instances ${cpuPerAnswerUs.fleet.toFixed(1)} µs`,
    );
  }
  console.log(`  AFAS requests during the cached load: ${afasDuringLoad}`);
  console.log(
    `  note: this machine has 2 cores, shared by both instances, autocannon, the emulator and Redis, so two instances cannot double throughput here (measured: ${(pair.reqPerSec / single.reqPerSec).toFixed(2)}x).`,
  );
  const clean = (r: LoadSummary): boolean => r.non2xx === 0 && r.errors === 0;
  goal(
    '2-instance fleet answers cached lookups cleanly',
    `${pair.non2xx} non-2xx, ${pair.errors} errors, ${afasDuringLoad} AFAS requests during the load`,
    clean(pair) && afasDuringLoad === 0,
  );
  return {
    embedded: single,
    fleet: pair,
    fleetReqPerSecPerInstance: perInstance.map((n) => round(n / loadSeconds, 0)),
    cpuPerAnswerUs,
    afasRequestsDuringLoad: afasDuringLoad,
  };
}

/**
 * Distinct numbers, so that with a long cache time every lookup is a miss (and is written to the cache): nine in ten
 * match nobody; every tenth is a generated contact's mobile number, a match (contacts, then cases), as in section 2.
 */
function distinctNumbers(n: number): string[] {
  const mobiles = buildDataset()
    .contacts.flatMap((row) => [row.MobWork, row.MobPrivate])
    .filter((v): v is string => typeof v === 'string');
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 0 && mobiles[i / 10] !== undefined ? (mobiles[i / 10] ?? '') : `+3161002${String(i).padStart(4, '0')}`,
  );
}

function summary(samples: readonly Sample[]) {
  const p = (pick: (s: Sample) => number, q: number): number => percentile(samples.map(pick), q);
  return {
    lookups: samples.length,
    wallP50: p((s) => s.wallMs, 50),
    afasP50: p((s) => s.afasMs, 50),
    ownP50: p((s) => s.ownMs, 50),
    ownP90: p((s) => s.ownMs, 90),
    beforeP50: p((s) => s.beforeMs, 50),
    afterP50: p((s) => s.afterMs, 50),
  };
}

async function uncachedOwnTime(onRedis: Child, o: FleetOptions) {
  const sides = [
    { name: 'embedded store (1 instance)', url: o.embedded.url, samples: [] as Sample[] },
    { name: 'Redis (fleet instance A)', url: onRedis.url, samples: [] as Sample[] },
  ] as const;
  // Both already run with CacheSeconds=600 (published above); a first lookup on each warms its code paths.
  for (const side of sides) {
    for (let i = 0; i < 10; i++) await measureUncached(side.url, `+3161998${String(i).padStart(4, '0')}`, o.emulator, o.proxy);
  }
  // The same numbers on both sides (each side has its own cache), in alternating batches so drift hits both.
  const numbers = distinctNumbers(UNCACHED_LOOKUPS);
  for (let from = 0; from < numbers.length; from += BATCH) {
    const order = (from / BATCH) % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      for (const phone of numbers.slice(from, from + BATCH)) side.samples.push(await measureUncached(side.url, phone, o.emulator, o.proxy));
    }
  }
  const [embedded, redis] = sides.map((s) => summary(s.samples)) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
  const bad = sides.map((s) => s.samples.filter((x) => x.answer.httpStatus !== 200 || x.answer.source !== 'afas').length);
  const diff = redis.ownP50 - embedded.ownP50;

  console.log(
    `\n6. Fleet: own time per uncached lookup, Redis next to the embedded store: ${UNCACHED_LOOKUPS} distinct numbers on each, sequential, CacheSeconds=${CACHE_SECONDS}`,
  );
  console.log(
    `  (every lookup a miss that is then kept), alternating batches of ${BATCH}, emulator latency as above; own time as in section 2.`,
  );
  console.log('  On Redis an uncached lookup adds a shared-cache read (a miss), the rate-limit increment (a script), a fleet-wide');
  console.log('  AFAS slot acquire (a script) and release per AFAS request, and a shared-cache write (not waited for).');
  const row = (name: string, s: ReturnType<typeof summary>, lookups: string): string[] => [
    name,
    lookups,
    ms(s.wallP50),
    ms(s.afasP50),
    ms(s.ownP50),
    ms(s.ownP90),
    ms(s.beforeP50),
    ms(s.afterP50),
  ];
  const signed = (v: number): string => `${v >= 0 ? '+' : ''}${ms(v)}`;
  table([
    ['', 'lookups', 'wall p50', 'AFAS p50', 'own p50', 'own p90', 'before AFAS p50', 'after AFAS p50'],
    row(sides[0].name, embedded, String(embedded.lookups)),
    row(sides[1].name, redis, String(redis.lookups)),
    [
      'Redis − embedded',
      '',
      signed(redis.wallP50 - embedded.wallP50),
      signed(redis.afasP50 - embedded.afasP50),
      signed(diff),
      signed(redis.ownP90 - embedded.ownP90),
      signed(redis.beforeP50 - embedded.beforeP50),
      signed(redis.afterP50 - embedded.afterP50),
    ],
  ]);
  const byRequests = [1, 2].map((n) => {
    const [e, r] = sides.map((s) =>
      percentile(
        s.samples.filter((x) => x.afasRequests === n).map((x) => x.ownMs),
        50,
      ),
    ) as [number, number];
    return { afasRequests: n, lookups: sides[1].samples.filter((x) => x.afasRequests === n).length, ownP50DiffMs: round(r - e) };
  });
  console.log(
    `  own p50, Redis − embedded, by AFAS requests per lookup: ${byRequests.map((g) => `${g.afasRequests}: ${signed(g.ownP50DiffMs)} ms (${g.lookups} lookups)`).join(', ')}`,
  );
  const answers = sides.map((s) => countBy(s.samples.map((x) => x.answer.status)));
  console.log(
    `  answers: embedded ${JSON.stringify(answers[0])}, Redis ${JSON.stringify(answers[1])}; not 200 or not from AFAS: ${bad[0]} and ${bad[1]}`,
  );
  goal(
    `Redis adds under ${OWN_TIME_GOAL_MS} ms own time per uncached lookup`,
    `${signed(diff)} ms (own p50 ${ms(redis.ownP50)} vs ${ms(embedded.ownP50)} ms)`,
    diff < OWN_TIME_GOAL_MS && bad.every((n) => n === 0),
  );
  const rounded = (s: ReturnType<typeof summary>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));
  return {
    embedded: rounded(embedded),
    redis: rounded(redis),
    ownP50DiffMs: round(diff),
    byAfasRequests: byRequests,
    answers,
    failed: bad,
  };
}
