import type { FleetAfas, FleetEnvironment, FleetEvent } from '../store/shared-store.js';
import { AuthBackoff } from './auth-backoff.js';
import { Breaker, type BreakerState } from './breaker.js';
import { Limiter } from './limiter.js';
import { Pause } from './pause.js';

/** Calls that may wait for a slot per AFAS environment; beyond this, calls fail at once. */
export const MAX_QUEUED_PER_ENVIRONMENT = 100;
/** Added to an attempt's timeout for the longest a fleet-wide slot may be held (reading the body, a slow loop). */
const LEASE_MARGIN_MS = 2_000;

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
  /** The other instances' view (Redis): fleet-wide slots, and pauses and breaker changes to announce. */
  readonly fleet?: FleetEnvironment;
  /** How long a fleet-wide slot is held at most (an attempt's timeout and a margin), should the instance die. */
  leaseMs: number;
}

export interface EnvironmentOptions {
  maxConcurrent: number;
  maxPauseSeconds: number;
  /** The AFAS timeout of one attempt. */
  timeoutMs: number;
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

/** Applies what another instance announced to this instance's state of the environment. */
function applyFleetEvent(env: Environment, event: FleetEvent): void {
  const now = Date.now();
  if (event.kind === 'pause') env.pause.begin(event.retryAfterSeconds, now);
  else if (event.kind === 'resume') env.pause.end();
  else if (event.kind === 'breaker-open') env.breaker.openedElsewhere(now);
  else env.breaker.closedElsewhere();
}

/**
 * Environments kept in memory, one per REST root (AFAS treats the path case-insensitively). With a fleet (Redis),
 * each also takes part in the fleet's slots, pauses and breaker.
 */
export function createAfasEnvironments(fleet?: FleetAfas): AfasEnvironments {
  // One entry per configured AFAS REST root: a handful per process, so it is never pruned.
  const environments = new Map<string, Environment>();
  return {
    forNewClient(restRoot, host, o) {
      const key = restRoot.toLowerCase();
      const existing = environments.get(key);
      const shared = existing?.fleet ?? fleet?.environment(key);
      const fresh = {
        pause: new Pause(o.maxPauseSeconds),
        breaker: new Breaker(o.isOutage, (state) => {
          o.onBreakerChange(state);
          if (state === 'open') shared?.announce({ kind: 'breaker-open' });
          if (state === 'closed') shared?.announce({ kind: 'breaker-closed' });
        }),
        auth: new AuthBackoff(),
        leaseMs: o.timeoutMs + LEASE_MARGIN_MS,
      };
      if (existing) {
        existing.slots.capacity = o.maxConcurrent;
        return Object.assign(existing, fresh);
      }
      const environment: Environment = { host, slots: new Limiter(o.maxConcurrent, MAX_QUEUED_PER_ENVIRONMENT), fleet: shared, ...fresh };
      environments.set(key, environment);
      shared?.onEvent((event) => applyFleetEvent(environment, event));
      return environment;
    },
  };
}
