import type { CallPriority } from './client.js';

/** Thrown by Limiter.run when the wait queue is full. */
export class LimiterFullError extends Error {
  constructor() {
    super('Too many calls are waiting for a slot.');
    this.name = 'LimiterFullError';
  }
}

/** Queue order: every `ring` waiter is served before any `paging` waiter, and both before `background`. */
const LANES: Record<CallPriority, number> = { ring: 0, paging: 1, background: 2 };

/**
 * A concurrency limit with a bounded wait queue: by priority, first come first served within one priority.
 * Waiters leave the queue as soon as their signal aborts. Used instead of cockatiel's BulkheadPolicy (3.2.x):
 * that one has no priorities and keeps aborted callers in its queue, and when it reaches one it stops
 * dequeuing, so live callers behind it wait for their deadline although slots are free.
 */
export class Limiter {
  readonly maxQueued: number;
  private limit: number;
  private active = 0;
  private waiting = 0;
  private readonly lanes: (() => void)[][] = [[], [], []];

  constructor(capacity: number, maxQueued: number) {
    this.limit = capacity;
    this.maxQueued = maxQueued;
  }

  get capacity(): number {
    return this.limit;
  }

  /** A lower capacity takes effect as running calls finish; a higher one at once. */
  set capacity(value: number) {
    this.limit = value;
    while (this.active < this.limit && this.grantNext()) this.active++;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting;
  }

  async run<T>(priority: CallPriority, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    await this.acquire(priority, signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(priority: CallPriority, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting >= this.maxQueued) return Promise.reject(new LimiterFullError());
    const lane = this.lanes[LANES[priority]];
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        lane.splice(lane.indexOf(grant), 1);
        this.waiting--;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- like fetch, an abort rejects with the signal's own reason
        reject(signal.reason);
      };
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      lane.push(grant);
      this.waiting++;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands a slot to the first waiter of the most urgent lane; false when nobody waits. */
  private grantNext(): boolean {
    for (const lane of this.lanes) {
      const next = lane.shift();
      if (next) {
        this.waiting--;
        next();
        return true;
      }
    }
    return false;
  }

  private release(): void {
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (this.active > this.limit || !this.grantNext()) this.active--;
  }
}
