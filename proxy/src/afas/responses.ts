import { z } from 'zod';
import type { Failure } from './failures.js';

/** Sanity bound for a retry_after; the pause itself is capped lower (`maxPauseSeconds`). */
const MAX_RETRY_AFTER_SECONDS = 86_400;
const MAX_TEXT_LENGTH = 300;

/** What AFAS says when the token or its user may not use a connector (it answers 500, not 401). */
const NOT_AUTHORIZED = /not authori[sz]ed|not supported for this app|niet geautoriseerd|geen rechten|onvoldoende rechten/i;

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

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Seconds from AFAS's body `retry_after` or the `Retry-After` header (delta-seconds or HTTP date), rounded up. */
export function parseRetryAfter(bodyValue: number | string | undefined, header: string | null, now: number): number | undefined {
  let seconds: number | undefined;
  if (typeof bodyValue === 'number') seconds = bodyValue;
  else if (typeof bodyValue === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(bodyValue)) seconds = Number(bodyValue);
  else if (header !== null && /^\s*\d+\s*$/.test(header)) seconds = Number(header);
  else if (header !== null && !Number.isNaN(Date.parse(header))) seconds = (Date.parse(header) - now) / 1000;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(Math.ceil(seconds), MAX_RETRY_AFTER_SECONDS);
}

function cleanText(text: string | undefined): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length > MAX_TEXT_LENGTH ? `${clean.slice(0, MAX_TEXT_LENGTH)}…` : clean;
}

/** Reads a non-2xx AFAS answer: status, reference, retry_after and (for the debug log only) AFAS's message. */
export function failureFromResponse(status: number, headers: Headers, bodyText: string, now = Date.now()): Failure {
  const json = parseJson(bodyText);
  const body = errorBody.parse(json.ok ? json.value : {});
  const afasMessage = cleanText(body.externalMessage);
  const failure: Failure = { kind: 'status', status, reference: cleanText(body.profitLogReference), afasMessage };
  if (status === 503 || status === 429) failure.retryAfterSeconds = parseRetryAfter(body.retry_after, headers.get('retry-after'), now);
  if (status === 500 && afasMessage !== undefined && NOT_AUTHORIZED.test(afasMessage)) failure.notAuthorized = true;
  return failure;
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

/** A fetch or body-read error that was not caused by our own abort signal. */
export function failureFromNetworkError(error: unknown): Failure {
  if (isRedirect(error)) return { kind: 'redirect' };
  return { kind: 'network', code: errorCode(error) ?? 'network error' };
}
