/**
 * The service base URL when the host gives none: the bundle is served at `{base}/widget/crm-caller-panel.js`, so
 * the base is the folder above the script's own folder.
 */
export function serviceUrlFromScript(scriptUrl: string): string {
  return new URL('../', scriptUrl).href.replace(/\/+$/, '');
}

/** Joins the base with an API path, tolerating a trailing slash on the base. */
export const apiUrl = (base: string, path: string): URL => new URL(`${base.replace(/\/+$/, '')}${path}`, document.baseURI);
