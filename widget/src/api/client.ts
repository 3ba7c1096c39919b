/**
 * The only code that talks to the lookup service. Each call takes the caller's AbortSignal (a newer lookup aborts
 * the older one) and adds its own time limit, and turns every failure into an ApiError with a known code.
 */
import { isErrorCode, type CasesPage, type ErrorCode, type LookupResponse } from '../../../contract/lookup-api.js';
import { ApiError } from './api-error.js';
import { errorBodyOf, isCasesPage, isLookupResponse } from './guards.js';
import { apiUrl } from './service-url.js';

export interface Connection {
  serviceUrl: string;
  apiKey?: string | undefined;
}

export interface LookupQuery {
  phone?: string | undefined;
  email?: string | undefined;
  direction?: 'inbound' | 'outbound' | undefined;
  ucc?: string | undefined;
}

/** Longer than the service's own AFAS deadline, so its 504 normally arrives first. */
export const requestTimeoutMs = 30_000;

/**
 * A code from the service as the panel knows it: one the contract does not list (a newer service) is `internal_error`.
 * The panel has a message for every contract code (`Strings['errors']` is typed by the contract's codes).
 */
export const panelCode = (code: string): ErrorCode => (isErrorCode(code) ? code : 'internal_error');

function retryAfter(res: Response): number | undefined {
  const seconds = Number(res.headers.get('Retry-After'));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

export async function request(
  url: URL,
  conn: Connection,
  signal: AbortSignal,
  init: { method?: string; body?: unknown } = {},
): Promise<unknown> {
  const timeout = AbortSignal.timeout(requestTimeoutMs);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (conn.apiKey) headers.Authorization = `Bearer ${conn.apiKey}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.any([signal, timeout]),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    body = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  } catch (e) {
    if (signal.aborted) throw e; // superseded by a newer lookup: nobody shows this
    if (timeout.aborted) throw new ApiError('timeout', `No answer from ${url.origin} within ${requestTimeoutMs / 1000} s`);
    // Rare, so its code loads only then; when even that cannot be loaded, the service is not there.
    throw await import('./unreachable.js').then(
      (m) => m.unreachable(url, e),
      () => new ApiError('network_error', e instanceof Error ? e.message : String(e)),
    );
  }
  signal.throwIfAborted();
  if (res.ok) return body;
  const err = errorBodyOf(body);
  if (!err) throw new ApiError(res.status === 401 ? 'unauthorized' : 'bad_response', `HTTP ${res.status} without an error body`);
  throw new ApiError(panelCode(err.code), err.message, err.reference, retryAfter(res));
}

export async function fetchLookup(conn: Connection, q: LookupQuery, signal: AbortSignal): Promise<LookupResponse> {
  const url = apiUrl(conn.serviceUrl, '/api/v1/lookup');
  if (q.phone) {
    url.searchParams.set('phone', q.phone);
    if (q.direction) url.searchParams.set('direction', q.direction);
  } else {
    url.searchParams.set('email', q.email ?? '');
  }
  if (q.ucc) url.searchParams.set('ucc', q.ucc);
  // Cases that take long follow in a second request (`casesPending`), so a slow AFAS shows the contact first.
  url.searchParams.set('progressive', 'true');
  const body = await request(url, conn, signal);
  if (!isLookupResponse(body)) throw new ApiError('bad_response', 'The lookup answer does not match the contract');
  return body;
}

/**
 * A page of one contact's cases. `casesRef` is the contact's opaque reference from the lookup answer (the service
 * pages only contacts it has shown); a `not_found` means the reference has expired and only a new lookup helps.
 */
export async function fetchCases(conn: Connection, casesRef: string, skip: number, take: number, signal: AbortSignal): Promise<CasesPage> {
  const url = apiUrl(conn.serviceUrl, '/api/v1/cases');
  url.searchParams.set('ref', casesRef);
  url.searchParams.set('skip', String(skip));
  url.searchParams.set('take', String(take));
  const body = await request(url, conn, signal);
  if (!isCasesPage(body)) throw new ApiError('bad_response', 'The cases answer does not match the contract');
  return body;
}
