import { inheritedLang } from './inherited-lang.js';
import { langs, type Lang } from './strings.js';

export { inheritedLang } from './inherited-lang.js';

/** `nl`, `nl-BE`, `EN-gb`, `fr-BE` → the panel's language; anything else → undefined. */
export function toLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return langs.find((l) => l === primary);
}

/** The panel's own `lang` attribute wins, then the page's, then Dutch. */
export const resolveLang = (own: string | undefined, el: Element): Lang => toLang(own) ?? toLang(inheritedLang(el)) ?? 'nl';
