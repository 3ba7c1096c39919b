/**
 * The `lang` an element inherits. Imports nothing, so the admin page can use it without the panel's strings and their
 * language loaders.
 */

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
