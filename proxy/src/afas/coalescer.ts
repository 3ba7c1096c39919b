import { raceSignal } from '../race-signal.js';

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

/**
 * Runs one operation per key at a time; callers arriving while it runs share its result.
 * Each caller waits with its own signal. The operation gets a signal that aborts only when every
 * caller has given up, so one impatient caller never cancels the work for the others.
 */
export class Coalescer<T> {
  private readonly inFlight = new Map<string, Shared<T>>();

  run(key: string, signal: AbortSignal, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    let shared = this.inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const entry: Shared<T> = { promise: start(controller.signal), controller, waiters: 0, settled: false };
      const settle = (): void => {
        entry.settled = true;
        this.forget(key, entry);
      };
      entry.promise.then(settle, settle);
      this.inFlight.set(key, entry);
      shared = entry;
    }
    const entry = shared;
    entry.waiters++;
    const leave = (): void => {
      entry.waiters--;
      if (entry.waiters === 0) {
        // Forget first, so a caller arriving now starts afresh instead of joining the cancelled operation.
        this.forget(key, entry);
        // Aborting a finished operation would only build a DOMException nobody reads (measurable per lookup).
        if (!entry.settled) entry.controller.abort();
      }
    };
    const result = raceSignal(entry.promise, signal);
    result.then(leave, leave);
    return result;
  }

  private forget(key: string, entry: Shared<T>): void {
    if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
  }

  get size(): number {
    return this.inFlight.size;
  }
}
