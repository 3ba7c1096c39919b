import { Coalescer } from './coalescer.js';
import { Limiter } from './limiter.js';

/** Calls that may wait for a slot per AFAS environment; beyond this, calls fail at once. */
export const MAX_QUEUED_PER_ENVIRONMENT = 100;

/**
 * State shared by every client that talks to one AFAS environment. It lives at module level because a
 * settings change creates a new client while calls of the old one may still be running.
 */
export interface Environment {
  readonly limiter: Limiter;
  readonly rows: Coalescer<Record<string, unknown>[]>;
  readonly version: Coalescer<string>;
  /** Epoch ms until which AFAS asked us (503 + retry_after) not to call. */
  unavailableUntil: number;
}

// One entry per configured AFAS base URL: a handful per process, so it is never pruned.
const environments = new Map<string, Environment>();

/** The environment for a normalised base URL. The first client's `maxConcurrent` sets its limit. */
export function environmentFor(key: string, maxConcurrent: number): Environment {
  let environment = environments.get(key);
  if (!environment) {
    environment = {
      limiter: new Limiter(maxConcurrent, MAX_QUEUED_PER_ENVIRONMENT),
      rows: new Coalescer(),
      version: new Coalescer(),
      unavailableUntil: 0,
    };
    environments.set(key, environment);
  }
  return environment;
}

/** Whole seconds AFAS still wants us to stay away; 0 when calls are allowed. */
export function unavailableSeconds(environment: Environment, now = Date.now()): number {
  return Math.max(0, Math.ceil((environment.unavailableUntil - now) / 1000));
}

export function markUnavailable(environment: Environment, seconds: number, now = Date.now()): void {
  environment.unavailableUntil = Math.max(environment.unavailableUntil, now + seconds * 1000);
}
