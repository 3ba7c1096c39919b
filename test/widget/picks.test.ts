import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LookupResponse } from '../../contract/lookup-api.js';
import { CrmPickRememberedEvent, type CrmCallerPanel, type CrmErrorEvent } from '../../widget/src/index.js';
import { held, json, noContent, restoreFetch, stubRoutes, type Handler, type RoutedStub } from './support/fetch-stub.js';
import {
  ambiguous,
  anonymous,
  errorBody,
  none,
  rememberedAmbiguous,
  rememberedMatched,
  searchJansen,
  serviceUrl,
} from './support/fixtures.js';
import { $, $$, accessibleInBothPalettes, lookUp, searchBox, searchFor, searchPart, searchParts, textOf, until } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const put = 'PUT /api/v1/picks';
const del = 'DELETE /api/v1/picks';

/** Today as the pick row writes it (the service's time is the agent's now; dates are Amsterdam dates). */
const today = (locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date());

/** A panel showing `answer`; the picks endpoint answers with `picks` (204 by default). */
async function panelWithPicks(
  answer: LookupResponse,
  lang = 'en',
  picks: { put?: Handler; del?: Handler } = {},
): Promise<{ el: CrmCallerPanel; stub: RoutedStub; errors: CrmErrorEvent['detail'][] }> {
  const stub = stubRoutes({
    'GET /api/v1/lookup': () => json(answer),
    'GET /api/v1/search': () => json(searchJansen),
    [put]: picks.put ?? noContent,
    [del]: picks.del ?? noContent,
  });
  const el = await fixture<CrmCallerPanel>(html`<crm-caller-panel service-url=${serviceUrl} lang=${lang}></crm-caller-panel>`);
  const errors: CrmErrorEvent['detail'][] = [];
  el.addEventListener('crm-error', (e) => errors.push(e.detail));
  await lookUp(el, answer.query.type === 'email' ? { email: answer.query.input } : { phone: answer.query.input });
  return { el, stub, errors };
}

const part = (el: CrmCallerPanel, name: string): HTMLElement | null => $(el, `[part="${name}"]`);
const label = (el: CrmCallerPanel, name: string): string | undefined => part(el, name)?.textContent?.trim();

async function choose(el: CrmCallerPanel, index: number): Promise<void> {
  $$(el, '[part="picker-option"]')[index]?.click();
  await el.updateComplete;
}

/** Clicks a pick button and waits for the event that says the panel shows the outcome. */
async function pickAndWait(el: CrmCallerPanel, button: string): Promise<CrmPickRememberedEvent> {
  const event = oneEvent(el, 'crm-pick-remembered');
  part(el, button)?.click();
  const e = await event;
  await el.updateComplete;
  return e;
}

