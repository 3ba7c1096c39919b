/** During a long pause, one real call may go to AFAS this often to find out whether it is back. */
export const PROBE_INTERVAL_MS = 30_000;

export interface PauseStatus {
  /** ISO time at which calls resume without a probe. */
  until: string;
  /** Seconds an API client is told to wait: until the pause ends or the next probe may go, whichever is first. */
  retryAfterSeconds: number;
}

/**
 * AFAS's request (503/429 with retry_after) not to be called for a while, for one AFAS environment. It is
 * honoured for at most `maxPauseSeconds`, because a retry_after can also come from a WAF or a forgotten
 * maintenance banner; a probe that AFAS answers ends it early.
 */
export class Pause {
  private readonly maxMs: number;
  private startedAt = 0;
  private until = 0;
  private nextProbeAt = 0;

  constructor(maxPauseSeconds: number) {
    this.maxMs = maxPauseSeconds * 1000;
  }

  /** Milliseconds left; 0 when AFAS may be called. */
  remainingMs(now: number): number {
    return Math.max(0, this.until - now);
  }

  begin(retryAfterSeconds: number, now: number): void {
    if (this.until <= now) this.startedAt = now;
    this.until = Math.max(this.until, now + Math.min(retryAfterSeconds * 1000, this.maxMs));
    this.nextProbeAt = now + PROBE_INTERVAL_MS;
  }

  probeDue(now: number): boolean {
    return this.remainingMs(now) > 0 && now >= this.nextProbeAt;
  }

  /** Lets this call through as the probe; the next one may follow PROBE_INTERVAL_MS later. */
  claimProbe(now: number): void {
    this.nextProbeAt = now + PROBE_INTERVAL_MS;
  }

  /** A call sent after the pause began was answered: AFAS is back, so the pause is over. */
  answered(sentAt: number): void {
    if (this.until !== 0 && sentAt >= this.startedAt) this.until = 0;
  }

  /** Another instance's call was answered: AFAS is back. */
  end(): void {
    this.until = 0;
  }

  retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((Math.min(this.until, this.nextProbeAt) - now) / 1000));
  }

  status(now: number): PauseStatus | null {
    if (this.remainingMs(now) === 0) return null;
    return { until: new Date(this.until).toISOString(), retryAfterSeconds: this.retryAfterSeconds(now) };
  }
}
