import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { deadlineIn, type Deadline } from '../deadline.js';
import { createSender, type Attempt, type Sender } from './attempt.js';
import { parseBaseUrl } from './base-url.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import type { BreakerState } from './breaker.js';
import { createCallPath, type Call, type CallPath } from './call-path.js';
import type { Coalescer } from './coalescer.js';
import { environmentForNewClient, type Environment } from './environment.js';
import { isOutage, toAppError } from './failures.js';
import { assertId } from './filter.js';
import type { PauseStatus } from './pause.js';
import { buildQueryString, type ConnectorQuery } from './query.js';
import { rowsBody, versionBody } from './responses.js';
import { authorizationHeader } from './token.js';

export interface AfasClientOptions {
  /** `.../ProfitRestServices/connectors` or `.../ProfitRestServices`, with or without trailing slash. */
  connectorBaseUrl: string;
  /** XML, hex data or Base64 of the XML. */
  token: string;
  /** Limit for one HTTP attempt, from sending it until its body is read. A call without a deadline gets 2 × this. */
  timeoutMs: number;
  /** Extra attempts for retryable failures (resets, 502/503/504 without retry_after); default 1. */
  retries?: number;
  /** AFAS calls in flight per AFAS environment (shared by all clients of that base URL); default 8, AFAS's maximum. */
  maxConcurrent?: number;
  /** Longest a retry_after is honoured (seconds, counted from the last answer that asked for it); default 300. */
  maxPauseSeconds?: number;
  /** Largest AFAS response body that is read; default 10 MB. */
  maxBodyBytes?: number;
  logger?: Logger;
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
  /** The rows as AFAS returns them. Coalesced callers receive the same array: treat it as read-only. */
  getRows(q: ConnectorQuery, opts?: CallOptions): Promise<Record<string, unknown>[]>;
  /** `GET /profitversion`: a cheap check that AFAS is up and accepts the token. */
  profitVersion(opts?: CallOptions): Promise<string>;
  /** Slots, pause, breaker and auth state of this client's AFAS environment. Throws AppError('not_configured') like the calls. */
  status(): AfasStatus;
  /** Fetches actually sent by this client (coalesced and fail-fast calls send none). */
  readonly requestCount: number;
}

type Row = Record<string, unknown>;

const DEFAULT_RETRIES = 1;
const DEFAULT_MAX_CONCURRENT = 8;
const DEFAULT_MAX_PAUSE_SECONDS = 300;
/** AFAS says a good request takes about a second: a wait (pause, back-off) must leave that much of the budget. */
const MIN_CALL_MS = 1000;

/** What a valid configuration connects to. */
interface Connection {
  restRoot: string;
  host: string;
  environment: Environment;
  sender: Sender;
  path: CallPath;
  /** Identifies the token in coalescing and auth back-off keys without keeping another copy of it. */
  tokenKey: string;
}

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
  if (state === 'open') logger?.warn({ environment: host, breaker: state }, 'AFAS failed repeatedly: calls fail fast until a probe succeeds');
  else logger?.info({ environment: host, breaker: state }, state === 'closed' ? 'AFAS answered the probe: calls go through again' : 'AFAS probe call');
}

function connect(o: AfasClientOptions, timeoutMs: number, logger: Logger | undefined): Connection | AppError {
  let authorization: string;
  let base: ReturnType<typeof parseBaseUrl>;
  try {
    authorization = authorizationHeader(o.token);
    base = parseBaseUrl(o.connectorBaseUrl);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  const host = new URL(base.restRoot).host;
  const environment = environmentForNewClient(base.environmentKey, host, {
    maxConcurrent: positiveInteger(o.maxConcurrent, DEFAULT_MAX_CONCURRENT, 1),
    maxPauseSeconds: positiveInteger(o.maxPauseSeconds, DEFAULT_MAX_PAUSE_SECONDS, 1),
    isOutage: countsAsOutage,
    onBreakerChange: (state) => logBreaker(logger, host, state),
  });
  const sender = createSender({
    headers: { Authorization: authorization, Accept: 'application/json' },
    timeoutMs,
    maxBodyBytes: positiveInteger(o.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1),
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    logger,
  });
  const path = createCallPath({
    environment,
    sender,
    retries: positiveInteger(o.retries, DEFAULT_RETRIES, 0),
    minCallMs: Math.min(timeoutMs, MIN_CALL_MS),
    logger,
  });
  const tokenKey = createHash('sha256').update(authorization).digest('hex').slice(0, 32);
  return { restRoot: base.restRoot, host, environment, sender, path, tokenKey };
}

/**
 * The only code that knows AFAS URLs and headers. Configuration errors (token, base URL) do not throw here:
 * every call rejects with AppError('not_configured') instead, so a bad setting degrades to 503s. Creating a
 * client ends any pause, open breaker or auth back-off of its AFAS environment.
 */
export function createAfasClient(o: AfasClientOptions): AfasClient {
  const timeoutMs = o.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError('AfasClientOptions.timeoutMs must be a positive integer.');
  const logger = o.logger?.child({ component: 'afas' });
  const connection = connect(o, timeoutMs, logger);
  // Connector ids come from settings: a handful per client.
  const endpoints = new Map<string, Endpoint>();

  function connected(): Connection {
    if (connection instanceof AppError) throw connection;
    return connection;
  }

  const endpointFor = (c: Connection, label: string, target: string): Endpoint => ({ label, target, authKey: `${c.tokenKey}\n${label}` });
  let versionEndpoint: Endpoint | undefined;

  /** Shares identical calls in flight, and maps running out of the caller's budget to upstream_timeout. */
  async function run<T>(c: Connection, call: Call<T>, coalescer: Coalescer<T>, opts: CallOptions): Promise<T> {
    const deadline = opts.deadline ?? deadlineIn(2 * timeoutMs);
    const priority = opts.priority ?? 'ring';
    try {
      return await coalescer.run(`${call.url}\n${c.tokenKey}`, deadline.signal, (cancel) => c.path.execute(call, cancel, deadline.at, priority));
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
      const c = connected();
      let e = endpoints.get(q.connector);
      if (!e) {
        assertId(q.connector, 'connector');
        e = endpointFor(c, q.connector, `GetConnector "${q.connector}"`);
        endpoints.set(q.connector, e);
      }
      const url = `${c.restRoot}/connectors/${q.connector}?${buildQueryString(q)}`;
      const call: Call<Row[]> = { label: e.label, target: e.target, authKey: e.authKey, url, parse: parseRows };
      return run(c, call, c.environment.rows, opts);
    },

    async profitVersion(opts: CallOptions = {}): Promise<string> {
      const c = connected();
      const e = (versionEndpoint ??= endpointFor(c, 'profitversion', 'profitversion'));
      const call: Call<string> = { label: e.label, target: e.target, authKey: e.authKey, url: `${c.restRoot}/profitversion`, parse: parseVersion };
      return run(c, call, c.environment.version, opts);
    },

    status(): AfasStatus {
      const c = connected();
      const env = c.environment;
      const now = Date.now();
      return {
        environment: c.host,
        maxConcurrency: env.slots.capacity,
        inFlight: env.slots.inFlight,
        queued: env.slots.queued,
        pause: env.pause.status(now),
        breaker: env.breaker.state,
        authRejected: env.auth.isRejected(c.tokenKey),
      };
    },

    get requestCount(): number {
      return connection instanceof AppError ? 0 : connection.sender.count;
    },
  };
}