describe('remembering a chosen contact', () => {
  it('a chosen candidate offers "Remember for this number": PUT {phone, contactId}, then when, Forget, and crm-pick-remembered', async () => {
    const { el, stub } = await panelWithPicks(ambiguous);
    await choose(el, 1);
    expect(label(el, 'remember-button')).to.equal('Remember for this number');
    expect(part(el, 'remember-button')?.getAttribute('aria-disabled')).to.equal('false');
    expect(part(el, 'remembered')).to.equal(null);
    expect(part(el, 'forget-button')).to.equal(null);
    expect(part(el, 'not-caller-button')).to.equal(null);
    expect(part(el, 'pick')?.closest('[part="contact"]')).not.to.equal(null);

    const seen = new Promise<string | undefined>((resolve) =>
      el.addEventListener('crm-pick-remembered', () => resolve(label(el, 'remembered')), { once: true }),
    );
    const e = await pickAndWait(el, 'remember-button');
    expect(e).to.be.instanceOf(CrmPickRememberedEvent);
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.detail).to.deep.equal({ phone: '+31 20 555 1234', contactId: 'P-2002', name: 'Kees Jansen', remembered: true });
    // Dispatched once the panel shows it.
    expect(await seen).to.equal(`Remembered for this number on ${today('en-GB')}`);

    const calls = stub.to(put);
    expect(calls).to.have.length(1);
    expect(`${calls[0]?.url.origin}${calls[0]?.url.pathname}${calls[0]?.url.search}`).to.equal(`${serviceUrl}/api/v1/picks`);
    expect(JSON.parse(calls[0]?.body ?? 'null')).to.deep.equal({ phone: '+31 20 555 1234', contactId: 'P-2002' });
    expect(new Headers(calls[0]?.init?.headers).get('Content-Type')).to.equal('application/json');
    expect(stub.unexpected).to.deep.equal([]);

    expect(label(el, 'remembered')).to.equal(`Remembered for this number on ${today('en-GB')}`);
    expect(label(el, 'forget-button')).to.equal('Forget');
    expect(part(el, 'remember-button')).to.equal(null);
    // Chosen by the agent just now: "Not this caller?" is for a pick the panel opened by itself.
    expect(part(el, 'not-caller-button')).to.equal(null);
    expect(label(el, 'back-button')).to.equal('All 3 matches');
    expect($(el, '[role="status"]')?.textContent).to.equal('Kees Jansen is remembered for this number');
    await accessibleInBothPalettes(el);
  });

  it('a chosen search result can be remembered the same way', async () => {
    const { el, stub } = await panelWithPicks(none);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    searchParts(el, 'search-option')[0]?.click();
    await el.updateComplete;
    const e = await pickAndWait(el, 'remember-button');
    expect(e.detail).to.deep.equal({ phone: '+31201234567', contactId: 'P-3001', name: 'Anna Jansen', remembered: true });
    expect(JSON.parse(stub.to(put)[0]?.body ?? 'null')).to.deep.equal({ phone: '+31201234567', contactId: 'P-3001' });
    expect(label(el, 'remembered')).to.equal(`Remembered for this number on ${today('en-GB')}`);
    expect(label(el, 'back-button')).to.equal('Back to the search results');
    await accessibleInBothPalettes(el);
  });

  it('a withheld number has nothing to remember a pick for: a chosen search result offers no Remember', async () => {
    const { el, stub } = await panelWithPicks(anonymous);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    searchParts(el, 'search-option')[0]?.click();
    await el.updateComplete;
    expect(label(el, 'contact-name')).to.equal('Anna Jansen');
    expect(label(el, 'back-button')).to.equal('Back to the search results');
    expect(part(el, 'pick')).to.equal(null);
    expect(part(el, 'remember-button')).to.equal(null);
    expect(stub.to(put)).to.have.length(0);
  });

  it('sends the number as set on the panel (trimmed), not as the header shows it', async () => {
    const { el, stub } = await panelWithPicks({ ...ambiguous, query: { ...ambiguous.query, input: ' 020-555 1234 ' } });
    expect(label(el, 'caller-number')).to.equal('020 555 1234');
    await choose(el, 0);
    const e = await pickAndWait(el, 'remember-button');
    expect(e.detail.phone).to.equal('020-555 1234');
    expect(JSON.parse(stub.to(put)[0]?.body ?? 'null')).to.deep.equal({ phone: '020-555 1234', contactId: 'P-2001' });
  });

  it('while the PUT runs the button reads "Saving…", is aria-disabled and ignores clicks', async () => {
    let release: (r: Response) => void = () => undefined;
    const { el, stub } = await panelWithPicks(ambiguous, 'en', {
      put: (_u, init) => {
        const h = held(init);
        release = h.release;
        return h.promise;
      },
    });
    await choose(el, 0);
    part(el, 'remember-button')?.click();
    await el.updateComplete;
    expect(label(el, 'remember-button')).to.equal('Saving…');
    expect(part(el, 'remember-button')?.getAttribute('aria-disabled')).to.equal('true');
    part(el, 'remember-button')?.click();
    await el.updateComplete;
    expect(stub.to(put)).to.have.length(1);
    const event = oneEvent(el, 'crm-pick-remembered');
    release(noContent());
    expect((await event).detail.remembered).to.equal(true);
    expect(stub.to(put)).to.have.length(1);
  });

  it('Forget: DELETE /api/v1/picks?phone=…, crm-pick-remembered with remembered: false, and Remember again', async () => {
    const { el, stub } = await panelWithPicks(ambiguous);
    await choose(el, 1);
    await pickAndWait(el, 'remember-button');
    const e = await pickAndWait(el, 'forget-button');
    expect(e).to.be.instanceOf(CrmPickRememberedEvent);
    expect(e.detail).to.deep.equal({ phone: '+31 20 555 1234', contactId: 'P-2002', name: 'Kees Jansen', remembered: false });
    const [call] = stub.to(del);
    expect(`${call?.url.origin}${call?.url.pathname}`).to.equal(`${serviceUrl}/api/v1/picks`);
    expect([...(call?.url.searchParams ?? [])]).to.deep.equal([['phone', '+31 20 555 1234']]);
    expect(call?.body).to.equal(undefined);
    expect(part(el, 'remembered')).to.equal(null);
    expect(part(el, 'forget-button')).to.equal(null);
    expect(label(el, 'remember-button')).to.equal('Remember for this number');
    expect($(el, '[role="status"]')?.textContent).to.equal('Kees Jansen is no longer remembered for this number');
  });

  it('keyboard: after Remember, and after Forget, focus stays in the pick row instead of falling to the page', async () => {
    const { el } = await panelWithPicks(ambiguous);
    await choose(el, 1);
    const inPickRow = (): boolean => !!part(el, 'pick')?.contains(el.shadowRoot?.activeElement ?? null);
    part(el, 'remember-button')?.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'forget-button') !== null, 'the Forget button');
    await el.updateComplete;
    expect(inPickRow(), `focus after Remember: ${document.activeElement?.tagName}`).to.equal(true);

    part(el, 'forget-button')?.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'remember-button') !== null && part(el, 'forget-button') === null, 'the Remember button');
    await el.updateComplete;
    expect(inPickRow(), `focus after Forget: ${document.activeElement?.tagName}`).to.equal(true);
  });

  it('a failed PUT shows "The choice could not be saved. Try again." as an alert, fires crm-error, and Remember can be tried again', async () => {
    let fail = true;
    const { el, stub, errors } = await panelWithPicks(ambiguous, 'en', {
      put: () => (fail ? json(errorBody('store_unavailable'), 503) : noContent()),
    });
    await choose(el, 1);
    const error = oneEvent(el, 'crm-error');
    part(el, 'remember-button')?.click();
    const e = await error;
    expect(e.detail).to.deep.equal({ code: 'store_unavailable', message: 'service says store_unavailable' });
    await el.updateComplete;
    expect($(el, '[part="pick"] [role="alert"]')?.textContent).to.equal('The choice could not be saved. Try again.');
    expect(label(el, 'remember-button')).to.equal('Remember for this number');
    expect(part(el, 'remember-button')?.getAttribute('aria-disabled')).to.equal('false');
    expect(part(el, 'remembered')).to.equal(null);
    // The lookup's answer is untouched: no error state.
    expect(part(el, 'error')).to.equal(null);
    expect(label(el, 'contact-name')).to.equal('Kees Jansen');
    await accessibleInBothPalettes(el);

    fail = false;
    const again = await pickAndWait(el, 'remember-button');
    expect(again.detail.remembered).to.equal(true);
    expect($(el, '[part="pick"] [role="alert"]')).to.equal(null);
    expect(stub.to(put)).to.have.length(2);
    expect(errors.map((x) => x.code)).to.deep.equal(['store_unavailable']);
  });

  it('an e-mail conversation remembers for the address: {email, contactId}, and forgets with ?email=', async () => {
    const byEmail: LookupResponse = {
      ...ambiguous,
      query: { type: 'email', input: 'info@jansen.nl', normalized: 'info@jansen.nl' },
    };
    const { el, stub } = await panelWithPicks(byEmail);
    await choose(el, 0);
    expect(label(el, 'remember-button')).to.equal('Remember for this address');
    const e = await pickAndWait(el, 'remember-button');
    expect(e.detail).to.deep.equal({ email: 'info@jansen.nl', contactId: 'P-2001', name: 'Petra Jansen', remembered: true });
    expect(JSON.parse(stub.to(put)[0]?.body ?? 'null')).to.deep.equal({ email: 'info@jansen.nl', contactId: 'P-2001' });
    expect(label(el, 'remembered')).to.equal(`Remembered for this address on ${today('en-GB')}`);
    await pickAndWait(el, 'forget-button');
    expect([...(stub.to(del)[0]?.url.searchParams ?? [])]).to.deep.equal([['email', 'info@jansen.nl']]);
  });
});

