import { setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError, type IBackoff } from 'cockatiel';
import type { Logger } from 'pino';
import type { AppError } from '../errors.js';
import type { Attempt, Request, Sender } from './attempt.js';
import type { CallPriority } from './client.js';
import type { Environment } from './environment.js';
import { isAuthFailure, isRetryable, toAppError, type Failure } from './failures.js';
import { LimiterFullError } from './limiter.js';
import { outcomeOf, type AfasObserver } from './observer.js';
import { nextBackoff } from './retry.js';

/** One logical AFAS GET as the call path runs it. */
export interface Call<T> extends Request<T> {
  /** Names the endpoint in messages, e.g. `GetConnector "Profit_Contacts"`. */
  target: string;
  /** The token and the endpoint: what AFAS refuses together. */
  authKey: string;
}

export interface CallPathOptions {
  environment: Environment;
  sender: Sender;
  /** Extra attempts after a retryable failure. */
  retries: number;
  /** Time a call needs after a wait (pause, back-off) for the wait to be worth it. */
  minCallMs: number;
  logger?: Logger;
  /** Told about calls that fail fast; the sender tells it about the requests it sends. */
  observer?: AfasObserver;
}

/** Whether a call may go to AFAS now, must wait (a pause it can afford), or fails without calling AFAS. */
type Admission = { kind: 'go' } | { kind: 'wait'; ms: number } | { kind: 'fail'; failure: Failure };
const GO: Admission = { kind: 'go' };

export interface CallPath {
  /**
   * Runs a call until it has a value or a contract error: auth back-off, pause and breaker checks, a slot by
   * priority, the attempts (each with its own timeout) and waits that fit before `at` (epoch ms). It stops
   * (rejecting with the abort reason) when `cancel` aborts.
   */
  execute<T>(call: Call<T>, cancel: AbortSignal, at: number, priority: CallPriority): Promise<T>;
}

