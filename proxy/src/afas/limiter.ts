/** Thrown by Limiter.run when the wait queue is full. */
export class LimiterFullError extends Error {
  constructor() {
    super('Too many calls are waiting for a slot.');
    this.name = 'LimiterFullError';
  }
}

/**
 * A concurrency limit with a bounded FIFO wait queue whose waiters leave the queue as soon as their signal aborts.
 * Used instead of cockatiel's BulkheadPolicy (3.2.x): that one keeps aborted callers in its queue, and when it
 * reaches one it stops dequeuing, so live callers behind it wait for their deadline although slots are free.
 */
export class Limiter {
  readonly capacity: number;
  readonly maxQueued: number;
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(capacity: number, maxQueued: number) {
    this.capacity = capacity;
    this.maxQueued = maxQueued;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  async run<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiters.length >= this.maxQueued) return Promise.reject(new LimiterFullError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- like fetch, an abort rejects with the signal's own reason
        reject(signal.reason);
      };
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.waiters.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.active--;
  }
}
