import { setTimeout as sleep } from 'node:timers/promises';
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { Failure } from './responses.js';

export type Attempt<T> = { ok: true; value: T } | ({ ok: false } & Failure);

// Decorrelated jitter starting around 50 ms; the caller's deadline bounds the total anyway.
const backoffFactory = new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 });

/**
 * Runs `once` up to `attempts` times while it fails with a retryable failure, with jittered exponential
 * back-off in between. The back-off sleep aborts with `signal`. Throws the last failure's AppError.
 */
export async function withRetries<T>(
  attempts: number,
  signal: AbortSignal,
  once: (attempt: number) => Promise<Attempt<T>>,
  onFailure: (failure: Failure) => void,
): Promise<T> {
  let backoff: IBackoff<unknown> | undefined;
  for (let attempt = 1; ; attempt++) {
    const result = await once(attempt);
    if (result.ok) return result.value;
    onFailure(result);
    if (!result.retryable || attempt >= attempts) throw result.error;
    backoff = backoff ? backoff.next(undefined) : backoffFactory.next();
    await sleep(backoff.duration, undefined, { signal });
  }
}