describe('a remembered pick in the answer', () => {
  it('a number several contacts share opens the remembered contact directly: when, Not this caller? and Forget', async () => {
    const stub = stubRoutes({ 'GET /api/v1/lookup': () => json(rememberedAmbiguous) });
    const el = await fixture<CrmCallerPanel>(html`<crm-caller-panel service-url=${serviceUrl} lang="en"></crm-caller-panel>`);
    const done = oneEvent(el, 'crm-lookup-completed');
    el.phone = rememberedAmbiguous.query.input;
    expect((await done).detail).to.deep.equal({ status: 'ambiguous', count: 3 });
    await el.updateComplete;
    expect(part(el, 'picker')).to.equal(null);
    expect(label(el, 'contact-name')).to.equal('Kees Jansen');
    expect(label(el, 'caller-name')).to.equal('Kees Jansen');
    expect(label(el, 'remembered')).to.equal('Remembered for this number on 1 Dec 2026');
    expect(label(el, 'not-caller-button')).to.equal('Not this caller?');
    expect(label(el, 'forget-button')).to.equal('Forget');
    expect(part(el, 'remember-button')).to.equal(null);
    expect(part(el, 'back-button')).to.equal(null);
    expect($(el, '[role="status"]')?.textContent).to.equal('Caller: Kees Jansen, Jansen Installatietechniek');
    expect(stub.calls).to.have.length(1);
    await accessibleInBothPalettes(el);
  });

  it('Not this caller? shows the candidates, the remembered one marked "remembered", with focus on the list', async () => {
    const { el } = await panelWithPicks(rememberedAmbiguous);
    part(el, 'not-caller-button')?.click();
    await el.updateComplete;
    const options = $$(el, '[part="picker-option"]');
    expect(options.map((o) => o.querySelector('.option-name')?.textContent)).to.deep.equal([
      'Kees Jansen',
      'Petra Jansen',
      'Jansen Installatietechniek',
    ]);
    expect(options.map((o) => o.querySelector('.option-remembered')?.textContent ?? null)).to.deep.equal(['remembered', null, null]);
    expect(el.shadowRoot?.activeElement).to.equal(options[0]);
    expect(part(el, 'caller-name')).to.equal(null);
    await accessibleInBothPalettes(el);

    // Another candidate: the agent may have the team remember that one instead.
    const selected = oneEvent(el, 'crm-contact-selected');
    options[1]?.click();
    expect((await selected).detail).to.deep.equal({ id: 'P-2001', name: 'Petra Jansen' });
    await el.updateComplete;
    expect(label(el, 'remember-button')).to.equal('Remember for this number');
    expect(label(el, 'back-button')).to.equal('All 3 matches');
  });

  it('with a single remembered contact, Not this caller? opens the search', async () => {
    const { el } = await panelWithPicks(rememberedMatched);
    expect(label(el, 'remembered')).to.equal('Remembered for this number on 1 Dec 2026');
    part(el, 'not-caller-button')?.click();
    await el.updateComplete;
    await searchBox(el)?.updateComplete;
    expect(part(el, 'contact')).to.equal(null);
    expect(part(el, 'search-toggle')?.getAttribute('aria-expanded')).to.equal('true');
    expect(searchBox(el)?.shadowRoot?.activeElement).to.equal(searchPart(el, 'search-input'));
  });

  it('Forget on the remembered contact: DELETE, crm-pick-remembered with remembered: false, and Remember to undo', async () => {
    const { el, stub } = await panelWithPicks(rememberedAmbiguous);
    const e = await pickAndWait(el, 'forget-button');
    expect(e.detail).to.deep.equal({ phone: '+31 20 555 1234', contactId: 'P-2002', name: 'Kees Jansen', remembered: false });
    expect([...(stub.to(del)[0]?.url.searchParams ?? [])]).to.deep.equal([['phone', '+31 20 555 1234']]);
    expect(part(el, 'remembered')).to.equal(null);
    expect(label(el, 'remember-button')).to.equal('Remember for this number');
    const back = await pickAndWait(el, 'remember-button');
    expect(back.detail.remembered).to.equal(true);
    expect(label(el, 'remembered')).to.equal(`Remembered for this number on ${today('en-GB')}`);
  });

  it('a failed DELETE says the choice could not be saved and fires crm-error; the pick stays', async () => {
    const { el, errors } = await panelWithPicks(rememberedAmbiguous, 'en', { del: () => json(errorBody('store_unavailable'), 503) });
    part(el, 'forget-button')?.click();
    await until(() => errors.length === 1, 'crm-error');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('store_unavailable');
    expect($(el, '[part="pick"] [role="alert"]')?.textContent).to.equal('The choice could not be saved. Try again.');
    expect(label(el, 'remembered')).to.equal('Remembered for this number on 1 Dec 2026');
    expect(part(el, 'forget-button')).not.to.equal(null);
  });
});

