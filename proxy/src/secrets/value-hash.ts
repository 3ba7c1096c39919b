import { createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Values whose hash is remembered: callers ring again and again, and each HMAC is a few microseconds. */
const REMEMBERED = 1000;

/**
 * The audit trail's keyed hash of a searched value: HMAC-SHA256 with the service's signing key, in hex. Keyed, because
 * phone numbers are few enough to hash them all: a plain SHA-256 would be reversed by trying every number, while
 * this one can only be computed by whoever holds the key (to find the lines of one caller). The same value always
 * gives the same hash, on every instance and across restarts, as long as the key stays.
 */
export function createValueHasher(key: Buffer): (value: string) => string {
  const remembered = new LRUCache<string, string>({ max: REMEMBERED });
  return (value) => {
    let hash = remembered.get(value);
    if (hash === undefined) {
      hash = createHmac('sha256', key).update(value, 'utf8').digest('hex');
      remembered.set(value, hash);
    }
    return hash;
  };
}
