import { expect, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { held, json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import {
  ambiguous,
  anonymous,
  cached,
  casesFailed,
  errorBody,
  janDeVries,
  matched,
  none,
  noneEmail,
  noneWithNewContact,
  rememberedAmbiguous,
  serviceUrl,
} from './support/fixtures.js';
import { $, $$, idlePanel, lookUp, mount, panelWith, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

describe('states', () => {
  describe('idle', () => {
    it('when no phone or e-mail is set then it shows a designed idle state without calling the service', async () => {
      const stub = stubFetch(() => json(matched));
      const el = await idlePanel();
      expect($(el, '[part~="idle"]')).not.to.equal(null);
      expect(textOf(el)).to.contain('No active conversation');
      expect($(el, 'section')?.getAttribute('aria-busy')).to.equal('false');
      expect(stub.calls).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('loading', () => {
    it('when a lookup is in flight then the region is aria-busy with a labelled progressbar and the state area keeps its height', async () => {
      let release: (r: Response) => void = () => undefined;
      stubFetch((_u, init) => {
        const h = held(init);
        release = h.release;
        return h.promise;
      });
      const el = await mount<HTMLDivElement>(
        html`<div style="width: 320px"><crm-caller-panel service-url=${serviceUrl} lang="en"></crm-caller-panel></div>`,
      ).then((d) => d.querySelector('crm-caller-panel') as CrmCallerPanel);
      const bodyHeight = (): number => ($(el, '[part="body"]') as HTMLElement).getBoundingClientRect().height;
      const idleHeight = bodyHeight();
      el.phone = '0612345678';
      await el.updateComplete;
      expect($(el, 'section')?.getAttribute('aria-busy')).to.equal('true');
      expect($(el, '[role="progressbar"]')?.getAttribute('aria-label')).to.equal('Looking up the caller in AFAS');
      expect(textOf($(el, '[part="loading"]') as HTMLElement)).to.equal('Looking up 06 12 34 56 78 in AFAS…');
      // The header gains the caller's line (number and copy button); the state area below it does not jump.
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('06 12 34 56 78');
      expect(bodyHeight()).to.equal(idleHeight);
      await expect(el).to.be.accessible();
      const done = oneEvent(el, 'crm-lookup-completed');
      release(json(matched));
      await done;
      expect($(el, 'section')?.getAttribute('aria-busy')).to.equal('false');
    });
  });

  describe('matched', () => {
    it('shows the contact card with fields in order, the InSite link and the case list', async () => {
      const { el } = await panelWith(matched);
      expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
      expect($(el, '[part="organisation"]')?.textContent).to.equal('Bakkerij De Vries B.V.');
      expect($$(el, '[part="field-label"]').map((d) => d.textContent)).to.deep.equal([
        'Mobiel werk',
        'Telefoon werk',
        'E-mail',
        'Website',
        'Klantnummer',
      ]);
      const insite = $<HTMLAnchorElement>(el, 'a[part="insite-link"]');
      expect(insite?.href).to.equal('https://12345.afasinsite.nl/verkooprelatie-prs?BcId=1001');
      expect(textOf(insite as HTMLElement)).to.contain('Open in InSite');
      expect($$(el, '[part="case"]')).to.have.length(3);
      await expect(el).to.be.accessible();
    });

    it("renders the service's tel:/mailto:/https: links as sent and offers copy for numbers", async () => {
      const { el } = await panelWith(matched);
      const hrefs = $$<HTMLAnchorElement>(el, '[part="field-value"] a').map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal([
        'tel:+31612345678',
        'tel:+31201234567',
        'mailto:jan@bakkerijdevries.nl',
        'https://www.bakkerijdevries.nl/',
      ]);
      // The caller's number in the header, then each number field under its own label.
      expect($$(el, '[part="copy-button"]').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Copy Number',
        'Copy Mobiel werk',
        'Copy Telefoon werk',
      ]);
      expect($$(el, '[part="fields"] [part="copy-button"]').map((b) => b.getAttribute('title'))).to.deep.equal([
        'Copy Mobiel werk',
        'Copy Telefoon werk',
      ]);
    });

    it('makes no link of its own: a value the service sent without href is text, even when it looks like a number or an address', async () => {
      const plain = [
        { label: 'Telefoon', value: '+31 (0)6-12345678' },
        { label: 'E-mail', value: 'jan@example.com' },
      ];
      const { el } = await panelWith({ ...matched, contacts: [{ ...janDeVries, fields: plain }] });
      expect($$(el, '[part="field-value"] a')).to.have.length(0);
      expect($$(el, '[part="field-value"] [part="text"]').map((t) => t.textContent)).to.deep.equal([
        '+31 (0)6-12345678',
        'jan@example.com',
      ]);
      expect($$(el, '[part="fields"] [part="copy-button"]')).to.have.length(0);
      // Only the caller's number in the header can be copied.
      expect($$(el, '[part="copy-button"]').map((b) => b.parentElement?.closest('[part]')?.getAttribute('part'))).to.deep.equal(['caller']);
    });

    it("copies a field's number, or the caller's number from the header, to the clipboard and announces it", async () => {
      const { el } = await panelWith(matched);
      const written: string[] = [];
      const clipboard = navigator.clipboard;
      const original = clipboard.writeText.bind(clipboard);
      clipboard.writeText = (t: string) => {
        written.push(t);
        return Promise.resolve();
      };
      try {
        $(el, '[part="fields"] [part="copy-button"]')?.click();
        await new Promise((r) => setTimeout(r, 0));
        await el.updateComplete;
        expect(written).to.deep.equal(['06-123 456 78']);
        expect($(el, '[role="status"]')?.textContent).to.equal('Copied 06-123 456 78');

        // The header copies the number as the panel got it (shown formatted).
        expect($(el, '[part="caller-number"]')?.textContent).to.equal('06 12 34 56 78');
        $(el, '[part="caller"] [part="copy-button"]')?.click();
        await new Promise((r) => setTimeout(r, 0));
        await el.updateComplete;
        expect(written).to.deep.equal(['06-123 456 78', '0612345678']);
        expect($(el, '[role="status"]')?.textContent).to.equal('Copied 0612345678');
      } finally {
        clipboard.writeText = original;
      }
    });

    it('announces the caller politely', async () => {
      const { el } = await panelWith(matched);
      const live = $(el, '[role="status"]');
      expect(live?.getAttribute('aria-live')).to.equal('polite');
      expect(live?.textContent).to.equal('Caller: Jan de Vries, Bakkerij De Vries B.V.');
    });

    it('fits a 320 px side panel without horizontal scrolling', async () => {
      stubFetch(() => json(matched));
      const wrapper = await mount<HTMLDivElement>(
        html`<div style="width: 320px"><crm-caller-panel service-url=${serviceUrl} lang="en"></crm-caller-panel></div>`,
      );
      const el = wrapper.querySelector('crm-caller-panel') as CrmCallerPanel;
      await lookUp(el, { phone: '0612345678' });
      const base = $(el, '[part="base"]') as HTMLElement;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 2);
      expect(el.getBoundingClientRect().width).to.equal(320);
    });
  });

  describe('ambiguous', () => {
    it('shows a ranked picker saying what matched each candidate', async () => {
      const { el } = await panelWith(ambiguous);
      expect(textOf(el)).to.contain('3 contacts share this number');
      const options = $$(el, '[part="picker-option"]');
      expect(options.map((o) => o.querySelector('.option-name')?.textContent)).to.deep.equal([
        'Petra Jansen',
        'Kees Jansen',
        'Jansen Installatietechniek',
      ]);
      expect(textOf(options[0])).to.contain('Telefoon werk · 020-555 12 34');
      expect(textOf(options[2])).to.contain('Telefoon organisatie · 020-555 12 34');
      expect($(el, 'ol[part="picker"]')?.getAttribute('aria-label')).to.equal('Possible contacts');
      expect($(el, '[role="status"]')?.textContent).to.equal('3 possible contacts found');
      await expect(el).to.be.accessible();
    });
  });

  describe('none', () => {
    it('shows the number as dialled, formatted, and says it is not in AFAS', async () => {
      const { el } = await panelWith(none);
      expect($(el, '[part~="query"]')?.textContent).to.equal('020 123 4567');
      expect(textOf(el)).to.contain('Not found in AFAS');
      expect($(el, '[role="status"]')?.textContent).to.equal('Caller not found in AFAS');
      await expect(el).to.be.accessible();
    });

    it('shows the e-mail address for an e-mail lookup', async () => {
      const { el } = await panelWith(noneEmail);
      expect($(el, '[part~="query"]')?.textContent).to.equal('nobody@example.com');
      expect($(el, '[part="title"]')?.textContent).to.equal('E-mail contact');
      await expect(el).to.be.accessible();
    });
  });

  describe('anonymous', () => {
    it('explains the number is withheld', async () => {
      const { el } = await panelWith(anonymous);
      expect(textOf($(el, '[part="anonymous"]') as HTMLElement)).to.equal(
        'Number withheld The caller has hidden their number. Ask for a name, customer number or postcode and search.',
      );
      expect($(el, '[role="status"]')?.textContent).to.equal('Number withheld');
      await expect(el).to.be.accessible();
    });
  });

  describe('error', () => {
    const cases: [string, number, string][] = [
      ['invalid_request', 400, 'This number or address cannot be looked up.'],
      ['unauthorized', 401, 'Check the API key.'],
      ['forbidden', 403, "The lookup service refuses this panel's key."],
      ['rate_limited', 429, 'Too many lookups at once.'],
      ['upstream_auth', 502, 'AFAS refused the connection.'],
      ['upstream_error', 502, 'AFAS answered with an error.'],
      ['not_configured', 503, 'not connected to AFAS yet'],
      ['upstream_unavailable', 503, 'AFAS cannot be reached right now.'],
      ['upstream_timeout', 504, 'AFAS took too long to answer.'],
    ];
    for (const [code, status, message] of cases) {
      it(`when the service answers ${status} ${code} then it shows a human message and a Retry button`, async () => {
        stubFetch(() => json(errorBody(code as 'upstream_error'), status));
        const el = await idlePanel();
        await lookUp(el, { phone: '0612345678' });
        expect(textOf(el)).to.contain('Lookup failed');
        expect(textOf(el)).to.contain(message);
        expect(textOf(el)).not.to.contain('service says');
        expect($(el, '[part="retry-button"]')).not.to.equal(null);
        expect($(el, '[part="error"]')?.getAttribute('role')).to.equal('alert');
      });
    }

    it('shows the AFAS reference and the Retry-After wait, and is accessible', async () => {
      stubFetch(() => json(errorBody('upstream_unavailable', 'AFAS-REF-7F3A'), 503, { 'Retry-After': '30' }));
      const el = await idlePanel();
      await lookUp(el, { phone: '0612345678' });
      expect($(el, '[part="reference"]')?.textContent).to.contain('AFAS reference: AFAS-REF-7F3A');
      expect(textOf(el)).to.contain('Try again in 30 s.');
      // Retry counts the pause down and stays disabled until it is over (error-state.test.ts runs the clock).
      expect($(el, '[part="retry-button"]')?.textContent?.trim()).to.equal('Try again (30 s)');
      expect($(el, '[part="retry-button"]')?.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('when the network fails then it says the service cannot be reached', async () => {
      stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      const el = await idlePanel();
      await lookUp(el, { phone: '0612345678' });
      expect(textOf(el)).to.contain('The lookup service cannot be reached.');
    });

    it('when the answer does not follow the contract then it shows an error instead of crashing', async () => {
      stubFetch(() => json({ status: 'matched', contacts: [{ name: 1 }] }));
      const el = await idlePanel();
      await lookUp(el, { phone: '0612345678' });
      expect(textOf(el)).to.contain('does not understand');
    });

    it('when a contact lacks casesRef, or carries a malformed casesError, then the answer is a bad response', async () => {
      const { casesRef: _dropped, ...withoutRef } = janDeVries;
      const broken = [
        { ...matched, contacts: [withoutRef] },
        { ...matched, contacts: [{ ...janDeVries, casesRef: 42 }] },
        { ...matched, contacts: [{ ...janDeVries, casesError: { code: 'upstream_timeout' } }] },
        { ...matched, contacts: [{ ...janDeVries, casesError: 'failed' }] },
      ];
      for (const body of broken) {
        stubFetch(() => json(body));
        const el = await idlePanel();
        const error = oneEvent(el, 'crm-error');
        el.phone = '0612345678';
        expect((await error).detail.code).to.equal('bad_response');
        await el.updateComplete;
        expect(textOf(el)).to.contain('does not understand');
      }
    });

    it('Retry runs the lookup again', async () => {
      let n = 0;
      stubFetch(() => (++n === 1 ? json(errorBody('upstream_timeout'), 504) : json(matched)));
      const el = await idlePanel();
      await lookUp(el, { phone: '0612345678' });
      const done = oneEvent(el, 'crm-lookup-completed');
      $(el, '[part="retry-button"]')?.click();
      await done;
      await el.updateComplete;
      expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
      expect(n).to.equal(2);
    });
  });

  describe('cached', () => {
    it('shows a discreet "as of 40 s ago" with a refresh that looks up again', async () => {
      const { el, stub } = await panelWith(cached);
      expect($(el, '[part="cache-note"]')?.textContent).to.equal('As of 40 s ago');
      await expect(el).to.be.accessible();
      const done = oneEvent(el, 'crm-lookup-completed');
      $(el, '[part="refresh-button"]')?.click();
      await done;
      expect(stub.calls).to.have.length(2);
    });

    it('shows no age for a fresh answer', async () => {
      const { el } = await panelWith(matched);
      expect($(el, '[part="cache-note"]')).to.equal(null);
    });
  });

  describe('theme', () => {
    it('theme="dark" switches to the dark palette and stays accessible', async () => {
      const { el } = await panelWith(matched);
      el.theme = 'dark';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(getComputedStyle($(el, '[part="base"]') as HTMLElement).backgroundColor).to.equal('rgb(29, 31, 35)');
      await expect(el).to.be.accessible();
    });

    it('follows prefers-color-scheme unless theme forces a palette', async () => {
      const { el } = await panelWith(matched);
      const background = (): string => getComputedStyle($(el, '[part="base"]') as HTMLElement).backgroundColor;
      try {
        await emulateMedia({ colorScheme: 'dark' });
        expect(background()).to.equal('rgb(29, 31, 35)');
        await expect(el).to.be.accessible();
        el.theme = 'light';
        await el.updateComplete;
        expect(background()).to.equal('rgb(255, 255, 255)');
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('every state is accessible in the dark palette too', async () => {
      for (const response of [matched, ambiguous, none, noneWithNewContact, anonymous, cached, casesFailed, rememberedAmbiguous]) {
        const { el } = await panelWith(response);
        el.theme = 'dark';
        await el.updateComplete;
        await expect(el).to.be.accessible();
      }
      stubFetch(() => json(errorBody('upstream_auth', 'REF-1'), 502));
      const idle = await idlePanel();
      idle.theme = 'dark';
      await expect(idle).to.be.accessible();
      await lookUp(idle, { phone: '0612345678' });
      await expect(idle).to.be.accessible();
    });

    it('custom properties from the host restyle the panel', async () => {
      const { el } = await panelWith(matched);
      el.style.setProperty('--crm-panel-background', 'rgb(1, 2, 3)');
      expect(getComputedStyle($(el, '[part="base"]') as HTMLElement).backgroundColor).to.equal('rgb(1, 2, 3)');
    });
  });
});
