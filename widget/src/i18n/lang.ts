import { langs, type Lang } from './strings.js';

/** `nl`, `nl-BE`, `EN-gb`, `fr-BE` → the panel's language; anything else → undefined. */
export function toLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return langs.find((l) => l === primary);
}

/** The nearest `lang` above an element, crossing shadow roots (a host may mount the panel inside its own). */
export function inheritedLang(el: Element): string | undefined {
  let node: Element | null = el.parentElement ?? hostOf(el);
  while (node) {
    const lang = node.closest('[lang]');
    if (lang) return lang.getAttribute('lang') ?? undefined;
    node = hostOf(node);
  }
  return undefined;
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The panel's own `lang` attribute wins, then the page's, then Dutch. */
export const resolveLang = (own: string | undefined, el: Element): Lang => toLang(own) ?? toLang(inheritedLang(el)) ?? 'nl';
