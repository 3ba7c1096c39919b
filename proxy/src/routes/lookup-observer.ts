import type { ErrorCode, LookupResponse, SearchResponse } from '../contract.js';
import type { LookupInput } from '../input/caller-input.js';
import type { CasesAnswer } from '../services/lookup-service.js';

/** A lookup's query parameters as parsed: exactly one of `phone` and `email`. */
export interface LookupQuery {
  phone?: string;
  email?: string;
  ucc?: string;
}

/**
 * Told how each lookup and case page ended (metrics, the audit trail), so the route knows neither. Lookups are told
 * once their query parameters parse; requests refused before that (no valid API key, malformed query) are not.
 * Called on the hot path with values the route already holds: cheap, and never throws.
 */
export interface LookupObserver {
  /** A lookup answered (`outcome` the answer) or failed (the error code), `seconds` after its handler started. */
  lookup?(query: LookupQuery, keyId: string | undefined, outcome: LookupResponse | ErrorCode, seconds: number): void;
  /** A page of cases was answered, or failed with the error code. */
  casesPage?(casesRef: string, keyId: string | undefined, outcome: CasesAnswer | ErrorCode): void;
  /** A search (`GET search?q=`) was answered, or failed with the error code. */
  search?(text: string, ucc: string | undefined, keyId: string | undefined, outcome: SearchResponse | ErrorCode): void;
  /** A pick was remembered for a number or address (with the contact), or forgotten (without one). */
  pick?(input: LookupInput, keyId: string | undefined, contactId: string | undefined, outcome: 'ok' | ErrorCode): void;
}

/** One observer that tells each of the given ones; undefined when none is given (the route then measures nothing). */
export function observeAll(...observers: (LookupObserver | undefined)[]): LookupObserver | undefined {
  const all = observers.filter((o): o is LookupObserver => o !== undefined);
  if (all.length <= 1) return all[0];
  const lookups = all.filter((o) => o.lookup !== undefined);
  const pages = all.filter((o) => o.casesPage !== undefined);
  return {
    lookup: (query, keyId, outcome, seconds) => {
      for (const o of lookups) o.lookup?.(query, keyId, outcome, seconds);
    },
    casesPage: (casesRef, keyId, outcome) => {
      for (const o of pages) o.casesPage?.(casesRef, keyId, outcome);
    },
    search: (text, ucc, keyId, outcome) => {
      for (const o of all) o.search?.(text, ucc, keyId, outcome);
    },
    pick: (input, keyId, contactId, outcome) => {
      for (const o of all) o.pick?.(input, keyId, contactId, outcome);
    },
  };
}
