import { setTimeout as sleep } from 'node:timers/promises';
import { raceSignal } from '../race-signal.js';
import type { Fresh } from './answer-cache.js';
import type { CaseRow } from './case-view.js';

/** How long a progressive lookup (`progressive=true`) waits for the cases once its contacts are known. */
export const CASES_WAIT_MS = 400;

/** A lookup's read of its contacts' cases: every row of their case keys, and whether AFAS had more than were read. */
export type CasesRead = Promise<{ cases: CaseRow[]; truncated: boolean }>;

/** A contact of a lookup, with the case keys its cases are read by. */
export interface CaseOwner {
  id: string;
  caseKeys: readonly string[];
}

interface Tracked {
  /** Epoch ms the contacts became known. */
  knownAt: number;
  /** The answer with the contacts and `casesPending`, built once a progressive lookup needs it. */
  pendingAnswer: () => Fresh;
  /** A progressive lookup answered without the cases: their pages join the read, and are kept once it is in. */
  handedOut: boolean;
  settled: boolean;
}

export interface CasesInFlight {
  /** A lookup of `lookupKey` knows its contacts and reads their cases with `read`: tracked until the read settles. */
  track(lookupKey: string, owners: readonly CaseOwner[], pendingAnswer: () => Fresh, read: CasesRead): void;
  /**
   * The contacts-only answer of the lookup of `lookupKey`, once its contacts have been known for CASES_WAIT_MS and
   * the cases are still out. Waits for such a lookup to start; rejects when `signal` aborts.
   */
  pendingAnswer(lookupKey: string, signal: AbortSignal): Promise<Fresh>;
  /**
   * The contact's cases from the read in flight of a lookup that answered without them (`casesPending`), or undefined
   * when there is none. Resolves to undefined when that read did not hold all of them (AFAS had more rows), and
   * rejects as the read does.
   */
  join(contactId: string): Promise<CaseRow[] | undefined> | undefined;
}

const casesOf = (cases: readonly CaseRow[], keys: readonly string[]): CaseRow[] => cases.filter((c) => keys.includes(c.key));

/** Rejects with the signal's reason when it aborts; never resolves. */
const aborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- like fetch, an abort rejects with the signal's own reason
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/**
 * The lookups whose contacts are known while their cases are still being read, for one settings version: a
 * progressive lookup answers with the contacts meanwhile, and a page of such a contact's cases joins the read instead
 * of asking AFAS again. `keep` is given a contact's complete case list when a progressive answer went out without it.
 */
export function createCasesInFlight(keep: (contactId: string, cases: CaseRow[]) => void): CasesInFlight {
  const lookups = new Map<string, Tracked>();
  const waiting = new Map<string, Set<(tracked: Tracked) => void>>();
  const byContact = new Map<string, { read: CasesRead; caseKeys: readonly string[]; tracked: Tracked }>();

  function whenTracked(lookupKey: string, signal: AbortSignal): Promise<Tracked> {
    signal.throwIfAborted();
    const known = lookups.get(lookupKey);
    if (known) return Promise.resolve(known);
    const listeners = waiting.get(lookupKey) ?? new Set();
    waiting.set(lookupKey, listeners);
    let onTracked: (tracked: Tracked) => void = () => undefined;
    const tracked = new Promise<Tracked>((resolve) => listeners.add((onTracked = resolve)));
    // Tracked or aborted, the waiter goes (raceSignal removes its abort listener either way).
    return raceSignal(tracked, signal).finally(() => {
      listeners.delete(onTracked);
      if (listeners.size === 0 && waiting.get(lookupKey) === listeners) waiting.delete(lookupKey);
    });
  }

  return {
    track(lookupKey, owners, pendingAnswer, read) {
      let answer: Fresh | undefined;
      const tracked: Tracked = { knownAt: Date.now(), pendingAnswer: () => (answer ??= pendingAnswer()), handedOut: false, settled: false };
      lookups.set(lookupKey, tracked);
      for (const wake of [...(waiting.get(lookupKey) ?? [])]) wake(tracked);
      for (const { id, caseKeys } of owners) byContact.set(id, { read, caseKeys, tracked });
      const untrack = () => {
        tracked.settled = true;
        if (lookups.get(lookupKey) === tracked) lookups.delete(lookupKey);
        for (const { id } of owners) if (byContact.get(id)?.read === read) byContact.delete(id);
      };
      read.then(({ cases, truncated }) => {
        untrack();
        if (tracked.handedOut && !truncated) for (const { id, caseKeys } of owners) keep(id, casesOf(cases, caseKeys));
      }, untrack);
    },

    async pendingAnswer(lookupKey, signal) {
      const tracked = await whenTracked(lookupKey, signal);
      await sleep(tracked.knownAt + CASES_WAIT_MS - Date.now(), undefined, { signal });
      // The cases came in meanwhile: the complete answer is on its way to the caller.
      if (tracked.settled) return aborted(signal);
      tracked.handedOut = true;
      return tracked.pendingAnswer();
    },

    join(contactId) {
      const inFlight = byContact.get(contactId);
      // Only pages of an answer that went out without its cases: other clients page exactly as before.
      if (!inFlight?.tracked.handedOut) return undefined;
      const joined = inFlight.read.then(({ cases, truncated }) => (truncated ? undefined : casesOf(cases, inFlight.caseKeys)));
      // The page may join another page's read instead and never wait for this one: its failure must not go unhandled.
      joined.catch(() => undefined);
      return joined;
    },
  };
}