describe('picks in the panel language', () => {
  for (const [lang, locale, remember, remembered, notCaller, forget, failed, badge] of [
    [
      'nl',
      'nl-NL',
      'Onthouden voor dit nummer',
      (d: string) => `Onthouden voor dit nummer op ${d}`,
      'Niet deze beller?',
      'Vergeten',
      'De keuze kon niet worden opgeslagen. Probeer het opnieuw.',
      'onthouden',
    ],
    [
      'fr',
      'fr-BE',
      'Retenir pour ce numéro',
      (d: string) => `Retenu pour ce numéro le ${d}`,
      "Ce n'est pas l'appelant ?",
      'Oublier',
      "Le choix n'a pas pu être enregistré. Réessayez.",
      'retenu',
    ],
    [
      'en',
      'en-GB',
      'Remember for this number',
      (d: string) => `Remembered for this number on ${d}`,
      'Not this caller?',
      'Forget',
      'The choice could not be saved. Try again.',
      'remembered',
    ],
  ] as const) {
    it(`${lang}: remembered, Not this caller?, the candidates, Remember, its failure; in both palettes`, async () => {
      let fail = true;
      const { el } = await panelWithPicks(rememberedAmbiguous, lang, {
        put: () => (fail ? json(errorBody('internal_error'), 500) : noContent()),
      });
      const firstOfDecember = new Intl.DateTimeFormat(locale, {
        timeZone: 'Europe/Amsterdam',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      }).format(new Date('2026-12-01T10:00:00+01:00'));
      expect(label(el, 'remembered')).to.equal(remembered(firstOfDecember));
      expect(label(el, 'not-caller-button')).to.equal(notCaller);
      expect(label(el, 'forget-button')).to.equal(forget);
      await accessibleInBothPalettes(el);

      part(el, 'not-caller-button')?.click();
      await el.updateComplete;
      expect($(el, '.option-remembered')?.textContent).to.equal(badge);
      await choose(el, 1);
      expect(label(el, 'remember-button')).to.equal(remember);

      const error = oneEvent(el, 'crm-error');
      part(el, 'remember-button')?.click();
      await error;
      await el.updateComplete;
      expect($(el, '[part="pick"] [role="alert"]')?.textContent).to.equal(failed);
      await accessibleInBothPalettes(el);

      fail = false;
      await pickAndWait(el, 'remember-button');
      expect(label(el, 'remembered')).to.equal(remembered(today(locale)));
      expect(textOf(el)).not.to.contain(failed);
    });
  }
});
