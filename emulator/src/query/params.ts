/**
 * Query-string parsing the way ASP.NET does it (AFAS runs on it): names are case-insensitive, `+` means
 * a space, and a broken %-escape is kept as typed rather than refused. The first occurrence of a name wins.
 */

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export type QueryParams = ReadonlyMap<string, string>;

/** Keys are lower-cased; values are decoded once. */
export function parseQuery(raw: string): QueryParams {
  const params = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}