export function createCallPath(o: CallPathOptions): CallPath {
  const env = o.environment;
  const log = o.logger;

  function admission(call: Call<unknown>, at: number, now: number, claimProbe: boolean): Admission {
    const refusal = env.auth.blocking(call.authKey, now, claimProbe);
    if (refusal !== undefined) return { kind: 'fail', failure: refusal };
    const pauseMs = env.pause.remainingMs(now);
    if (pauseMs > 0) {
      if (now + pauseMs + o.minCallMs <= at) return { kind: 'wait', ms: pauseMs };
      if (!env.pause.probeDue(now))
        return { kind: 'fail', failure: { kind: 'paused', retryAfterSeconds: env.pause.retryAfterSeconds(now) } };
    }
    const breakerSeconds = env.breaker.blockedSeconds(now);
    if (breakerSeconds > 0) return { kind: 'fail', failure: { kind: 'circuit-open', retryAfterSeconds: breakerSeconds } };
    if (pauseMs > 0 && claimProbe) {
      env.pause.claimProbe(now);
      log?.info({ environment: env.host, connector: call.label }, 'AFAS is paused: letting one probe call through');
    }
    return GO;
  }

  /** Records what an answer says about the environment: a pause, a refused token, or that AFAS is back. */
  function learn(call: Call<unknown>, outcome: Attempt<unknown>, sentAt: number): void {
    const now = Date.now();
    if (outcome.ok) {
      if (env.pause.remainingMs(now) > 0) {
        env.pause.answered(sentAt);
        if (env.pause.remainingMs(now) === 0) {
          log?.info({ environment: env.host }, 'AFAS answered again: pause ended');
          env.fleet?.announce({ kind: 'resume' });
        }
      }
      env.auth.accepted(call.authKey);
      return;
    }
    const failure = outcome.failure;
    if (isAuthFailure(failure)) {
      const intervalMs = env.auth.rejected(call.authKey, failure, now);
      if (intervalMs > 0)
        log?.warn(
          { environment: env.host, connector: call.label, backoffSeconds: intervalMs / 1000 },
          'AFAS refused the token: failing fast before asking again',
        );
    } else if (failure.kind === 'status' && failure.retryAfterSeconds !== undefined) {
      const wasPaused = env.pause.remainingMs(now) > 0;
      env.pause.begin(failure.retryAfterSeconds, now);
      if (!wasPaused) {
        env.fleet?.announce({ kind: 'pause', retryAfterSeconds: Math.ceil(env.pause.remainingMs(now) / 1000) });
        log?.warn(
          {
            environment: env.host,
            status: failure.status,
            retryAfterSeconds: failure.retryAfterSeconds,
            pauseSeconds: Math.ceil(env.pause.remainingMs(now) / 1000),
          },
          'AFAS asked for a pause',
        );
      }
    }
  }

  async function inSlot<T>(call: Call<T>, cancel: AbortSignal, at: number, attempt: number): Promise<Attempt<T> | Admission> {
    const sentAt = Date.now();
    // Checked again: AFAS may have asked for a pause, or the breaker opened, while this call queued.
    const admitted = admission(call, at, sentAt, true);
    if (admitted.kind !== 'go') return admitted;
    // With a fleet, one of its slots too: at most the limit in flight across every instance.
    const lease = env.fleet && (await env.fleet.acquire(env.slots.capacity, env.leaseMs, at - o.minCallMs, cancel));
    if (lease === 'full') return { kind: 'fail', failure: { kind: 'queue-full' } };
    try {
      const outcome = await env.breaker.execute(() => o.sender.send(call, cancel, attempt));
      learn(call, outcome, sentAt);
      return outcome;
    } finally {
      lease?.release();
    }
  }

  function failed(call: Call<unknown>, failure: Failure, attempted: boolean): AppError {
    const error = toAppError(failure, call.target);
    if (attempted)
      log?.warn({ connector: call.label, code: error.code, reference: error.reference, failure: failure.kind }, 'AFAS call failed');
    else {
      log?.debug({ connector: call.label, code: error.code, failure: failure.kind }, 'AFAS call failed fast');
      o.observer?.requestEnded(call.label, outcomeOf(failure), 0);
    }
    return error;
  }

  async function slot<T>(
    call: Call<T>,
    cancel: AbortSignal,
    at: number,
    priority: CallPriority,
    attempt: number,
  ): Promise<Attempt<T> | Admission> {
    try {
      return await env.slots.run(priority, cancel, () => inSlot(call, cancel, at, attempt));
    } catch (error) {
      if (error instanceof LimiterFullError) return { kind: 'fail', failure: { kind: 'queue-full' } };
      if (error instanceof BrokenCircuitError) return { kind: 'fail', failure: { kind: 'circuit-open', retryAfterSeconds: 1 } };
      throw error;
    }
  }

  async function execute<T>(call: Call<T>, cancel: AbortSignal, at: number, priority: CallPriority): Promise<T> {
    let backoff: IBackoff<unknown> | undefined;
    let attempt = 1;
    for (;;) {
      // Checked before queueing, so that calls fail fast even while every slot is taken.
      const before = admission(call, at, Date.now(), false);
      const step = before.kind === 'go' ? await slot(call, cancel, at, priority, attempt) : before;
      if ('kind' in step) {
        if (step.kind === 'fail') throw failed(call, step.failure, false);
        if (step.kind === 'wait') await sleep(step.ms, undefined, { signal: cancel });
        continue;
      }
      if (step.ok) return step.value;
      const failure = step.failure;
      // A retry_after started a pause: the next admission waits it out if the budget allows, else fails fast.
      if (failure.kind === 'status' && failure.retryAfterSeconds !== undefined && env.pause.remainingMs(Date.now()) > 0) continue;
      if (isRetryable(failure) && attempt <= o.retries) {
        backoff = nextBackoff(backoff);
        if (Date.now() + backoff.duration + o.minCallMs <= at) {
          await sleep(backoff.duration, undefined, { signal: cancel });
          attempt++;
          continue;
        }
      }
      throw failed(call, failure, true);
    }
  }

  return { execute };
}
