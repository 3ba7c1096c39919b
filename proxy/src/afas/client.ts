import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { parseBaseUrl, type AfasBaseUrl } from './base-url.js';
import type { Coalescer } from './coalescer.js';
import { environmentFor, markUnavailable, unavailableSeconds, type Environment } from './environment.js';
import { assertId } from './filter.js';
import { LimiterFullError } from './limiter.js';
import { buildQueryString, type ConnectorQuery } from './query.js';
import { failureFromNetworkError, failureFromResponse, parseJson, rowsBody, versionBody, type Failure } from './responses.js';
import { withRetries, type Attempt } from './retry.js';
import { authorizationHeader } from './token.js';
import type { Deadline } from '../deadline.js';

export interface AfasClientOptions {
  /** `.../ProfitRestServices/connectors` or `.../ProfitRestServices`, with or without trailing slash. */
  connectorBaseUrl: string;
  /** XML, hex data or Base64 of the XML. */
  token: string;
  /** One deadline per call: slot queueing, all attempts, back-off and reading the body. */
  timeoutMs: number;
  /** Extra attempts for retryable failures; default 1 (so at most 2 attempts). */
  retries?: number;
  /** AFAS calls in flight per AFAS environment (shared by all clients of that base URL); default 4. */
  maxConcurrent?: number;
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

export interface AfasClient {
  /** The rows as AFAS returns them. Coalesced callers receive the same array: treat it as read-only. */
  getRows(q: ConnectorQuery, opts?: CallOptions): Promise<Record<string, unknown>[]>;
  /** `GET /profitversion`: a cheap check that AFAS is up and accepts the token. */
  profitVersion(opts?: CallOptions): Promise<string>;
  /** Fetches actually sent by this client (coalesced and fail-fast calls send none). */
  readonly requestCount: number;
}

type Row = Record<string, unknown>;

/** One logical GET: what to fetch, how to validate it, and who else may share it. */
interface Call<T> {
  /** Names the endpoint in logs and messages; never contains query values. */
  label: string;
  target: string;
  url: string;
  coalescer: (environment: Environment) => Coalescer<T>;
  parse: (json: unknown) => T | undefined;
}

interface Config {
  base: AfasBaseUrl;
  headers: Record<string, string>;
  /** Identifies the token in coalescing keys without keeping another copy of it. */
  tokenHash: string;
}

function resolveConfig(o: AfasClientOptions): Config | AppError {
  try {
    const authorization = authorizationHeader(o.token);
    return {
      base: parseBaseUrl(o.connectorBaseUrl),
      headers: { Authorization: authorization, Accept: 'application/json' },
      tokenHash: createHash('sha256').update(authorization).digest('hex'),
    };
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

function timeoutError(): AppError {
  return new AppError('upstream_timeout', 'AFAS did not answer in time.');
}

function unavailableError(seconds: number): AppError {
  return new AppError('upstream_unavailable', `AFAS asked not to be called for a while; try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

function positiveInteger(value: number | undefined, fallback: number, minimum: number): number {
  return value !== undefined && Number.isInteger(value) && value >= minimum ? value : fallback;
}

/**
 * The only code that knows AFAS URLs and headers. Configuration errors (token, base URL) do not throw here:
 * every call rejects with AppError('not_configured') instead, so a bad setting degrades to 503s.
 */
export function createAfasClient(o: AfasClientOptions): AfasClient {
  const config = resolveConfig(o);
  const attempts = positiveInteger(o.retries, 1, 0) + 1;
  const maxConcurrent = positiveInteger(o.maxConcurrent, 4, 1);
  const timeoutMs = o.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError('AfasClientOptions.timeoutMs must be a positive integer.');
  const fetchImpl: typeof fetch = o.fetch ?? ((input, init) => fetch(input, init));
  const logger = o.logger?.child({ component: 'afas' });
  let requestCount = 0;

  function configured(): Config {
    if (config instanceof AppError) throw config;
    return config;
  }

  function failFastIfUnavailable(environment: Environment): void {
    const seconds = unavailableSeconds(environment);
    if (seconds > 0) throw unavailableError(seconds);
  }

  async function attemptOnce<T>(call: Call<T>, headers: Record<string, string>, signal: AbortSignal, attempt: number): Promise<Attempt<T>> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let status: number | undefined;
    try {
      requestCount++;
      const response = await fetchImpl(call.url, { method: 'GET', headers, redirect: 'error', signal });
      status = response.status;
      const text = await response.text();
      logger?.debug({ connector: call.label, status, durationMs: elapsed(), attempt }, 'AFAS call');
      if (!response.ok) return { ok: false, ...failureFromResponse(status, response.headers, text, call.target) };

      const json = parseJson(text);
      if (!json.ok) {
        return { ok: false, retryable: false, error: new AppError('upstream_error', `AFAS returned a response that is not JSON for ${call.target}.`) };
      }
      const value = call.parse(json.value);
      if (value === undefined) {
        return { ok: false, retryable: false, error: new AppError('upstream_error', `AFAS returned an unexpected response for ${call.target}.`) };
      }
      return { ok: true, value };
    } catch (error) {
      // Our own deadline or cancellation: not a failure of this attempt, the callers map it.
      if (signal.aborted) throw error;
      const failure = failureFromNetworkError(error);
      logger?.debug({ connector: call.label, status, error: failure.error.message, durationMs: elapsed(), attempt }, 'AFAS call failed');
      return { ok: false, ...failure };
    }
  }

  /** The shared part of a call: one slot, the attempts, one deadline. `cancel` aborts when every waiter left. */
  async function execute<T>(call: Call<T>, environment: Environment, headers: Record<string, string>, cancel: AbortSignal): Promise<T> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([deadline, cancel]);
    const onFailure = (failure: Failure): void => {
      if (failure.unavailableSeconds === undefined) return;
      markUnavailable(environment, failure.unavailableSeconds);
      logger?.warn({ connector: call.label, retryAfterSeconds: failure.unavailableSeconds }, 'AFAS unavailable; failing fast until retry_after has passed');
    };
    try {
      return await environment.limiter.run(signal, () => {
        // AFAS may have announced maintenance while this call waited for a slot.
        failFastIfUnavailable(environment);
        return withRetries(attempts, signal, (attempt) => attemptOnce(call, headers, signal, attempt), onFailure);
      });
    } catch (error) {
      // Everyone stopped waiting: nobody reads this result.
      if (cancel.aborted) throw error;
      const mapped =
        error instanceof AppError ? error
        : error instanceof LimiterFullError ? new AppError('upstream_unavailable', 'Too many AFAS calls are waiting; try again shortly.', { retryAfterSeconds: 1 })
        : deadline.aborted ? timeoutError()
        : undefined;
      if (mapped === undefined) throw error;
      logger?.warn({ connector: call.label, code: mapped.code, reference: mapped.reference }, 'AFAS call failed');
      throw mapped;
    }
  }

  async function run<T>(call: Call<T>, callerSignal: AbortSignal | undefined): Promise<T> {
    callerSignal?.throwIfAborted();
    const { base, headers, tokenHash } = configured();
    const environment = environmentFor(base.environmentKey, maxConcurrent);
    failFastIfUnavailable(environment);

    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;
    try {
      return await call
        .coalescer(environment)
        .run(`${call.url}\n${tokenHash}`, signal, (cancel) => execute(call, environment, headers, cancel));
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (error instanceof AppError) throw error;
      if (deadline.aborted) throw timeoutError();
      throw error;
    }
  }

  return {
    async getRows(q: ConnectorQuery, opts: CallOptions = {}): Promise<Row[]> {
      const signal = opts.deadline?.signal;
      const { base } = configured();
      assertId(q.connector, 'connector');
      const query = buildQueryString(q);
      return run(
        {
          label: q.connector,
          target: `GetConnector "${q.connector}"`,
          url: `${base.restRoot}/connectors/${q.connector}?${query}`,
          coalescer: (environment) => environment.rows,
          parse: (json) => {
            const body = rowsBody.safeParse(json);
            return body.success ? body.data.rows : undefined;
          },
        },
        signal,
      );
    },

    async profitVersion(opts: CallOptions = {}): Promise<string> {
      const signal = opts.deadline?.signal;
      const { base } = configured();
      return run(
        {
          label: 'profitversion',
          target: 'profitversion',
          url: `${base.restRoot}/profitversion`,
          coalescer: (environment) => environment.version,
          parse: (json) => {
            const body = versionBody.safeParse(json);
            return body.success ? body.data.version : undefined;
          },
        },
        signal,
      );
    },

    get requestCount(): number {
      return requestCount;
    },
  };
}
