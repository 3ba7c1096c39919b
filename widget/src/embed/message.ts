/**
 * The embeddable page's inputs: its query string, and `postMessage({type: 'crm:lookup', phone, email, direction, apiKey,
 * linkHandling})` from its parent or opener on an allowed origin. Everything else is ignored. The API key (needed when
 * the service has CRM_API_KEYS) only ever arrives by message, never in the page URL, where proxies and histories would
 * keep it. Its outputs: the panel's events, relayed to the same windows (see relayPanelEvents).
 */
export interface LookupMessage {
  phone?: string;
  email?: string;
  direction?: 'inbound' | 'outbound';
  apiKey?: string;
  /** `host`: the page follows no link itself; the host gets `crm:link-opened` and opens it its own way. */
  linkHandling?: 'page' | 'host';
}

export const messageType = 'crm:lookup';

/** `content` of `<meta name="crm-allowed-origins">`: space-separated http(s) origins. Anything else is dropped. */
export function parseAllowedOrigins(content: string | null | undefined): string[] {
  const origins: string[] = [];
  for (const item of (content ?? '').split(/[\s,]+/)) {
    try {
      const url = new URL(item);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== 'null') origins.push(url.origin);
    } catch {
      // not a URL (e.g. the unreplaced placeholder): ignored
    }
  }
  return origins;
}

const optionalString = (v: unknown, max: number): v is string | undefined => v === undefined || (typeof v === 'string' && v.length <= max);

/** The message as a lookup, or undefined when it is not exactly one of ours. */
export function parseLookupMessage(data: unknown): LookupMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, phone, email, direction, apiKey, linkHandling } = data as Record<string, unknown>;
  if (type !== messageType || !optionalString(phone, 64) || !optionalString(email, 254) || !optionalString(apiKey, 256)) return undefined;
  if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound') return undefined;
  if (linkHandling !== undefined && linkHandling !== 'page' && linkHandling !== 'host') return undefined;
  return {
    ...(phone !== undefined && { phone }),
    ...(email !== undefined && { email }),
    ...(direction !== undefined && { direction }),
    ...(apiKey !== undefined && { apiKey }),
    ...(linkHandling !== undefined && { linkHandling }),
  };
}

function setOrRemove(el: Element, name: string, value: string | undefined): void {
  if (value) el.setAttribute(name, value);
  else el.removeAttribute(name);
}

/** A new conversation replaces the old one: phone and e-mail are both set or cleared. */
export function applyLookup(panel: Element, msg: LookupMessage): void {
  if (msg.direction) panel.setAttribute('direction', msg.direction);
  if (msg.apiKey) panel.setAttribute('api-key', msg.apiKey);
  setOrRemove(panel, 'email', msg.phone ? undefined : msg.email);
  setOrRemove(panel, 'phone', msg.phone);
}

const pageParams = ['phone', 'email', 'direction', 'ucc', 'lang', 'theme'] as const;

/** `?phone=…&email=…&direction=…&ucc=…&lang=…&theme=…&no-cases` → the panel's attributes. */
export function applyQuery(panel: Element, params: URLSearchParams): void {
  for (const name of pageParams) {
    const value = params.get(name)?.trim();
    if (value) panel.setAttribute(name, value);
  }
  const noCases = params.get('no-cases');
  if (noCases !== null && noCases !== 'false' && noCases !== '0') panel.setAttribute('no-cases', '');
}

/**
 * A `message` listener that applies lookups only from an allowed origin and from one of the trusted windows
 * (the page's parent or opener), so another frame on an allowed origin cannot drive it either. `onLookup` hears each
 * lookup applied (the page keeps its `linkHandling`).
 */
export function createMessageHandler(
  panel: Element,
  allowedOrigins: readonly string[],
  trustedSources: () => readonly unknown[],
  onLookup?: (msg: LookupMessage) => void,
): (event: MessageEvent) => void {
  return (event) => {
    if (!allowedOrigins.includes(event.origin)) return;
    if (event.source === null || !trustedSources().includes(event.source)) return;
    const msg = parseLookupMessage(event.data);
    if (!msg) return;
    applyLookup(panel, msg);
    onLookup?.(msg);
  };
}

/** What the page tells its host: the panel's events, with only what a host needs (never contact data beyond id and name). */
export type HostMessage =
  | { type: 'crm:ready' }
  | { type: 'crm:lookup-completed'; status: string; count: number }
  | { type: 'crm:contact-selected'; id: string; name: string }
  | { type: 'crm:pick-remembered'; contactId: string; name: string; remembered: boolean }
  | { type: 'crm:link-opened'; href: string; kind: string }
  | { type: 'crm:error'; code: string };

/**
 * Relays the panel's events to the host (`post`, which delivers to the trusted windows on the allowed origins only).
 * With `linkHandling()` `host`, a link the agent follows is left to the host: the page does not navigate.
 */
export function relayPanelEvents(panel: Element, post: (msg: HostMessage) => void, linkHandling: () => 'page' | 'host'): void {
  panel.addEventListener('crm-lookup-completed', (e) => {
    const { status, count } = (e as CustomEvent<{ status: string; count: number }>).detail;
    post({ type: 'crm:lookup-completed', status, count });
  });
  panel.addEventListener('crm-contact-selected', (e) => {
    const { id, name } = (e as CustomEvent<{ id: string; name: string }>).detail;
    post({ type: 'crm:contact-selected', id, name });
  });
  panel.addEventListener('crm-pick-remembered', (e) => {
    const { contactId, name, remembered } = (e as CustomEvent<{ contactId: string; name: string; remembered: boolean }>).detail;
    post({ type: 'crm:pick-remembered', contactId, name, remembered });
  });
  panel.addEventListener('crm-link-opened', (e) => {
    const { href, kind } = (e as CustomEvent<{ href: string; kind: string }>).detail;
    if (linkHandling() === 'host') e.preventDefault();
    post({ type: 'crm:link-opened', href, kind });
  });
  panel.addEventListener('crm-error', (e) => post({ type: 'crm:error', code: (e as CustomEvent<{ code: string }>).detail.code }));
}
