/**
 * A request's time budget: the signal aborts when it runs out, `at` says when (epoch ms), so a layer can decide
 * whether something (a retry_after, a slot wait, a second query) still fits.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Epoch ms at which `signal` aborts. */
  readonly at: number;
}

export function deadlineIn(ms: number): Deadline {
  return { signal: AbortSignal.timeout(ms), at: Date.now() + ms };
}

/** Milliseconds left, never negative. */
export const remainingMs = (d: Deadline, now = Date.now()): number => Math.max(0, d.at - now);

/** The same end, `marginMs` earlier: for a step whose failure must still leave time to answer. */
export function shortened(d: Deadline, marginMs: number): Deadline {
  const ms = remainingMs(d) - marginMs;
  const own = AbortSignal.timeout(Math.max(0, ms));
  return { signal: AbortSignal.any([d.signal, own]), at: d.at - marginMs };
}
