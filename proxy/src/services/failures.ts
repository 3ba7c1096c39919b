import type { CasesErrorDto, ErrorCode } from '../contract.js';
import { AppError } from '../errors.js';

const outageCodes: ReadonlySet<ErrorCode> = new Set(['upstream_error', 'upstream_unavailable', 'upstream_timeout']);

/**
 * The AppError behind a failed AFAS step. A step that ran into the lookup's own deadline rejects with the
 * signal's TimeoutError: to the caller that is AFAS answering too slowly.
 */
export function upstreamFailure(e: unknown): AppError | undefined {
  if (e instanceof AppError) return e;
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
    return new AppError('upstream_timeout', 'AFAS did not answer in time');
  return undefined;
}

/** AFAS down or slow (not refusing the token): the last known answer may stand in. */
export function isOutage(e: unknown): boolean {
  const failure = upstreamFailure(e);
  return failure !== undefined && outageCodes.has(failure.code);
}

/** Fixed texts: AFAS's own message may echo searched values and never reaches API clients. */
const casesErrorMessages: Partial<Record<ErrorCode, string>> = {
  upstream_timeout: 'AFAS did not return the cases in time.',
  upstream_unavailable: 'AFAS is unavailable for a moment, so the cases could not be loaded.',
  upstream_error: 'AFAS could not return the cases.',
  upstream_auth: 'AFAS refused the request for the cases.',
  not_configured: 'The case settings are incomplete, so cases cannot be loaded.',
};

/** Why a matched contact comes without cases, as the answer says it. */
export function casesErrorOf(e: unknown): CasesErrorDto {
  const code = upstreamFailure(e)?.code ?? 'internal_error';
  return { code, message: casesErrorMessages[code] ?? 'The cases could not be loaded.' };
}
