import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { deadlineIn, type Deadline } from '../deadline.js';
import { raceSignal } from '../race-signal.js';
import { createSender, type Attempt, type Sender } from './attempt.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import type { BreakerState } from './breaker.js';
import { createCallPath, type Call, type CallPath } from './call-path.js';
import type { AfasConnection } from './connection.js';
import type { AfasEnvironments, Environment } from './environment.js';
import { isOutage, toAppError } from './failures.js';
import { assertId } from './filter.js';
import type { AfasObserver } from './observer.js';
import type { PauseStatus } from './pause.js';
import { buildQueryString, type ConnectorQuery } from './query.js';
import { rowsBody, versionBody } from './responses.js';

export interface AfasClientOptions {
  /** REST root and Authorization header, validated by the settings: used as is. */
  connection: AfasConnection;
  /** Slots, pause, breaker and auth back-off per AFAS environment, shared by every client of the process. */
  environments: AfasEnvironments;
  /** Limit for one HTTP attempt, from sending it until its body is read. A call without a deadline gets 2 × this. */
  timeoutMs: number;
  /** Extra attempts for retryable failures (resets, 502/503/504 without retry_after); default 1. */
  retries?: number;
  /** AFAS calls in flight per AFAS environment (shared by all clients of that REST root); default 8, AFAS's maximum. */
  maxConcurrent?: number;
  /** Longest a retry_after is honoured (seconds, counted from the last answer that asked for it); default 300. */
  maxPauseSeconds?: number;
  /** Largest AFAS response body that is read; default 10 MB. */
  maxBodyBytes?: number;
  logger?: Logger;
  /** Told how each AFAS request ended (metrics); see observer.ts. */
  observer?: AfasObserver;
  fetch?: typeof fetch;
}

/** Who waits for the call: ring lookups get AFAS slots before case paging, and both before background work. */
export type CallPriority = 'ring' | 'paging' | 'background';

export interface CallOptions {
  /** The caller's budget: bounds slot waiting, retries and waiting out a short retry_after. */
  deadline?: Deadline;
  /** Default `ring`. */
  priority?: CallPriority;
}

/** What operators see of the AFAS client (the status endpoint). */
export interface AfasStatus {
  /** The AFAS host (never the token). */
  environment: string;
  maxConcurrency: number;
  inFlight: number;
  queued: number;
  /** AFAS asked (retry_after) not to be called until then. */
  pause: PauseStatus | null;
  breaker: BreakerState;
  /** AFAS's last answer to this client's token was a refusal (401, 403, "not authorized"). */
  authRejected: boolean;
}

export interface AfasClient {
  /** The rows as AFAS returns them. */
  getRows(q: ConnectorQuery, opts?: CallOptions): Promise<Record<string, unknown>[]>;
  /** `GET /profitversion`: a cheap check that AFAS is up and accepts the token. */
  profitVersion(opts?: CallOptions): Promise<string>;
  /** Slots, pause, breaker and auth state of this client's AFAS environment. */
  status(): AfasStatus;
  /** Fetches actually sent by this client (fail-fast calls send none). */
  readonly requestCount: number;
}

type Row = Record<string, unknown>;

const DEFAULT_RETRIES = 1;
const DEFAULT_MAX_CONCURRENT = 8;
const DEFAULT_MAX_PAUSE_SECONDS = 300;
/** AFAS says a good request takes about a second: a wait (pause, back-off) must leave that much of the budget. */
const MIN_CALL_MS = 1000;

/** Per connector: the parts of a call that do not depend on the query. */
interface Endpoint {
  label: string;
  target: string;
  authKey: string;
}

function positiveInteger(value: number | undefined, fallback: number, minimum: number): number {
  return value !== undefined && Number.isInteger(value) && value >= minimum ? value : fallback;
}

const parseRows = (json: unknown): Row[] | undefined => {
  const body = rowsBody.safeParse(json);
  return body.success ? body.data.rows : undefined;
};

const parseVersion = (json: unknown): string | undefined => {
  const body = versionBody.safeParse(json);
  return body.success ? body.data.version : undefined;
};

const countsAsOutage = (result: unknown): boolean => {
  const attempt = result as Attempt<unknown>;
  return !attempt.ok && isOutage(attempt.failure);
};

const isTimeout = (reason: unknown): boolean => reason instanceof DOMException && reason.name === 'TimeoutError';

