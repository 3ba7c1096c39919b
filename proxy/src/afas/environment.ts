import { AuthBackoff } from './auth-backoff.js';
import { Breaker, type BreakerState } from './breaker.js';
import { Limiter } from './limiter.js';
import { Pause } from './pause.js';

/** Calls that may wait for a slot per AFAS environment; beyond this, calls fail at once. */
export const MAX_QUEUED_PER_ENVIRONMENT = 100;

/**
 * State shared by every client that talks to one AFAS environment. It outlives a client because a settings change
 * creates a new client while calls of the old one may still be running.
 */
export interface Environment {
  /** The AFAS host, for logs and status (never the token). */
  readonly host: string;
  readonly slots: Limiter;
  // Replaced whenever a client is created (a settings change).
  pause: Pause;
  breaker: Breaker;
  auth: AuthBackoff;
}

export interface EnvironmentOptions {
  maxConcurrent: number;
  maxPauseSeconds: number;
  /** Which attempt results count toward opening the breaker. */
  isOutage: (result: unknown) => boolean;
  onBreakerChange: (state: BreakerState) => void;
}

/**
 * Where clients find the state of their AFAS environment. The composition root creates one per process
 * (start-service.ts) and hands it to every client it creates; tests create their own, and a fleet could put one
 * behind shared storage.
 */
export interface AfasEnvironments {
  /**
   * The environment for a REST root, for a newly created client: its options apply from now on and any pause, open
   * breaker or auth back-off ends (new settings may well have fixed what caused them).
   */
  forNewClient(restRoot: string, host: string, o: EnvironmentOptions): Environment;
}

/** Environments kept in memory, one per REST root (AFAS treats the path case-insensitively). */
export function createAfasEnvironments(): AfasEnvironments {
  // One entry per configured AFAS REST root: a handful per process, so it is never pruned.
  const environments = new Map<string, Environment>();
  return {
    forNewClient(restRoot, host, o) {
      const key = restRoot.toLowerCase();
      const fresh = {
        pause: new Pause(o.maxPauseSeconds),
        breaker: new Breaker(o.isOutage, o.onBreakerChange),
        auth: new AuthBackoff(),
      };
      const existing = environments.get(key);
      if (existing) {
        existing.slots.capacity = o.maxConcurrent;
        return Object.assign(existing, fresh);
      }
      const environment: Environment = { host, slots: new Limiter(o.maxConcurrent, MAX_QUEUED_PER_ENVIRONMENT), ...fresh };
      environments.set(key, environment);
      return environment;
    },
  };
}
