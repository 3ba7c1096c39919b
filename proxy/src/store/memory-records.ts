import { LRUCache } from 'lru-cache';
import type { KeyedRecords } from './shared-store.js';

/** Values kept per namespace in one instance; bounded, so a flood of keys cannot grow it without limit. */
const MAX_PER_NAMESPACE = 100_000;

/** KeyedRecords in this process's memory (the embedded store). */
export function memoryRecords(): (namespace: string) => KeyedRecords {
  const namespaces = new Map<string, LRUCache<string, string>>();
  return (namespace) => {
    let values = namespaces.get(namespace);
    if (!values) {
      values = new LRUCache<string, string>({ max: MAX_PER_NAMESPACE });
      namespaces.set(namespace, values);
    }
    const kept = values;
    return {
      get: (key) => Promise.resolve(kept.get(key)),
      set(key, value, ttlMs) {
        kept.set(key, value, { ttl: Math.max(1, Math.round(ttlMs)) });
        return Promise.resolve();
      },
      delete(key) {
        kept.delete(key);
        return Promise.resolve();
      },
    };
  };
}
