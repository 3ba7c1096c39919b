import { ok, problem, type Read } from './read-value.js';

export interface UrlRules {
  /** Accept `http:` as well as `https:` (local emulator, on-premises Profit behind a TLS-terminating proxy). */
  allowHttp: boolean;
}

function readUrl(value: string, rules: UrlRules): Read<URL> {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem('expected an absolute URL');
  }
  const schemes = rules.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return problem(rules.allowHttp ? 'expected an https: or http: URL' : 'expected an https: URL');
  if (url.username !== '' || url.password !== '') return problem('must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') return problem('must not contain a query (?) or fragment (#)');
  if (url.hostname === '') return problem('expected a host name');
  return ok(url);
}

const trimSlashes = (path: string): string => path.replace(/\/+$/, '');

/**
 * `https://12345.rest.afas.online/ProfitRestServices[/connectors][/]` -> `https://12345.rest.afas.online/ProfitRestServices/connectors`:
 * always ending in `/connectors`, never in a slash.
 */
export function normaliseConnectorBaseUrl(value: string, rules: UrlRules): Read<string> {
  const url = readUrl(value, rules);
  if (!url.ok) return url;
  const path = trimSlashes(url.value.pathname).replace(/\/connectors$/i, '');
  return ok(`${url.value.origin}${path}/connectors`);
}

/** `https://12345.afasinsite.nl`, `.../`, `...//` -> `https://12345.afasinsite.nl/`: exactly one trailing slash. */
export function normaliseInsiteUrl(value: string, rules: UrlRules): Read<string> {
  const url = readUrl(value, rules);
  if (!url.ok) return url;
  return ok(`${url.value.origin}${trimSlashes(url.value.pathname)}/`);
}
