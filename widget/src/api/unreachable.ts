import { ApiError } from './api-error.js';

/**
 * A fetch the browser refused without an answer: the service cannot be reached, or it answered but does not allow
 * this page's origin (CORS), which the browser reports the same way. The service's own files allow every origin, so
 * when one of them can be read the service is up and the refusal was CORS.
 */
export async function unreachable(url: URL, cause: unknown): Promise<ApiError> {
  const message = cause instanceof Error ? cause.message : String(cause);
  const probe = new URL('widget/embed.js', `${url.href.slice(0, url.href.indexOf('/api/v1/'))}/`);
  const up = await fetch(probe, { method: 'HEAD', credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(3000) }).then(
    (r) => r.ok,
    () => false,
  );
  return up
    ? new ApiError('cors_blocked', `${url.origin} does not allow requests from ${location.origin} (CORS)`)
    : new ApiError('network_error', message);
}
