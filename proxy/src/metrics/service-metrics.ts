import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import type { StoreStatus } from '../store/shared-store.js';
import type { AfasClient, AfasStatus } from '../afas/client.js';
import type { AfasObserver } from '../afas/observer.js';
import type { LookupObserver } from '../routes/lookup-observer.js';
import type { CacheObserver } from '../services/answer-cache.js';

/** `ucc` label of lookups without a `ucc` parameter, and of UCCs that never published here. Not a valid UCC name. */
export const NO_UCC = '(none)';
export const OTHER_UCC = '(other)';

/**
 * The `ucc` label value of a lookup's `ucc` parameter: the UCC (lower case) if it published settings here, else
 * OTHER_UCC, or NO_UCC without one.
 */
export const uccLabelOf =
  (hasPublished: (ucc: string) => boolean) =>
  (ucc: string | undefined): string =>
    ucc === undefined || ucc === '' ? NO_UCC : hasPublished(ucc) ? ucc.toLowerCase() : OTHER_UCC;

export interface ServiceMetricsOptions {
  /** Made by the composition root, so several services in one process (tests) never share metrics. */
  registry: Registry;
  /** Whether a UCC has published settings here: only those get a `ucc` label value of their own. */
  hasPublished: (ucc: string) => boolean;
  /** The AFAS client of the current settings, read when metrics are scraped. */
  afas: () => AfasClient | undefined;
  /** The shared store's state, read when metrics are scraped. */
  store?: () => StoreStatus;
}

/** The observers the service's parts are given; each feeds the metrics of one registry. */
export interface ServiceMetrics {
  lookups: LookupObserver;
  afas: AfasObserver;
  answerCache: CacheObserver;
  caseCache: CacheObserver;
  /** A browser refused to embed the panel: `frame-ancestors` (from a CSP report) or `cors`. */
  embedRefused: (directive: string) => void;
}

/** Cached lookups take well under a millisecond, AFAS ones tens to hundreds, and none more than 2 × the AFAS timeout. */
const LOOKUP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
/** One AFAS request lasts at most CRM_AFAS_TIMEOUT_MS (at most 60 s); AFAS says a good one takes about a second. */
const AFAS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * One child per pair of label values, made on first use: prom-client's `labels()` builds a new child (and a labels
 * object) on every call. The values come from fixed sets (or the UCCs published here), so the map stays small.
 */
function childrenByPair<T>(make: (a: string, b: string) => T): (a: string, b: string) => T {
  const rows = new Map<string, Map<string, T>>();
  return (a, b) => {
    let row = rows.get(a);
    if (!row) rows.set(a, (row = new Map<string, T>()));
    let child = row.get(b);
    if (!child) row.set(b, (child = make(a, b)));
    return child;
  };
}

interface CacheCounts {
  hits: number;
  misses: number;
  stale: number;
}

/**
 * Cache reads are counted in plain numbers and handed to prom-client when metrics are scraped: the answer cache is
 * read on every lookup, and this keeps the cached hot path at one histogram observe and one counter increment.
 */
function countingObserver(counts: CacheCounts): CacheObserver {
  return {
    hit() {
      counts.hits++;
    },
    miss() {
      counts.misses++;
    },
    stale() {
      counts.stale++;
    },
  };
}

/**
 * The service's Prometheus metrics in `registry`, with prom-client's default process metrics. No label value ever
 * holds a phone number, an address, a key or a token: statuses, sources, outcomes and cache names are fixed sets,
 * connectors come from the settings, and `ucc` is a UCC that published settings here (see ucc label below).
 */
