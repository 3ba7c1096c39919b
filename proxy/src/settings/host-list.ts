/** An IPv4 or IPv6 literal as WHATWG URL writes a hostname (`127.0.0.1`, `[::1]`). */
const isIpLiteral = (hostname: string): boolean => hostname.startsWith('[') || /^\d+(\.\d+){3}$/.test(hostname);

/**
 * An entry the way WHATWG URL would write it as a hostname, so `[0:0::1]` matches `[::1]` and `127.1` matches
 * `127.0.0.1`: the comparison must see the host that fetch() will connect to.
 */
function asHostname(entry: string): string {
  try {
    return new URL(`http://${entry}/`).hostname;
  } catch {
    return entry;
  }
}

/**
 * Whether `hostname` (from a parsed URL: lower-case, IPv6 in brackets) is on an operator's host list: exact host
 * names or IP literals, and `*.example.nl` for any sub-domain of example.nl (not example.nl itself, never an IP).
 */
export function onHostList(hostname: string, list: readonly string[]): boolean {
  return list.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    if (pattern.startsWith('*.')) return !isIpLiteral(hostname) && hostname.endsWith(pattern.slice(1));
    return asHostname(pattern) === hostname;
  });
}
