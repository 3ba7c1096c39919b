import { AppError } from '../errors.js';

export interface AfasBaseUrl {
  /** `.../ProfitRestServices` without a trailing slash, as configured (AFAS treats the path case-insensitively). */
  restRoot: string;
  /** Identifies the AFAS environment: lower-cased, for sharing limits and fail-fast state between clients. */
  environmentKey: string;
}

function invalidBaseUrl(): AppError {
  return new AppError(
    'not_configured',
    'The AFAS base URL setting is not valid: expected an http(s) URL like https://12345.rest.afas.online/ProfitRestServices.',
  );
}

/** Accepts `.../ProfitRestServices` or `.../ProfitRestServices/connectors`, with or without trailing slash. */
export function parseBaseUrl(value: string): AfasBaseUrl {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidBaseUrl();
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw invalidBaseUrl();
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/connectors$/i, '');
  const restRoot = `${url.origin}${path}`;
  return { restRoot, environmentKey: restRoot.toLowerCase() };
}
