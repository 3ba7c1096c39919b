import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AnswerSource, LookupResponse } from '../contract.js';
import { AppError } from '../errors.js';
import { raceSignal } from '../race-signal.js';
import type { SharedAnswers } from '../store/shared-store.js';
import type { CaseRow } from './case-view.js';
import { isOutage, upstreamFailure } from './failures.js';

/** Epoch milliseconds: Date.now, or a test's own clock (which must start at a real epoch: lru-cache reads 0 as "never"). */
export type Clock = () => number;

/** What a kept answer holds; the query, source and age are filled in per request. */
export type Fresh = Pick<LookupResponse, 'status' | 'contacts'> & {
  /** Found through the caller index rather than by live search. */
  viaIndex?: boolean;
};

/** How long an answer may be reused: for CacheSeconds, briefly (cases missing, search not read to its end), or not at all. */
export type Reuse = 'full' | 'briefly' | 'never';

/** An answer with where it came from and how old it is. */
export interface Answer {
  value: Fresh;
  source: AnswerSource;
  ageSeconds: number;
}

/** How old a kept answer may be to stand in for AFAS while AFAS is down. */
export const STALE_LIMIT_MS = 10 * 60_000;
/** Reuse of an answer that should be retried soon: long enough for one burst of rings to share it. */
export const BRIEF_REUSE_MS = 5_000;
/** lru-cache reads a ttl of 0 as "forever"; 1 ms keeps the in-flight sharing without caching. */
const NO_REUSE_MS = 1;

interface Kept {
  value: Fresh;
  fetchedAt: number;
  /** Whether it may stand in for AFAS while AFAS is down: not a `none` the search could not confirm. */
  standIn: boolean;
}

/**
 * The stale-answer policy. AFAS is down or slow: an agent is better served by the caller as of a few minutes ago
 * (the answer says its age) than by an error. Never when AFAS refused the token (the agent must not keep seeing data
 * AFAS no longer hands out), never with CacheSeconds 0 (the operator wants nothing kept), and never older than
 * STALE_LIMIT_MS.
 */
export function mayStandIn(last: Kept | undefined, error: unknown, cacheSeconds: number, now: number): last is Kept {
  return last !== undefined && last.standIn && cacheSeconds > 0 && now - last.fetchedAt <= STALE_LIMIT_MS && isOutage(error);
}

/** The cache's options common to both caches: a ttl of CacheSeconds and the injected clock (checked on every read). */
function timing(cacheSeconds: number, now: Clock): { ttl: number; perf: { now: Clock }; ttlResolution: number } {
  return { ttl: Math.max(NO_REUSE_MS, cacheSeconds * 1000), perf: { now }, ttlResolution: 0 };
}

/** Told how each read of a cache went (metrics), so the cache needs no metrics library. Cheap, never throws. */
export interface CacheObserver {
  /** A kept entry was served: no AFAS call. */
  hit(): void;
  /** Nothing kept: AFAS was asked (or a request already asking it was joined). */
  miss(): void;
  /** AFAS failed and the last known answer stood in (see mayStandIn); also counted as a miss. */
  stale(): void;
}

/** The fleet's answers (Redis), and the key an answer of this cache has there. */
export interface FleetCache {
  answers: SharedAnswers;
  keyOf(key: string): string;
}

/** Asks AFAS for an answer, and says how long it may be reused. */
export type Resolve = () => Promise<{ fresh: Fresh; reuse: Reuse }>;

export interface AnswerCache {
  /**
   * The kept answer, if one is fresh: the cached lookup's whole path, with nothing to share or wait for (no fetch
   * bookkeeping, no deadline race). A stale entry is left in place for `get` to stand in with.
   */
  fresh(key: string): Answer | undefined;
  /**
   * The kept answer; otherwise a new one from `resolve`, shared by every caller asking for the key while it runs;
   * otherwise, while AFAS is down, the last known one (see mayStandIn). `resolve` runs within the budget of the
   * caller that started it; `signal` ends this caller's wait only, never the work the others share. With a fleet,
   * an answer another instance fetched comes first. `admit` (the rate limit) is asked only when AFAS is.
   */
  get(key: string, resolve: Resolve, signal: AbortSignal, admit?: () => Promise<() => void>): Promise<Answer>;
}

/**
 * The lookup answers of one settings version, by search key. lru-cache's fetch() is also the service's one in-flight
 * sharing layer: while a lookup runs, every identical lookup gets the same promise, so a burst of rings for one
 * caller costs one contacts request, one cases request and one mapping. The AFAS client shares nothing itself:
 * identical AFAS calls come from identical lookups (shared here) or from page requests for one contact's cases
 * (shared by createCaseListCache), so a second layer there would only add a key and a wait per call.
 */
