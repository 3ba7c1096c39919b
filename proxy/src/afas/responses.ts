import { z } from 'zod';
import { AppError } from '../errors.js';

/** Upper bound for honouring AFAS's retry_after (maintenance windows can announce 7200 s). */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const MAX_MESSAGE_LENGTH = 300;

export const rowsBody = z.object({
  skip: z.number(),
  take: z.number(),
  rows: z.array(z.record(z.string(), z.unknown())),
});

export const versionBody = z.object({ version: z.string().min(1) });

// Every field is optional and falls back to undefined, so odd error bodies never throw here.
const errorBody = z
  .object({
    externalMessage: z.string().optional().catch(undefined),
    profitLogReference: z.string().optional().catch(undefined),
    retry_after: z.union([z.number(), z.string()]).optional().catch(undefined),
  })
  .catch({});

/** A failed attempt, already mapped to the error contract. */
export interface Failure {
  error: AppError;
  /** Worth another attempt within the same deadline. */
  retryable: boolean;
  /** AFAS asked us to stay away this long (seconds, capped). */
  unavailableSeconds?: number;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Seconds from AFAS's body `retry_after` or the `Retry-After` header (delta-seconds or HTTP date); capped. */
export function parseRetryAfter(bodyValue: number | string | undefined, header: string | null, now: number): number | undefined {
  let seconds: number | undefined;
  if (typeof bodyValue === 'number') seconds = bodyValue;
  else if (typeof bodyValue === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(bodyValue)) seconds = Number(bodyValue);
  else if (header !== null && /^\s*\d+\s*$/.test(header)) seconds = Number(header);
  else if (header !== null && !Number.isNaN(Date.parse(header))) seconds = (Date.parse(header) - now) / 1000;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(Math.ceil(seconds), MAX_RETRY_AFTER_SECONDS);
}

function cleanMessage(text: string | undefined): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean;
}

/** Maps a non-2xx AFAS response to the error contract. `target` names the endpoint, e.g. `GetConnector "X"`. */
export function failureFromResponse(status: number, headers: Headers, bodyText: string, target: string, now = Date.now()): Failure {
  const json = parseJson(bodyText);
  const body = errorBody.parse(json.ok ? json.value : {});
  const reference = cleanMessage(body.profitLogReference);
  const details = reference === undefined ? {} : { reference };

  switch (status) {
    case 401:
      return {
        retryable: false,
        error: new AppError('upstream_auth', `AFAS rejected the token (HTTP 401): it is wrong, revoked, or not allowed to use ${target}.`),
      };
    case 403:
      return {
        retryable: false,
        error: new AppError('upstream_auth', "AFAS rejected the token (HTTP 403): the App Connector's IP restriction does not allow this server."),
      };
    case 404:
      return {
        retryable: false,
        error: new AppError('upstream_error', `AFAS answered 404 for ${target}: connector not found or query too long.`, details),
      };
    case 500:
      return {
        retryable: false,
        error: new AppError('upstream_error', cleanMessage(body.externalMessage) ?? 'AFAS reported an unexpected error (HTTP 500).', details),
      };
    case 429:
    case 503: {
      const retryAfterSeconds = parseRetryAfter(body.retry_after, headers.get('retry-after'), now);
      const error = new AppError('upstream_unavailable', `AFAS is temporarily unavailable (HTTP ${status}).`, {
        ...details,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
      // With a retry_after AFAS has told us when to come back; retrying sooner only adds load.
      return retryAfterSeconds === undefined
        ? { retryable: true, error }
        : { retryable: false, error, unavailableSeconds: retryAfterSeconds };
    }
    case 502:
      return { retryable: true, error: new AppError('upstream_unavailable', 'AFAS could not be reached through its gateway (HTTP 502).') };
    case 504:
      return { retryable: true, error: new AppError('upstream_timeout', 'AFAS did not answer its gateway in time (HTTP 504).') };
    default:
      return { retryable: false, error: new AppError('upstream_error', `AFAS answered HTTP ${status} for ${target}.`, details) };
  }
}

/** Only a code like ECONNRESET is kept: undici messages can quote request details such as header values. */
function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}

function isRedirect(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && cause.message === 'unexpected redirect';
}

/** Maps a fetch or body-read error that was not caused by our own abort signal. */
export function failureFromNetworkError(error: unknown): Failure {
  if (isRedirect(error)) {
    return {
      retryable: false,
      error: new AppError('upstream_error', 'AFAS answered with a redirect; check the AFAS base URL setting.'),
    };
  }
  const code = errorCode(error) ?? 'network error';
  return {
    retryable: true,
    error: new AppError('upstream_error', `The connection to AFAS failed (${code}).`, { cause: new Error(code) }),
  };
}
