/**
 * The only code of the admin page that talks to the service. Every call sends the admin key as a bearer token,
 * takes the caller's AbortSignal, adds its own time limit and turns every failure into an AdminApiError.
 * The key lives in the Connection object the page holds in memory; it is never written anywhere else.
 */
import { apiUrl } from '../../api/service-url.js';
import { errorBodyOf } from '../../api/guards.js';
import { AdminApiError } from './admin-error.js';
import { isIndexStatus, isLookupOutcomes, isQualityReport, hasRefusedOrigins } from './admin-guards.js';
import type { IndexStatus, LookupOutcomes, QualityAnswer, RefusedOrigins } from './admin-types.js';

export interface AdminConnection {
  serviceUrl: string;
  key: string;
  fetch: typeof fetch;
}

export const requestTimeoutMs = 30_000;

async function request(conn: AdminConnection, path: string, accept: string, signal: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(requestTimeoutMs);
  const url = apiUrl(conn.serviceUrl, path);
  try {
    return await conn.fetch(url, {
      headers: { Accept: accept, Authorization: `Bearer ${conn.key}` },
      signal: AbortSignal.any([signal, timeout]),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    if (signal.aborted) throw e; // the page let go of this request: nobody shows it
    if (timeout.aborted) throw new AdminApiError('timeout', `No answer from ${url.origin} within ${requestTimeoutMs / 1000} s`);
    throw new AdminApiError('network_error', e instanceof Error ? e.message : String(e));
  }
}

/** The failure an answer that is not 2xx stands for, with the service's own message when it sent one. */
async function failureOf(res: Response): Promise<AdminApiError> {
  const body: unknown = await res.json().catch(() => undefined);
  const message = errorBodyOf(body)?.message ?? `HTTP ${res.status}`;
  if (res.status === 401) return new AdminApiError('unauthorized', message, res.status);
  if (res.status === 403) return new AdminApiError('forbidden', message, res.status);
  return new AdminApiError(res.status >= 500 ? 'server_error' : 'bad_response', message, res.status);
}

async function getJson(conn: AdminConnection, path: string, signal: AbortSignal): Promise<unknown> {
  const res = await request(conn, path, 'application/json', signal);
  if (!res.ok) throw await failureOf(res);
  try {
    return await res.json();
  } catch {
    signal.throwIfAborted();
    throw new AdminApiError('bad_response', `${path} did not answer JSON`, res.status);
  }
}

export async function fetchIndexStatus(conn: AdminConnection, signal: AbortSignal): Promise<IndexStatus> {
  const body = await getJson(conn, '/api/v1/index', signal);
  if (!isIndexStatus(body)) throw new AdminApiError('bad_response', 'The index status does not have the expected shape');
  return body;
}

export async function fetchOutcomes(conn: AdminConnection, signal: AbortSignal): Promise<LookupOutcomes> {
  const body = await getJson(conn, '/api/v1/outcomes', signal);
  if (!isLookupOutcomes(body)) throw new AdminApiError('bad_response', 'The outcomes do not have the expected shape');
  return body;
}

/**
 * The origins this instance refused in the last 24 hours because CRM_ALLOWED_ORIGINS does not list them: the
 * `refusedOrigins` of `GET status` (the rest of the status is not this page's business).
 */
export async function fetchRefusedOrigins(conn: AdminConnection, signal: AbortSignal): Promise<RefusedOrigins> {
  const body = await getJson(conn, '/api/v1/status', signal);
  if (!hasRefusedOrigins(body)) throw new AdminApiError('bad_response', 'The refused origins do not have the expected shape');
  return body.refusedOrigins;
}

/** The report, or why there is none yet (404 while the index is off or its first build runs). */
export async function fetchQuality(conn: AdminConnection, signal: AbortSignal): Promise<QualityAnswer> {
  const res = await request(conn, '/api/v1/data-quality', 'application/json', signal);
  if (res.status === 404) {
    const err = errorBodyOf(await res.json().catch(() => undefined));
    if (err?.code === 'not_found') return { kind: 'missing', message: err.message };
  }
  if (!res.ok) throw await failureOf(res);
  const body: unknown = await res.json().catch(() => undefined);
  if (!isQualityReport(body)) throw new AdminApiError('bad_response', 'The data-quality report does not have the expected shape');
  return { kind: 'report', report: body };
}

/** The report's records as CSV, for a download. */
export async function fetchQualityCsv(conn: AdminConnection, signal: AbortSignal): Promise<Blob> {
  const res = await request(conn, '/api/v1/data-quality', 'text/csv', signal);
  if (!res.ok) throw await failureOf(res);
  if (!(res.headers.get('Content-Type') ?? '').startsWith('text/csv')) {
    throw new AdminApiError('bad_response', 'The data-quality report did not come as CSV', res.status);
  }
  return new Blob([await res.blob()], { type: 'text/csv;charset=utf-8' });
}