function logBreaker(logger: Logger | undefined, host: string, state: BreakerState): void {
  if (state === 'open')
    logger?.warn({ environment: host, breaker: state }, 'AFAS failed repeatedly: calls fail fast until a probe succeeds');
  else
    logger?.info(
      { environment: host, breaker: state },
      state === 'closed' ? 'AFAS answered the probe: calls go through again' : 'AFAS probe call',
    );
}

/**
 * The only code that knows AFAS URLs and headers. Creating a client ends any pause, open breaker or auth back-off
 * of its AFAS environment. Calls stay in flight on their own: sharing identical work is the lookup service's job
 * (services/answer-cache.ts), which shares whole lookups rather than single AFAS calls.
 */
export function createAfasClient(o: AfasClientOptions): AfasClient {
  const timeoutMs = o.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError('AfasClientOptions.timeoutMs must be a positive integer.');
  const logger = o.logger?.child({ component: 'afas' });
  const { restRoot, authorization, host } = o.connection;
  const environment: Environment = o.environments.forNewClient(restRoot, host, {
    maxConcurrent: positiveInteger(o.maxConcurrent, DEFAULT_MAX_CONCURRENT, 1),
    maxPauseSeconds: positiveInteger(o.maxPauseSeconds, DEFAULT_MAX_PAUSE_SECONDS, 1),
    timeoutMs,
    isOutage: countsAsOutage,
    onBreakerChange: (state) => logBreaker(logger, host, state),
  });
  const sender: Sender = createSender({
    headers: { Authorization: authorization, Accept: 'application/json' },
    timeoutMs,
    maxBodyBytes: positiveInteger(o.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1),
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    logger,
    observer: o.observer,
  });
  const path: CallPath = createCallPath({
    environment,
    sender,
    retries: positiveInteger(o.retries, DEFAULT_RETRIES, 0),
    minCallMs: Math.min(timeoutMs, MIN_CALL_MS),
    logger,
    observer: o.observer,
  });
  /** Identifies the token in auth back-off keys without keeping another copy of it. */
  const tokenKey = createHash('sha256').update(authorization).digest('hex').slice(0, 32);
  const endpointFor = (label: string, target: string): Endpoint => ({ label, target, authKey: `${tokenKey}\n${label}` });
  // Connector ids come from settings: a handful per client.
  const endpoints = new Map<string, Endpoint>();
  const versionEndpoint = endpointFor('profitversion', 'profitversion');

  /** Runs the call within the caller's budget, and maps running out of it to upstream_timeout. */
  async function run<T>(call: Call<T>, opts: CallOptions): Promise<T> {
    const deadline = opts.deadline ?? deadlineIn(2 * timeoutMs);
    try {
      deadline.signal.throwIfAborted();
      // The call path stops on the same signal; the race answers with the signal's own reason the moment it aborts.
      return await raceSignal(path.execute(call, deadline.signal, deadline.at, opts.priority ?? 'ring'), deadline.signal);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The budget ran out while waiting for a slot, a pause or AFAS: to the caller, AFAS did not answer in time.
      if (deadline.signal.aborted && error === deadline.signal.reason && isTimeout(error)) {
        logger?.warn({ connector: call.label, code: 'upstream_timeout' }, 'AFAS call ran out of time');
        throw toAppError({ kind: 'timeout' }, call.target);
      }
      // The caller's own abort, with its own reason.
      throw error;
    }
  }

  return {
    async getRows(q: ConnectorQuery, opts: CallOptions = {}): Promise<Row[]> {
      let e = endpoints.get(q.connector);
      if (!e) {
        assertId(q.connector, 'connector');
        e = endpointFor(q.connector, `GetConnector "${q.connector}"`);
        endpoints.set(q.connector, e);
      }
      const url = `${restRoot}/connectors/${q.connector}?${buildQueryString(q)}`;
      return run<Row[]>({ label: e.label, target: e.target, authKey: e.authKey, url, parse: parseRows }, opts);
    },

    async profitVersion(opts: CallOptions = {}): Promise<string> {
      const e = versionEndpoint;
      return run<string>(
        { label: e.label, target: e.target, authKey: e.authKey, url: `${restRoot}/profitversion`, parse: parseVersion },
        opts,
      );
    },

    status(): AfasStatus {
      const now = Date.now();
      return {
        environment: host,
        maxConcurrency: environment.slots.capacity,
        inFlight: environment.slots.inFlight,
        queued: environment.slots.queued,
        pause: environment.pause.status(now),
        breaker: environment.breaker.state,
        authRejected: environment.auth.isRejected(tokenKey),
      };
    },

    get requestCount(): number {
      return sender.count;
    },
  };
}
