import { buildQueryString, type ConnectorQuery } from '../afas/query.js';

/** Whether AFAS accepts the query in one request (its query string is at most 2049 characters). */
export function fitsInOneRequest(q: ConnectorQuery): boolean {
  try {
    buildQueryString(q);
    return true;
  } catch {
    return false;
  }
}
