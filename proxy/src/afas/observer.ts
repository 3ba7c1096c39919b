import { isAuthFailure, type Failure } from './failures.js';

/** How an AFAS request ended: `ok`, or one value per kind of failure (a fixed set, fit for a metrics label). */
export const afasOutcomes = [
  'ok',
  'http_4xx',
  'http_5xx',
  'auth',
  'timeout',
  'network',
  'redirect',
  'not_json',
  'unexpected_shape',
  'too_large',
  'paused',
  'breaker_open',
  'queue_full',
  'aborted',
] as const;

export type AfasOutcome = (typeof afasOutcomes)[number];

/**
 * Told about every AFAS request (metrics), so the client needs no metrics library. It is called on the call path:
 * it must be cheap and must not throw.
 */
export interface AfasObserver {
  /**
   * An HTTP request to AFAS ended after `seconds` (`aborted`: its caller gave up on it), or a call failed fast without
   * one (`paused`, `breaker_open`, `queue_full`, `auth` during the auth back-off) with `seconds` 0. `connector` is
   * the GetConnector id from the settings, or `profitversion`.
   */
  requestEnded(connector: string, outcome: AfasOutcome, seconds: number): void;
}

export function outcomeOf(f: Failure): AfasOutcome {
  switch (f.kind) {
    case 'status':
      return isAuthFailure(f) ? 'auth' : f.status >= 500 ? 'http_5xx' : 'http_4xx';
    case 'network':
      return 'network';
    case 'redirect':
      return 'redirect';
    case 'timeout':
      return 'timeout';
    case 'not-json':
      return 'not_json';
    case 'unexpected-shape':
      return 'unexpected_shape';
    case 'too-large':
      return 'too_large';
    case 'paused':
      return 'paused';
    case 'circuit-open':
      return 'breaker_open';
    case 'queue-full':
      return 'queue_full';
  }
}
