import { LRUCache } from 'lru-cache';
import type { KeyedRecords } from '../store/shared-store.js';

/** A contact an agent chose for a number or address, and when. */
export interface RememberedPick {
  contactId: string;
  /** ISO time it was remembered. */
  at: string;
}

/**
 * The contact agents chose for a number or an address the lookup could not decide (several contacts, or none),
 * remembered team-wide for PickDays. Kept in the service's store (Redis for a fleet) under a keyed hash of the
 * normalised value only, so the store never holds a readable number or address.
 */
export interface Picks {
  /**
   * Whether this instance read recently that there is no pick for the value: then a lookup needs no await at all
   * (the cached lookup's path). False when it does not know.
   */
  knownAbsent(normalized: string): boolean;
  /** The pick for a normalised value; undefined when there is none or the store cannot be read. */
  get(normalized: string): Promise<RememberedPick | undefined>;
  remember(normalized: string, contactId: string, days: number): Promise<void>;
  forget(normalized: string): Promise<void>;
}

/** How long an instance reuses a pick it read: lookups ring often, picks change rarely (and a fleet's ones elsewhere). */
const LOCAL_MS = 5_000;
const DAY_MS = 86_400_000;

export function createPicks(records: KeyedRecords, hash: (value: string) => string, now: () => number = Date.now): Picks {
  const local = new LRUCache<string, RememberedPick | false>({ max: 10_000, ttl: LOCAL_MS });
  const keyOf = (normalized: string): string => hash(`pick:${normalized}`);

  return {
    knownAbsent: (normalized) => local.get(keyOf(normalized)) === false,
    async get(normalized) {
      const key = keyOf(normalized);
      const known = local.get(key);
      if (known !== undefined) return known || undefined;
      let pick: RememberedPick | undefined;
      try {
        const text = await records.get(key);
        pick = text === undefined ? undefined : (JSON.parse(text) as RememberedPick);
      } catch {
        return undefined;
      }
      local.set(key, pick ?? false);
      return pick;
    },
    async remember(normalized, contactId, days) {
      const key = keyOf(normalized);
      const pick: RememberedPick = { contactId, at: new Date(now()).toISOString() };
      await records.set(key, JSON.stringify(pick), days * DAY_MS);
      local.set(key, pick);
    },
    async forget(normalized) {
      const key = keyOf(normalized);
      await records.delete(key);
      local.set(key, false);
    },
  };
}
