import { ExponentialBackoff, type IBackoff } from 'cockatiel';

// Decorrelated jitter starting around 50 ms; the caller's deadline bounds the total anyway.
const backoffFactory = new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 });

/** The wait before the next retry; pass the previous one to grow it. */
export function nextBackoff(previous: IBackoff<unknown> | undefined): IBackoff<unknown> {
  return previous ? previous.next(undefined) : backoffFactory.next();
}
