import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhenResult, type CircuitBreakerPolicy } from 'cockatiel';

/**
 * Five failures in a row, with no success in between. A blip (one reset, one 500, one slow answer) is retried
 * or fails a single call and is forgotten at the next success; five in a row means AFAS is down for now.
 * Consecutive rather than a failure rate over a time window: contact-center traffic is bursty and quiet at
 * night, so a rate window either never reaches its minimum volume or trips on two failures.
 */
const CONSECUTIVE_FAILURES = 5;

/**
 * How long calls fail fast before one probe may go. Constant and short: a probe costs AFAS one call, and a
 * dead AFAS is then tried about once per (5 s + timeout) while an AFAS that is back is used within 5 s.
 */
export const HALF_OPEN_AFTER_MS = 5_000;

export type BreakerState = 'closed' | 'open' | 'half-open';

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** A cockatiel circuit breaker for one AFAS environment, which results count as failures decided by the caller. */
export class Breaker {
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;
  /** When another instance's breaker opened (0: not open elsewhere); this one then fails fast as well. */
  private openedElsewhereAt = 0;

  constructor(isFailure: (result: unknown) => boolean, onChange: (state: BreakerState) => void) {
    this.policy = circuitBreaker(handleWhenResult(isFailure), {
      halfOpenAfter: HALF_OPEN_AFTER_MS,
      breaker: new ConsecutiveBreaker(CONSECUTIVE_FAILURES),
    });
    this.policy.onBreak(() => (this.openedAt = Date.now()));
    this.policy.onStateChange((state) => onChange(STATE_NAMES[state]));
  }

  get state(): BreakerState {
    const own = STATE_NAMES[this.policy.state];
    return own === 'closed' && this.blockedElsewhere(Date.now()) > 0 ? 'open' : own;
  }

  /** Another instance found AFAS down: fail fast here too, until its probe time has come. */
  openedElsewhere(now: number): void {
    this.openedElsewhereAt = now;
  }

  /** Another instance's probe was answered. */
  closedElsewhere(): void {
    this.openedElsewhereAt = 0;
  }

  private blockedElsewhere(now: number): number {
    const left = this.openedElsewhereAt + HALF_OPEN_AFTER_MS - now;
    return this.openedElsewhereAt > 0 && left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /**
   * Seconds until a call may go to AFAS; 0 when it may go now. While half-open, the one probe is running and
   * everyone else fails fast instead of queueing behind it (cockatiel would make them wait for it).
   */
  blockedSeconds(now: number): number {
    const state = this.policy.state;
    if (state === CircuitState.Closed) return this.blockedElsewhere(now);
    if (state === CircuitState.HalfOpen) return 1;
    const left = this.openedAt + HALF_OPEN_AFTER_MS - now;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Runs `fn`, unless the circuit is open (cockatiel's BrokenCircuitError); the first call after the break is the probe. */
  execute<R>(fn: () => Promise<R>): Promise<R> {
    return this.policy.execute(fn);
  }
}
