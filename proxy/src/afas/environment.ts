import { AuthBackoff } from './auth-backoff.js';
import { Breaker, type BreakerState } from './breaker.js';
import { Coalescer } from './coalescer.js';
import { Limiter } from './limiter.js';
import { Pause } from './pause.js';

/** Calls that may wait for a slot per AFAS environment; beyond this, calls fail at once. */
export const MAX_QUEUED_PER_ENVIRONMENT = 100;

/**
 * State shared by every client that talks to one AFAS environment. It lives at module level because a
 * settings change creates a new client while calls of the old one may still be running.
 */
export interface Environment {
  /** The AFAS host, for logs and status (never the token). */
  readonly host: string;
  readonly slots: Limiter;
  readonly rows: Coalescer<Record<string, unknown>[]>;
  readonly version: Coalescer<string>;
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

// One entry per configured AFAS base URL: a handful per process, so it is never pruned.
const environments = new Map<string, Environment>();

/**
 * The environment for a normalised base URL, for a newly created client: its options apply from now on and any
 * pause, open breaker or auth back-off ends (new settings may well have fixed what caused them).
 */
export function environmentForNewClient(key: string, host: string, o: EnvironmentOptions): Environment {
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
  const environment: Environment = {
    host,
    slots: new Limiter(o.maxConcurrent, MAX_QUEUED_PER_ENVIRONMENT),
    rows: new Coalescer(),
    version: new Coalescer(),
    ...fresh,
  };
  environments.set(key, environment);
  return environment;
}
