import type { Failure } from './failures.js';

const FIRST_INTERVAL_MS = 2_000;
const MAX_INTERVAL_MS = 60_000;
/** How long the one call let through after a back-off may take before another may try (in case it never answers). */
const PROBE_WINDOW_MS = 10_000;

interface Rejection {
  failure: Failure;
  /** Until then, calls fail fast with `failure`. */
  until: number;
  intervalMs: number;
  /** One call was let through to ask AFAS again; `until` covers its answer. */
  probing: boolean;
}

/**
 * While AFAS refuses a token, calls with it fail fast with the same refusal instead of asking AFAS again: for
 * 2 s after the first refusal, doubling with each refusal after that up to 60 s, until AFAS accepts it again.
 * When a back-off ends, one call asks AFAS while the others keep failing fast. Keyed per token and endpoint,
 * because AFAS refuses per connector: a token without the case connector still finds callers.
 */
export class AuthBackoff {
  private readonly rejections = new Map<string, Rejection>();

  /**
   * The refusal to repeat without calling AFAS; undefined when a call may go. With `claim` (the call is about to
   * be sent), a call let through after a back-off is the one that asks: the others keep failing fast.
   */
  blocking(key: string, now: number, claim: boolean): Failure | undefined {
    const rejection = this.rejections.get(key);
    if (rejection === undefined) return undefined;
    if (rejection.until > now) return rejection.failure;
    if (!claim) return undefined;
    rejection.probing = true;
    rejection.until = now + PROBE_WINDOW_MS;
    return undefined;
  }

  /** Records a refusal; returns the back-off interval it started, or 0 when one was already running. */
  rejected(key: string, failure: Failure, now: number): number {
    const previous = this.rejections.get(key);
    // Calls that were in flight together are one refusal, not several.
    if (previous !== undefined && previous.until > now && !previous.probing) return 0;
    const intervalMs = previous === undefined ? FIRST_INTERVAL_MS : Math.min(previous.intervalMs * 2, MAX_INTERVAL_MS);
    this.rejections.set(key, { failure, until: now + intervalMs, intervalMs, probing: false });
    return intervalMs;
  }

  accepted(key: string): void {
    if (this.rejections.size > 0) this.rejections.delete(key);
  }

  /** Whether AFAS's last answer to this token, for any endpoint, was a refusal. */
  isRejected(tokenKey: string): boolean {
    for (const key of this.rejections.keys()) if (key.startsWith(tokenKey)) return true;
    return false;
  }
}