export function createServiceMetrics(o: ServiceMetricsOptions): ServiceMetrics {
  const registers = [o.registry];
  collectDefaultMetrics({ register: o.registry });

  const lookupDuration = new Histogram({
    name: 'crm_lookup_duration_seconds',
    help: 'Time from the lookup handler starting to the answer being sent, by lookup status (or error code) and answer source.',
    labelNames: ['status', 'source'] as const,
    buckets: LOOKUP_BUCKETS,
    registers,
  });
  const lookups = new Counter({
    name: 'crm_lookups_total',
    help: `Lookups by UCC (the ucc parameter, if that UCC published settings here; else ${OTHER_UCC}, or ${NO_UCC} without one) and status.`,
    labelNames: ['ucc', 'status'] as const,
    registers,
  });
  const afasDuration = new Histogram({
    name: 'crm_afas_request_duration_seconds',
    help: 'AFAS requests by connector and outcome; calls refused without a request (paused, breaker_open, queue_full, auth back-off) count with 0 s.',
    labelNames: ['connector', 'outcome'] as const,
    buckets: AFAS_BUCKETS,
    registers,
  });

  const durationChild = childrenByPair((status, source) => lookupDuration.labels(status, source));
  const lookupsChild = childrenByPair((ucc, status) => lookups.labels(ucc, status));
  const afasChild = childrenByPair((connector, outcome) => afasDuration.labels(connector, outcome));

  // Only UCCs that published settings get their own value: the parameter is free text from any API client, and every
  // new value is a new series (kept for the process's life here, and in Prometheus), so unchecked values would let
  // one client grow both without limit. Published UCCs come through the keyed settings endpoint: a handful.
  const uccLabel = uccLabelOf(o.hasPublished);

  const counts: Record<'answers' | 'cases', CacheCounts> = {
    answers: { hits: 0, misses: 0, stale: 0 },
    cases: { hits: 0, misses: 0, stale: 0 },
  };
  const cacheCounter = (name: string, help: string, field: keyof CacheCounts, caches: readonly ('answers' | 'cases')[]) =>
    new Counter({
      name,
      help,
      labelNames: ['cache'] as const,
      registers,
      collect() {
        this.reset();
        for (const cache of caches) this.inc({ cache }, counts[cache][field]);
      },
    });
  cacheCounter('crm_cache_hits_total', 'Reads of the answer cache (lookups) and the case lists (case pages) served without AFAS.', 'hits', [
    'answers',
    'cases',
  ]);
  cacheCounter('crm_cache_misses_total', 'Reads of the answer cache and the case lists that went to AFAS.', 'misses', ['answers', 'cases']);
  cacheCounter(
    'crm_cache_stale_total',
    'Lookups answered with the last known answer while AFAS was down (also counted as misses).',
    'stale',
    ['answers'],
  );

  const afasGauge = (name: string, help: string, read: (s: AfasStatus) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const status = o.afas()?.status();
        this.set(status ? read(status) : 0);
      },
    });
  afasGauge(
    'crm_afas_inflight',
    'AFAS requests in flight (slots taken) in the AFAS environment of the current settings.',
    (s) => s.inFlight,
  );
  afasGauge('crm_afas_queued', 'AFAS calls waiting for a slot.', (s) => s.queued);
  afasGauge('crm_afas_paused', '1 while AFAS asked (retry_after) not to be called, else 0.', (s) => (s.pause ? 1 : 0));
  afasGauge('crm_afas_breaker_open', '1 while the circuit breaker fails AFAS calls fast (open or half-open), else 0.', (s) =>
    s.breaker === 'closed' ? 0 : 1,
  );

  new Gauge({
    name: 'crm_store_up',
    help: '1 while the store of shared state (Redis, or the embedded one) can be reached, else 0.',
    labelNames: ['kind'],
    registers,
    collect() {
      const status = o.store?.();
      this.reset();
      if (status) this.set({ kind: status.kind }, status.state === 'ready' ? 1 : 0);
    },
  });

  const embedRefused = new Counter({
    name: 'crm_embed_refused_total',
    help: 'Refusals because CRM_ALLOWED_ORIGINS does not list an origin: the embeddable page framed by it (frame-ancestors, from CSP reports) or an API request from it (cors).',
    labelNames: ['directive'] as const,
    registers,
  });

  return {
    lookups: {
      lookup(query, _keyId, outcome, seconds) {
        const answered = typeof outcome !== 'string';
        const status = answered ? outcome.status : outcome;
        // A withheld number is answered by neither AFAS nor the cache.
        const source = answered && status !== 'anonymous' ? outcome.source : 'none';
        durationChild(status, source).observe(seconds);
        lookupsChild(uccLabel(query.ucc), status).inc();
      },
    },
    afas: {
      requestEnded(connector, outcome, seconds) {
        afasChild(connector, outcome).observe(seconds);
      },
    },
    answerCache: countingObserver(counts.answers),
    caseCache: countingObserver(counts.cases),
    embedRefused: (directive) => embedRefused.inc({ directive }),
  };
}
