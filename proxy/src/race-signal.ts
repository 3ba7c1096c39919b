/** Rejects with the signal's reason as soon as it aborts; otherwise settles like `promise`. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- like fetch, an abort rejects with the signal's own reason
    const onAbort = (): void => reject(signal.reason);
    const cleanup = (): void => signal.removeEventListener('abort', onAbort);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(cleanup, cleanup);
    promise.then(resolve, reject);
  });
}
