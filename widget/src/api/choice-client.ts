/**
 * The calls behind the agent's choices, search and remembered picks: a module of their own, loaded with the search
 * box and the picker (see components/caller-panel/choice/), so the bundle does not carry them.
 */
import { searchKinds, type SearchResponse } from '../../../contract/lookup-api.js';
import { ApiError } from './api-error.js';
import { request, type Connection } from './client.js';
import { isContact } from './guards.js';
import { arrayOf, isObj, isStr, oneOf } from './shape.js';
import { apiUrl } from './service-url.js';

const isSearchResponse = (v: unknown): v is SearchResponse =>
  isObj(v) && isObj(v.query) && isStr(v.query.input) && oneOf(v.query.kind, searchKinds) && arrayOf(v.contacts, isContact);

/** Contacts found by name, organisation, customer number, e-mail or postcode (at most 10, best first). */
export async function fetchSearch(conn: Connection, q: string, signal: AbortSignal): Promise<SearchResponse> {
  const url = apiUrl(conn.serviceUrl, '/api/v1/search');
  url.searchParams.set('q', q);
  const body = await request(url, conn, signal);
  if (!isSearchResponse(body)) throw new ApiError('bad_response', 'The search answer does not match the contract');
  return body;
}

/** Whom a pick is for: the caller's number or address as the lookup got it. */
export type PickCaller = { phone: string } | { email: string };

/** Remembers (team-wide) that this contact is the caller for this number or address. */
export async function rememberPick(conn: Connection, caller: PickCaller, contactId: string, signal: AbortSignal): Promise<void> {
  await request(apiUrl(conn.serviceUrl, '/api/v1/picks'), conn, signal, { method: 'PUT', body: { ...caller, contactId } });
}

/** Forgets the pick for this number or address. */
export async function forgetPick(conn: Connection, caller: PickCaller, signal: AbortSignal): Promise<void> {
  const url = apiUrl(conn.serviceUrl, '/api/v1/picks');
  for (const [k, v] of Object.entries(caller)) url.searchParams.set(k, String(v));
  await request(url, conn, signal, { method: 'DELETE' });
}
