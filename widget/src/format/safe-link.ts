/**
 * The one gate every href passes: only absolute `https:`, `tel:` and `mailto:` URLs become links. Everything else
 * (javascript:, data:, vbscript:, http:, protocol-relative `//host`, relative paths, garbage) is shown as text.
 */
export type LinkScheme = 'https' | 'tel' | 'mailto';

export interface SafeLink {
  href: string;
  scheme: LinkScheme;
}

const schemes: Record<string, LinkScheme> = { 'https:': 'https', 'tel:': 'tel', 'mailto:': 'mailto' };

export function safeLink(raw: string | undefined): SafeLink | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw); // no base: a relative or protocol-relative URL throws
  } catch {
    return undefined;
  }
  const scheme = schemes[url.protocol];
  if (!scheme || (scheme === 'https' && url.hostname === '')) return undefined;
  return { href: url.href, scheme };
}
