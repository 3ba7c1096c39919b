import type { Logger } from 'pino';
import { readCappedText } from './body.js';
import { maskAfasText, type Failure } from './failures.js';
import { outcomeOf, type AfasObserver } from './observer.js';
import { failureFromNetworkError, failureFromResponse, parseJson } from './responses.js';

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** One AFAS GET: where, and how to validate what comes back. */
export interface Request<T> {
  /** Names the endpoint in logs; never contains query values. */
  label: string;
  url: string;
  parse: (json: unknown) => T | undefined;
}

export interface SenderOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  fetch: typeof fetch;
  logger?: Logger;
  observer?: AfasObserver;
}

export interface Sender {
  /**
   * Sends one HTTP attempt, limited to `timeoutMs` from when it is sent (reading the body included). Every answer
   * or network failure comes back as an Attempt; it throws only when `cancel` aborts (nobody waits any more).
   */
  send<T>(request: Request<T>, cancel: AbortSignal, attempt: number): Promise<Attempt<T>>;
  /** Requests actually sent. */
  readonly count: number;
}

// Abort reasons of our own: fixed objects, so an abort builds no DOMException and no stack trace.
const ATTEMPT_TIMED_OUT = new Error('AFAS attempt timed out');
const BODY_TOO_LARGE = new Error('AFAS body over the cap');

export function createSender(o: SenderOptions): Sender {
  let count = 0;
  const log = o.logger;

  async function sendOnce<T>(request: Request<T>, cancel: AbortSignal, attempt: number): Promise<Attempt<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(ATTEMPT_TIMED_OUT);
    }, o.timeoutMs);
    const onCancel = (): void => controller.abort(cancel.reason);
    cancel.addEventListener('abort', onCancel, { once: true });
    const started = performance.now();
    const durationMs = (): number => Math.round(performance.now() - started);
    let status: number | undefined;
    try {
      count++;
      const response = await o.fetch(request.url, { method: 'GET', headers: o.headers, redirect: 'error', signal: controller.signal });
      status = response.status;
      const text = await readCappedText(response, o.maxBodyBytes);
      log?.debug({ connector: request.label, status, durationMs: durationMs(), attempt }, 'AFAS call');
      if (text === undefined) {
        controller.abort(BODY_TOO_LARGE); // drops the connection instead of draining the rest
        return { ok: false, failure: { kind: 'too-large', maxBytes: o.maxBodyBytes } };
      }
      if (!response.ok) {
        const failure = failureFromResponse(status, response.headers, text);
        if (failure.kind === 'status' && failure.afasMessage !== undefined) {
          log?.debug(
            { connector: request.label, status, reference: failure.reference, afasMessage: maskAfasText(failure.afasMessage) },
            'AFAS error message',
          );
        }
        return { ok: false, failure };
      }
      const json = parseJson(text);
      if (!json.ok) return { ok: false, failure: { kind: 'not-json' } };
      const value = request.parse(json.value);
      return value === undefined ? { ok: false, failure: { kind: 'unexpected-shape' } } : { ok: true, value };
    } catch (error) {
      if (timedOut) {
        log?.debug({ connector: request.label, status, durationMs: durationMs(), attempt }, 'AFAS call timed out');
        return { ok: false, failure: { kind: 'timeout' } };
      }
      if (cancel.aborted) throw cancel.reason;
      const failure = failureFromNetworkError(error);
      log?.debug({ connector: request.label, status, failure, durationMs: durationMs(), attempt }, 'AFAS call failed');
      return { ok: false, failure };
    } finally {
      clearTimeout(timer);
      cancel.removeEventListener('abort', onCancel);
    }
  }

  const observer = o.observer;
  async function send<T>(request: Request<T>, cancel: AbortSignal, attempt: number): Promise<Attempt<T>> {
    cancel.throwIfAborted();
    if (!observer) return sendOnce(request, cancel, attempt);
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    try {
      const result = await sendOnce(request, cancel, attempt);
      observer.requestEnded(request.label, result.ok ? 'ok' : outcomeOf(result.failure), seconds());
      return result;
    } catch (error) {
      observer.requestEnded(request.label, 'aborted', seconds());
      throw error;
    }
  }

  return {
    send,
    get count() {
      return count;
    },
  };
}
