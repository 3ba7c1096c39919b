/**
 * Script of the embeddable page `{base}/widget/?phone=…`: applies the query string to the panel and listens for
 * lookups posted by the page's parent or opener. Kept apart from the bundle and free of Lit.
 */
import { applyQuery, createMessageHandler, parseAllowedOrigins, relayPanelEvents, type HostMessage } from './message.js';

/** The windows that may drive the page: the one framing it and the one that opened it. */
function trustedWindows(): Window[] {
  const opener: unknown = window.opener;
  const list: Window[] = window.parent === window ? [] : [window.parent];
  // A cross-origin opener is not `instanceof Window` here, but it does expose postMessage.
  if (typeof opener === 'object' && opener !== null && typeof (opener as Partial<Window>).postMessage === 'function')
    list.push(opener as Window);
  return list;
}

const panel = document.querySelector('crm-caller-panel');
if (panel) {
  const params = new URLSearchParams(location.search);
  applyQuery(panel, params);
  const lang = params.get('lang');
  if (lang) document.documentElement.lang = lang;

  const allowed = parseAllowedOrigins(document.querySelector('meta[name="crm-allowed-origins"]')?.getAttribute('content'));
  // The browser delivers each message only to a window on that origin, so nothing reaches a host that is not allowed.
  const post = (msg: HostMessage): void => {
    for (const target of trustedWindows()) for (const origin of allowed) target.postMessage(msg, origin);
  };
  let linkHandling: 'page' | 'host' = 'page';
  window.addEventListener(
    'message',
    createMessageHandler(panel, allowed, trustedWindows, (msg) => {
      if (msg.linkHandling) linkHandling = msg.linkHandling;
    }),
  );
  relayPanelEvents(panel, post, () => linkHandling);
  // Tell the embedding page it may send lookups now.
  post({ type: 'crm:ready' });
}
