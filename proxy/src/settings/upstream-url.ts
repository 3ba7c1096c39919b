import { onHostList } from './host-list.js';
import { ok, problem, type Read } from './read-value.js';

/** Which hosts the service may send the AFAS token to, and which it may link agents to. */
export interface UpstreamRules {
  /** CRM_AFAS_HOSTS: on-premises Profit hosts, beside the AFAS Online REST hosts. */
  afasHosts: readonly string[];
  /** CRM_INSITE_HOSTS: InSite on a custom domain, beside `<digits>.afasinsite.nl`. */
  insiteHosts: readonly string[];
  /** CRM_ALLOW_HTTP_UPSTREAM: `http:` for the AFAS REST URL, only for a host on `afasHosts`. */
  allowHttpUpstream: boolean;
}

/** `{env}` is only the digits of the participant number; `resttest` and `restaccept` are the test and accept environments. */
const AFAS_ONLINE_REST = /^\d+\.rest(?:test|accept)?\.afas\.online$/;
const AFAS_INSITE = /^\d+\.afasinsite\.nl$/;

interface HostRule {
  builtIn: RegExp;
  builtInText: string;
  listed: readonly string[];
  listName: string;
  httpAllowed: boolean;
  httpText: string;
}

function readUrl(value: string, rule: HostRule): Read<URL> {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem('expected an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('expected an https: URL');
  if (url.username !== '' || url.password !== '') return problem('must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') return problem('must not contain a query (?) or fragment (#)');
  const listed = onHostList(url.hostname, rule.listed);
  if (!listed && !rule.builtIn.test(url.hostname)) return problem(`expected ${rule.builtInText}; other hosts must be on ${rule.listName}`);
  // A built-in host is an AFAS Online name on its standard port; anything else is the operator's to allow.
  if (!listed && url.port !== '') return problem(`must not name a port (only a host on ${rule.listName} may)`);
  if (url.protocol === 'http:' && !(listed && rule.httpAllowed)) return problem(rule.httpText);
  return ok(url);
}

const trimSlashes = (path: string): string => path.replace(/\/+$/, '');

/**
 * `https://12345.rest.afas.online/ProfitRestServices[/connectors][/]` -> `https://12345.rest.afas.online/ProfitRestServices`:
 * the REST root the AFAS client builds its URLs on, never ending in a slash. The host must be an AFAS Online REST host
 * or on CRM_AFAS_HOSTS, because this is where the token goes.
 */
export function normaliseAfasRestRoot(value: string, rules: UpstreamRules): Read<string> {
  const url = readUrl(value, {
    builtIn: AFAS_ONLINE_REST,
    builtInText: 'an AFAS Online REST URL (https://<digits>.rest.afas.online, .resttest.afas.online or .restaccept.afas.online)',
    listed: rules.afasHosts,
    listName: 'CRM_AFAS_HOSTS',
    httpAllowed: rules.allowHttpUpstream,
    httpText: 'expected an https: URL (http: only for a host on CRM_AFAS_HOSTS with CRM_ALLOW_HTTP_UPSTREAM=true)',
  });
  if (!url.ok) return url;
  const path = trimSlashes(url.value.pathname).replace(/\/connectors$/i, '');
  return ok(`${url.value.origin}${path}`);
}

/**
 * `https://12345.afasinsite.nl`, `.../`, `...//` -> `https://12345.afasinsite.nl/`: exactly one trailing slash. The
 * host must be `<digits>.afasinsite.nl` or on CRM_INSITE_HOSTS, and the scheme https (the panel opens nothing else).
 */
export function normaliseInsiteUrl(value: string, rules: UpstreamRules): Read<string> {
  const url = readUrl(value, {
    builtIn: AFAS_INSITE,
    builtInText: 'an AFAS InSite URL (https://<digits>.afasinsite.nl)',
    listed: rules.insiteHosts,
    listName: 'CRM_INSITE_HOSTS',
    httpAllowed: false,
    httpText: 'expected an https: URL (agents are only sent to https: pages)',
  });
  if (!url.ok) return url;
  return ok(`${url.value.origin}${trimSlashes(url.value.pathname)}/`);
}
