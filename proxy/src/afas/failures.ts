import { AppError } from '../errors.js';
import { maskEmail } from '../logger.js';

/**
 * Why an AFAS call did not produce a value, before it is mapped to the error contract. Everything the client
 * decides (retry, pause, breaker, auth back-off) is decided on this, and `toAppError` is the one place that turns
 * it into what API clients see.
 */
export type Failure =
  | {
      kind: 'status';
      status: number;
      /** AFAS's profitLogReference: safe to show, it lets the AFAS admin find the error in the Profit log. */
      reference?: string;
      /** From a 503/429 `retry_after` body field or `Retry-After` header. */
      retryAfterSeconds?: number;
      /** A 500 whose message says the token or its user may not do this. */
      notAuthorized?: boolean;
      /** AFAS's externalMessage: may echo the searched value, so it only ever goes to the debug log, masked. */
      afasMessage?: string;
    }
  | { kind: 'network'; code: string }
  | { kind: 'redirect' }
  | { kind: 'timeout' }
  | { kind: 'not-json' }
  | { kind: 'unexpected-shape' }
  | { kind: 'too-large'; maxBytes: number }
  /** AFAS asked for a pause (retry_after) that the caller's budget cannot wait out. */
  | { kind: 'paused'; retryAfterSeconds: number }
  | { kind: 'circuit-open'; retryAfterSeconds: number }
  | { kind: 'queue-full' };

/** 401, 403 and a "not authorized" 500: the token (or its user) is refused; retrying cannot help. */
export function isAuthFailure(f: Failure): boolean {
  return f.kind === 'status' && (f.status === 401 || f.status === 403 || (f.status === 500 && f.notAuthorized === true));
}

/** Evidence that AFAS is down or overloaded: counts toward opening the circuit breaker. */
export function isOutage(f: Failure): boolean {
  if (f.kind === 'timeout' || f.kind === 'network') return true;
  // A retry_after is handled by the pause, which is more precise than the breaker.
  return f.kind === 'status' && f.status >= 500 && !isAuthFailure(f) && f.retryAfterSeconds === undefined;
}

/** Worth another attempt within the same deadline. Not a timeout: AFAS keeps working on it, a retry adds load. */
export function isRetryable(f: Failure): boolean {
  if (f.kind === 'network') return true;
  if (f.kind !== 'status' || f.retryAfterSeconds !== undefined) return false;
  return f.status === 429 || f.status === 502 || f.status === 503 || f.status === 504;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

function statusError(f: Extract<Failure, { kind: 'status' }>, target: string): AppError {
  const details = f.reference === undefined ? {} : { reference: f.reference };
  switch (f.status) {
    case 401:
      return new AppError('upstream_auth', `AFAS rejected the token (HTTP 401): it is wrong, revoked, or not allowed to use ${target}.`);
    case 403:
      return new AppError(
        'upstream_auth',
        "AFAS rejected the token (HTTP 403): the App Connector's IP restriction does not allow this server.",
      );
    case 404:
      return new AppError('upstream_error', `AFAS answered 404 for ${target}: connector not found or query too long.`, details);
    case 429:
    case 503:
      return new AppError('upstream_unavailable', `AFAS is temporarily unavailable (HTTP ${f.status}).`, {
        ...details,
        ...(f.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: f.retryAfterSeconds }),
      });
    case 502:
      return new AppError('upstream_unavailable', 'AFAS could not be reached through its gateway (HTTP 502).', details);
    case 504:
      return new AppError('upstream_timeout', 'AFAS did not answer its gateway in time (HTTP 504).', details);
    case 500:
      if (f.notAuthorized) {
        return new AppError(
          'upstream_auth',
          `AFAS refused ${target} for this token (HTTP 500): the connector is not in the App Connector, or its user lacks the rights.`,
          details,
        );
      }
      return new AppError(
        'upstream_error',
        `AFAS reported an error (HTTP 500) for ${target}; the Profit log has the details under the reference.`,
        details,
      );
    default:
      return new AppError('upstream_error', `AFAS answered HTTP ${f.status} for ${target}.`, details);
  }
}

/**
 * The one mapping from a failure to the error contract. Messages are fixed per case (AFAS's own text never
 * reaches API clients); `target` names the endpoint, e.g. `GetConnector "Profit_Contacts"`, never a query value.
 */
export function toAppError(f: Failure, target: string): AppError {
  switch (f.kind) {
    case 'status':
      return statusError(f, target);
    case 'network':
      // Only the code: undici messages can quote request details such as header values.
      return new AppError('upstream_error', `The connection to AFAS failed (${f.code}).`);
    case 'redirect':
      return new AppError('upstream_error', 'AFAS answered with a redirect; check the AFAS base URL setting.');
    case 'timeout':
      return new AppError('upstream_timeout', 'AFAS did not answer in time.');
    case 'not-json':
      return new AppError('upstream_error', `AFAS returned a response that is not JSON for ${target}.`);
    case 'unexpected-shape':
      return new AppError('upstream_error', `AFAS returned an unexpected response for ${target}.`);
    case 'too-large':
      return new AppError('upstream_error', `AFAS answered with more than ${megabytes(f.maxBytes)} for ${target}.`);
    case 'paused':
      return new AppError('upstream_unavailable', `AFAS asked not to be called for a while; try again in ${f.retryAfterSeconds} s.`, {
        retryAfterSeconds: f.retryAfterSeconds,
      });
    case 'circuit-open':
      return new AppError('upstream_unavailable', `AFAS failed repeatedly; it is tried again in ${f.retryAfterSeconds} s.`, {
        retryAfterSeconds: f.retryAfterSeconds,
      });
    case 'queue-full':
      return new AppError('upstream_unavailable', 'Too many AFAS calls are waiting; try again shortly.', { retryAfterSeconds: 1 });
  }
}

const EMAIL = /[^\s@,;:<>()"']+@[^\s@,;:<>()"']+\.[A-Za-z]{2,}/g;
const DIGIT_RUN = /\d{3,}/g;

/** AFAS text for the debug log: e-mail addresses masked and every run of 3+ digits (phone numbers, ids) hidden. */
export function maskAfasText(text: string): string {
  return text.replace(EMAIL, (address) => maskEmail(address)).replace(DIGIT_RUN, '***');
}
