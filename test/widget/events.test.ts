import { expect, html, oneEvent } from '@open-wc/testing';
import {
  CrmContactSelectedEvent,
  CrmErrorEvent,
  CrmLinkOpenedEvent,
  CrmLookupCompletedEvent,
  CrmPickRememberedEvent,
} from '../../widget/src/index.js';
import { json, noContent, restoreFetch, stubFetch, stubRoutes } from './support/fetch-stub.js';
import { ambiguous, anonymous, errorBody, matched, none, serviceUrl } from './support/fixtures.js';
import { $, $$, idlePanel, lookUp, mount, panelWith } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

describe('events', () => {
  for (const [response, status, count] of [
    [matched, 'matched', 1],
    [ambiguous, 'ambiguous', 3],
    [none, 'none', 0],
    [anonymous, 'anonymous', 0],
  ] as const) {
    it(`crm-lookup-completed reports ${status} with ${count} contacts, bubbling out of shadow roots`, async () => {
      stubFetch(() => json(response));
      const el = await idlePanel();
      const event = oneEvent(document, 'crm-lookup-completed');
      el.phone = response.query.input;
      const e = await event;
      expect(e).to.be.instanceOf(CrmLookupCompletedEvent);
      expect(e.detail).to.deep.equal({ status, count });
      expect(e.bubbles && e.composed).to.equal(true);
    });
  }

  it('crm-lookup-completed is dispatched after the answer is rendered', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    const seen = new Promise<string | null | undefined>((resolve) =>
      el.addEventListener('crm-lookup-completed', () => resolve(el.shadowRoot?.querySelector('[part="contact-name"]')?.textContent), {
        once: true,
      }),
    );
    el.phone = '0612345678';
    expect(await seen).to.equal('Jan de Vries');
  });

  it('crm-contact-selected is dispatched after the chosen card is rendered', async () => {
    const { el } = await panelWith(ambiguous);
    const seen = new Promise<string | null | undefined>((resolve) =>
      el.addEventListener('crm-contact-selected', () => resolve(el.shadowRoot?.querySelector('[part="contact-name"]')?.textContent), {
        once: true,
      }),
    );
    $$(el, '[part="picker-option"]')[1]?.click();
    expect(await seen).to.equal('Kees Jansen');
  });

  it('crm-error is dispatched after the error state is rendered', async () => {
    stubFetch(() => json(errorBody('upstream_timeout'), 504));
    const el = await idlePanel();
    const seen = new Promise<boolean>((resolve) =>
      el.addEventListener('crm-error', () => resolve(el.shadowRoot?.querySelector('[part~="error"]') !== null), { once: true }),
    );
    el.phone = '0612345678';
    expect(await seen).to.equal(true);
  });

  it('crm-link-opened is dispatched during the click, before the browser follows the link', async () => {
    const { el } = await panelWith(matched);
    let dispatched = false;
    el.addEventListener('crm-link-opened', (e) => {
      dispatched = true;
      e.preventDefault();
    });
    const a = $<HTMLAnchorElement>(el, 'a[part="insite-link"]') as HTMLAnchorElement;
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    a.dispatchEvent(click);
    expect(dispatched).to.equal(true);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('crm-error carries code, the service message and the AFAS reference', async () => {
    stubFetch(() => json(errorBody('upstream_error', 'REF-42'), 502));
    const el = await idlePanel();
    const event = oneEvent(el, 'crm-error');
    el.phone = '0612345678';
    const e = await event;
    expect(e).to.be.instanceOf(CrmErrorEvent);
    expect(e.detail).to.deep.equal({ code: 'upstream_error', message: 'service says upstream_error', reference: 'REF-42' });
    expect(e.bubbles && e.composed).to.equal(true);
  });

  it('crm-contact-selected is typed, bubbles and is composed', async () => {
    const { el } = await panelWith(ambiguous);
    const event = oneEvent(el, 'crm-contact-selected');
    $(el, '[part="picker-option"]')?.click();
    const e = await event;
    expect(e).to.be.instanceOf(CrmContactSelectedEvent);
    expect(e.bubbles && e.composed).to.equal(true);
  });

  it('crm-pick-remembered is typed, bubbles and is composed: it reaches a host that mounts the panel in its own shadow root', async () => {
    stubRoutes({ 'GET /api/v1/lookup': () => json(ambiguous), 'PUT /api/v1/picks': noContent, 'DELETE /api/v1/picks': noContent });
    const host = await mount<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('crm-caller-panel');
    el.serviceUrl = serviceUrl;
    el.lang = 'en';
    root.append(el);
    await el.updateComplete;
    await lookUp(el, { phone: ambiguous.query.input });
    $$(el, '[part="picker-option"]')[0]?.click();
    await el.updateComplete;
    const seen: { detail: unknown; shown: boolean }[] = [];
    document.addEventListener('crm-pick-remembered', (e) => seen.push({ detail: e.detail, shown: $(el, '[part="remembered"]') !== null }), {
      once: true,
    });
    const event = oneEvent(document, 'crm-pick-remembered');
    $(el, '[part="remember-button"]')?.click();
    const e = await event;
    expect(e).to.be.instanceOf(CrmPickRememberedEvent);
    expect(CrmPickRememberedEvent.type).to.equal('crm-pick-remembered');
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.cancelable).to.equal(false);
    expect(seen).to.deep.equal([
      { detail: { phone: '+31 20 555 1234', contactId: 'P-2001', name: 'Petra Jansen', remembered: true }, shown: true },
    ]);
  });

  describe('crm-link-opened', () => {
    let seenPrevented: boolean | undefined;
    const clickWithoutNavigating = (a: HTMLAnchorElement): MouseEvent => {
      const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
      // A listener on the window runs last: it records whether the panel prevented the navigation, then stops
      // the real navigation so no tab opens during the test.
      const stop = (e: Event): void => {
        seenPrevented = e.defaultPrevented;
        e.preventDefault();
      };
      window.addEventListener('click', stop, { once: true });
      a.dispatchEvent(click);
      return click;
    };

    it('reports the InSite contact link with kind "contact" and lets it navigate when not cancelled', async () => {
      const { el } = await panelWith(matched);
      const a = $<HTMLAnchorElement>(el, 'a[part="insite-link"]') as HTMLAnchorElement;
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.getAttribute('referrerpolicy')).to.equal('no-referrer');
      const event = oneEvent(el, 'crm-link-opened');
      clickWithoutNavigating(a);
      const e = await event;
      expect(e).to.be.instanceOf(CrmLinkOpenedEvent);
      expect(e.detail).to.deep.equal({ href: 'https://12345.afasinsite.nl/verkooprelatie-prs?BcId=1001', kind: 'contact' });
      expect(e.cancelable && e.bubbles && e.composed).to.equal(true);
      expect(seenPrevented).to.equal(false);
    });

    it('when the host calls preventDefault() then the panel prevents the navigation', async () => {
      const { el } = await panelWith(matched);
      el.addEventListener('crm-link-opened', (e) => e.preventDefault(), { once: true });
      const a = $<HTMLAnchorElement>(el, '[part="case-subject"] a') as HTMLAnchorElement;
      clickWithoutNavigating(a);
      expect(seenPrevented).to.equal(true);
    });

    it('reports case, field, tel and mailto kinds', async () => {
      const { el } = await panelWith(matched);
      const kinds: string[] = [];
      el.addEventListener('crm-link-opened', (e) => kinds.push(`${e.detail.kind} ${e.detail.href}`));
      const links = [
        $<HTMLAnchorElement>(el, '[part="case-subject"] a'),
        ...$$<HTMLAnchorElement>(el, '[part="field-value"] a'),
      ] as HTMLAnchorElement[];
      for (const a of links) clickWithoutNavigating(a);
      expect(kinds).to.deep.equal([
        'case https://12345.afasinsite.nl/dossier?DosId=D1002',
        'tel tel:+31612345678',
        'tel tel:+31201234567',
        'mailto mailto:jan@bakkerijdevries.nl',
        'field https://www.bakkerijdevries.nl/',
      ]);
    });

    it('keyboard activation (Enter on a focused link) fires it too', async () => {
      const { el } = await panelWith(matched);
      el.addEventListener('crm-link-opened', (e) => e.preventDefault(), { once: true });
      const event = oneEvent(el, 'crm-link-opened');
      const a = $<HTMLAnchorElement>(el, 'a[part="insite-link"]') as HTMLAnchorElement;
      a.focus();
      const { sendKeys } = await import('@web/test-runner-commands');
      await sendKeys({ press: 'Enter' });
      expect((await event).detail.kind).to.equal('contact');
    });
  });
});

describe('lookUp helper sanity', () => {
  it('waits for the answer', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    await lookUp(el, { phone: '1' });
    expect($(el, '[part="contact-name"]')).not.to.equal(null);
  });
});