export function createAnswerCache(
  cacheSeconds: number,
  logger: Logger,
  now: Clock,
  observer?: CacheObserver,
  fleet?: FleetCache,
): AnswerCache {
  const times = timing(cacheSeconds, now);

  /** Shares an answer with the other instances: fresh for its ttl, then kept as long as it may stand in. */
  function share(key: string, kept: Kept, ttl: number): void {
    if (!fleet || ttl <= NO_REUSE_MS) return;
    const keepMs = kept.standIn && cacheSeconds > 0 ? Math.max(ttl, STALE_LIMIT_MS) : ttl;
    const shared = fleet.answers;
    const fleetKey = fleet.keyOf(key);
    // After this answer is on its way: the ring waits for nothing that only helps the other instances.
    setImmediate(() => shared.write(fleetKey, { ...kept, freshUntil: kept.fetchedAt + ttl }, keepMs));
  }

  /** A kept answer as served from the cache, with its age. */
  const cachedAnswer = (kept: Kept): Answer => ({
    value: kept.value,
    source: 'cache',
    ageSeconds: Math.floor((now() - kept.fetchedAt) / 1000),
  });

  /** What the fleet holds for the key, fresh or not; undefined without a fleet or when the store fails. */
  const fromFleet = (key: string) => (fleet ? fleet.answers.read<Fresh>(fleet.keyOf(key)) : Promise.resolve(undefined));

  const ttlOf = (reuse: Reuse): number =>
    reuse === 'full' ? times.ttl : reuse === 'briefly' ? Math.min(times.ttl, BRIEF_REUSE_MS) : NO_REUSE_MS;
  const answers = new LRUCache<string, Kept, Resolve>({
    max: 5000, // callers per settings version
    ...times,
    fetchMethod: async (key, last, { context: resolve, options }) => {
      try {
        const { fresh, reuse } = await resolve();
        options.ttl = ttlOf(reuse);
        const kept = { value: fresh, fetchedAt: now(), standIn: reuse !== 'never' };
        share(key, kept, options.ttl);
        return kept;
      } catch (e) {
        const at = now();
        // This instance's last answer, or one another instance kept.
        if (!mayStandIn(last, e, cacheSeconds, at)) last = (await fromFleet(key)) ?? last;
        if (mayStandIn(last, e, cacheSeconds, at)) {
          logger.warn({ code: upstreamFailure(e)?.code }, 'AFAS unavailable: serving the last known answer');
          // Kept again, but never past STALE_LIMIT_MS from when AFAS gave it.
          options.ttl = Math.max(NO_REUSE_MS, Math.min(times.ttl, last.fetchedAt + STALE_LIMIT_MS - at));
          return last;
        }
        throw upstreamFailure(e) ?? e;
      }
    },
  });

  return {
    fresh(key) {
      const kept = answers.get(key, { noDeleteOnStaleGet: true });
      if (kept === undefined) return undefined;
      observer?.hit();
      return cachedAnswer(kept);
    },
    async get(key, resolve, signal, admit) {
      if (fleet) {
        // Asked at the same time: on Redis each is a round trip while the phone rings. A fleet hit gives the lookup back.
        const admission = admit?.().then(
          (giveBack) => ({ giveBack }),
          (error: unknown) => ({ error }),
        );
        const fleetAnswer = await fromFleet(key);
        if (fleetAnswer && fleetAnswer.freshUntil > now()) {
          void admission?.then((a) => 'giveBack' in a && a.giveBack());
          const kept: Kept = { value: fleetAnswer.value, fetchedAt: fleetAnswer.fetchedAt, standIn: fleetAnswer.standIn };
          answers.set(key, kept, { ttl: Math.max(NO_REUSE_MS, fleetAnswer.freshUntil - now()) });
          observer?.hit();
          return cachedAnswer(kept);
        }
        const admitted = await admission;
        if (admitted && 'error' in admitted) throw admitted.error;
      } else if (admit) await admit();
      const started = now();
      const status: LRUCache.Status<string, Kept, Resolve> = {};
      const fetching = answers.fetch(key, { context: resolve, status });
      // lru-cache fills in the status when fetch() is called.
      const hit = status.fetch === 'hit';
      if (observer) {
        if (hit) observer.hit();
        else observer.miss();
      }
      const kept = await raceSignal(fetching, signal);
      if (!kept) throw new AppError('internal_error', 'The lookup produced no answer');
      // A hit, or the last known answer standing in for AFAS.
      const stale = !hit && kept.fetchedAt < started;
      if (stale) observer?.stale();
      const fromCache = hit || stale;
      return {
        value: kept.value,
        source: fromCache ? 'cache' : kept.value.viaIndex ? 'index' : 'afas',
        ageSeconds: fromCache ? Math.floor((now() - kept.fetchedAt) / 1000) : 0,
      };
    },
  };
}

export interface CaseListCache {
  has(contactId: string): boolean;
  /**
   * The contact's kept case list; otherwise the one `load` reads, shared by every page request for the contact while
   * it runs. Undefined (and nothing kept) when `load` finds no such contact.
   */
  get(contactId: string, load: () => Promise<CaseRow[] | undefined>, signal: AbortSignal): Promise<CaseRow[] | undefined>;
  /** Keeps a case list read elsewhere (a lookup's), as if `get` had read it; a list kept or being read wins. */
  keep(contactId: string, cases: CaseRow[]): void;
}

/** All cases of a contact, by contact id, for its case pages: read once, paged many times. */
export function createCaseListCache(cacheSeconds: number, now: Clock, observer?: CacheObserver): CaseListCache {
  const lists = new LRUCache<string, CaseRow[], () => Promise<CaseRow[] | undefined>>({
    max: 1000, // contacts per settings version
    ...timing(cacheSeconds, now),
    fetchMethod: (_contactId, _last, { context: load }) => load(),
  });
  return {
    has: (contactId) => lists.has(contactId),
    // Through fetch(): a page reading the same list meanwhile is joined, where set() would abort it.
    keep: (contactId, cases) => void lists.fetch(contactId, { context: () => Promise.resolve(cases) }).catch(() => undefined),
    get(contactId, load, signal) {
      if (!observer) return raceSignal(lists.fetch(contactId, { context: load }), signal);
      const status: LRUCache.Status<string, CaseRow[], () => Promise<CaseRow[] | undefined>> = {};
      const fetching = lists.fetch(contactId, { context: load, status });
      if (status.fetch === 'hit') observer.hit();
      else observer.miss();
      return raceSignal(fetching, signal);
    },
  };
}
