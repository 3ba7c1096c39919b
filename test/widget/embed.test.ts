import { expect, html } from '@open-wc/testing';
import {
  applyQuery,
  createMessageHandler,
  parseAllowedOrigins,
  parseLookupMessage,
  relayPanelEvents,
  type HostMessage,
} from '../../widget/src/embed/message.js';
import { describe, it } from './support/mocha.js';
import { mount } from './support/panel.js';

const allowed = parseAllowedOrigins('https://a.example https://b.example:8443/ __CRM_ALLOWED_ORIGINS__ javascript:alert(1) null *');

/** A stand-in for the parent window: MessageEvent only accepts a real window (or port) as its source. */
const frame = async (): Promise<Window> => {
  const iframe = await mount<HTMLIFrameElement>(html`<iframe title="parent"></iframe>`);
  if (!iframe.contentWindow) throw new Error('no window');
  return iframe.contentWindow;
};

describe('embed page', () => {
  it('reads the allowed origins from the meta content, dropping anything that is not an http(s) origin', () => {
    expect(allowed).to.deep.equal(['https://a.example', 'https://b.example:8443']);
    expect(parseAllowedOrigins('__CRM_ALLOWED_ORIGINS__')).to.deep.equal([]);
    expect(parseAllowedOrigins(null)).to.deep.equal([]);
  });

  it('applies the query parameters to the panel', () => {
    const panel = document.createElement('div');
    applyQuery(panel, new URLSearchParams('phone=%2B31612345678&direction=outbound&ucc=helpdesk&lang=en&no-cases&unknown=x'));
    expect(panel.getAttribute('phone')).to.equal('+31612345678');
    expect(panel.getAttribute('direction')).to.equal('outbound');
    expect(panel.getAttribute('ucc')).to.equal('helpdesk');
    expect(panel.getAttribute('lang')).to.equal('en');
    expect(panel.hasAttribute('no-cases')).to.equal(true);
    expect(panel.hasAttribute('unknown')).to.equal(false);
  });

  it('parses only well-formed crm:lookup messages', () => {
    expect(parseLookupMessage({ type: 'crm:lookup', phone: '0612345678', direction: 'inbound' })).to.deep.equal({
      phone: '0612345678',
      direction: 'inbound',
    });
    expect(parseLookupMessage({ type: 'crm:lookup', email: 'a@b.nl' })).to.deep.equal({ email: 'a@b.nl' });
    expect(parseLookupMessage({ type: 'crm:other', phone: '1' })).to.equal(undefined);
    expect(parseLookupMessage({ type: 'crm:lookup', phone: 612345678 })).to.equal(undefined);
    expect(parseLookupMessage({ type: 'crm:lookup', email: ['a@b.nl'] })).to.equal(undefined);
    expect(parseLookupMessage({ type: 'crm:lookup', phone: '1', direction: 'sideways' })).to.equal(undefined);
    expect(parseLookupMessage({ type: 'crm:lookup', phone: 'x'.repeat(65) })).to.equal(undefined);
    expect(parseLookupMessage('crm:lookup')).to.equal(undefined);
    expect(parseLookupMessage(null)).to.equal(undefined);
    expect(parseLookupMessage({ type: 'crm:lookup', phone: '1', linkHandling: 'host' })).to.deep.equal({
      phone: '1',
      linkHandling: 'host',
    });
    expect(parseLookupMessage({ type: 'crm:lookup', phone: '1', linkHandling: 'elsewhere' })).to.equal(undefined);
  });

  it('relays the panel events to the host, and leaves links to it with linkHandling host', () => {
    const panel = document.createElement('div');
    const posted: HostMessage[] = [];
    let handling: 'page' | 'host' = 'page';
    relayPanelEvents(
      panel,
      (m) => posted.push(m),
      () => handling,
    );
    const fire = (type: string, detail: unknown): boolean =>
      panel.dispatchEvent(new CustomEvent(type, { detail, cancelable: true, bubbles: true, composed: true }));
    fire('crm-lookup-completed', { status: 'matched', count: 1 });
    fire('crm-contact-selected', { id: '1001', name: 'Jan de Vries' });
    // The number stays in the page: the host gets the pick's contact and whether it is remembered.
    fire('crm-pick-remembered', { phone: '+31 20 555 1234', contactId: 'P-2002', name: 'Kees Jansen', remembered: true });
    fire('crm-pick-remembered', { email: 'info@jansen.nl', contactId: 'P-2002', name: 'Kees Jansen', remembered: false });
    expect(fire('crm-link-opened', { href: 'https://12345.afasinsite.nl/x', kind: 'contact' })).to.equal(true, 'the page follows the link');
    handling = 'host';
    expect(fire('crm-link-opened', { href: 'https://12345.afasinsite.nl/y', kind: 'case' })).to.equal(false, 'left to the host');
    fire('crm-error', { code: 'upstream_timeout', message: 'AFAS took too long', reference: 'abc' });
    expect(posted).to.deep.equal([
      { type: 'crm:lookup-completed', status: 'matched', count: 1 },
      { type: 'crm:contact-selected', id: '1001', name: 'Jan de Vries' },
      { type: 'crm:pick-remembered', contactId: 'P-2002', name: 'Kees Jansen', remembered: true },
      { type: 'crm:pick-remembered', contactId: 'P-2002', name: 'Kees Jansen', remembered: false },
      { type: 'crm:link-opened', href: 'https://12345.afasinsite.nl/x', kind: 'contact' },
      { type: 'crm:link-opened', href: 'https://12345.afasinsite.nl/y', kind: 'case' },
      { type: 'crm:error', code: 'upstream_timeout' },
    ]);
  });

  describe('postMessage', () => {
    const send = (handler: (e: MessageEvent) => void, data: unknown, origin: string, source: Window | null): void =>
      handler(new MessageEvent('message', { data, origin, source }));

    it('applies a lookup from the parent on an allowed origin', async () => {
      const parent = await frame();
      const panel = document.createElement('div');
      const handler = createMessageHandler(panel, allowed, () => [parent]);
      send(handler, { type: 'crm:lookup', phone: '0612345678', direction: 'outbound' }, 'https://a.example', parent);
      expect(panel.getAttribute('phone')).to.equal('0612345678');
      expect(panel.getAttribute('direction')).to.equal('outbound');
      send(handler, { type: 'crm:lookup', email: 'jan@example.com' }, 'https://b.example:8443', parent);
      expect(panel.hasAttribute('phone')).to.equal(false);
      expect(panel.getAttribute('email')).to.equal('jan@example.com');
    });

    it('ignores a wrong origin, a wrong type, non-string fields and windows other than parent/opener', async () => {
      const parent = await frame();
      const other = await frame();
      const panel = document.createElement('div');
      const handler = createMessageHandler(panel, allowed, () => [parent]);
      send(handler, { type: 'crm:lookup', phone: '1' }, 'https://evil.example', parent);
      send(handler, { type: 'crm:lookup', phone: '2' }, 'https://a.example.evil.example', parent);
      send(handler, { type: 'crm:lookup', phone: '3' }, 'http://a.example', parent);
      send(handler, { type: 'crm:lookup', phone: '4' }, 'null', parent);
      send(handler, { type: 'crm:lookup', phone: '5' }, 'https://a.example', other);
      send(handler, { type: 'crm:lookup', phone: '6' }, 'https://a.example', null);
      send(handler, { type: 'crm:other', phone: '7' }, 'https://a.example', parent);
      send(handler, { type: 'crm:lookup', phone: { toString: () => '8' } }, 'https://a.example', parent);
      send(handler, { type: 'crm:lookup', phone: '9', email: 9 }, 'https://a.example', parent);
      expect(panel.attributes).to.have.length(0);
    });

    it('an unreplaced placeholder accepts no messages at all', async () => {
      const parent = await frame();
      const panel = document.createElement('div');
      const handler = createMessageHandler(panel, parseAllowedOrigins('__CRM_ALLOWED_ORIGINS__'), () => [parent]);
      send(handler, { type: 'crm:lookup', phone: '1' }, window.location.origin, parent);
      expect(panel.attributes).to.have.length(0);
    });
  });

  describe('real postMessage from a framed window', () => {
    /** Runs `parent.postMessage(...)` inside the child frame, so the browser sets origin and source itself. */
    const postFrom = (child: Window, data: unknown): Promise<unknown> => {
      const arrived = new Promise((r) => window.addEventListener('message', r, { once: true }));
      (child as unknown as { eval: (code: string) => unknown }).eval(`parent.postMessage(${JSON.stringify(data)}, '*')`);
      return arrived;
    };

    const listen = (panel: Element, origins: string[], trusted: Window[]): (() => void) => {
      const handler = createMessageHandler(panel, origins, () => trusted);
      window.addEventListener('message', handler);
      return () => window.removeEventListener('message', handler);
    };

    it('is applied when the frame is trusted and its origin allowed', async () => {
      const child = await frame();
      const panel = document.createElement('div');
      const stop = listen(panel, [window.location.origin], [child]);
      try {
        await postFrom(child, { type: 'crm:lookup', phone: '0612345678' });
      } finally {
        stop();
      }
      expect(panel.getAttribute('phone')).to.equal('0612345678');
    });

    it('is ignored from an untrusted frame, or when the origin is not in the list', async () => {
      const child = await frame();
      const panel = document.createElement('div');
      const stop1 = listen(panel, [window.location.origin], []);
      const stop2 = listen(panel, ['https://a.example'], [child]);
      try {
        await postFrom(child, { type: 'crm:lookup', phone: '0612345678' });
      } finally {
        stop1();
        stop2();
      }
      expect(panel.hasAttribute('phone')).to.equal(false);
    });
  });
});
