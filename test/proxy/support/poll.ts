import { adminAuth, type Stack } from './stack.js';

/** Polls `check` every 20 ms until it holds; resolves with the time it took, rejects after `ms`. */
export async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until `stack`'s caller index reports the state 'ready' (GET /api/v1/index), within `ms` (default 20 s). */
export async function indexReady(stack: Pick<Stack, 'get'>, ms = 20_000): Promise<void> {
  await within(ms, 'the caller index is ready', async () => (await stack.get('/api/v1/index', adminAuth)).body.state === 'ready');
}
