import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LookupResponse } from '../../contract/lookup-api.js';
import { CrmContactSelectedEvent, CrmErrorEvent, CrmLinkOpenedEvent, type CrmCallerPanel } from '../../widget/src/index.js';
import { held, json, restoreFetch, stubRoutes, type RoutedStub } from './support/fetch-stub.js';
import {
  ambiguous,
  anonymous,
  anonymousWithNewContact,
  errorBody,
  matched,
  newContactLink,
  none,
  noneWithNewContact,
  searchJansen,
  searchNothing,
  serviceUrl,
} from './support/fixtures.js';
import {
  $,
  $$,
  accessibleInBothPalettes,
  idlePanel,
  lookUp,
  searchBox,
  searchFor,
  searchPart,
  searchParts,
  searchStatus,
  submitSearch,
  textOf,
  until,
} from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const search = 'GET /api/v1/search';

/** A panel showing `answer`, with a search service that answers `results` (or whatever `found` returns). */
async function panelSearching(
  answer: LookupResponse,
  lang = 'en',
  found: (url: URL, init: RequestInit | undefined) => Response | Promise<Response> = () => json(searchJansen),
  attrs: { apiKey?: string } = {},
): Promise<{ el: CrmCallerPanel; stub: RoutedStub }> {
  const stub = stubRoutes({ 'GET /api/v1/lookup': () => json(answer), [search]: found });
  const el = await fixture<CrmCallerPanel>(
    html`<crm-caller-panel service-url=${serviceUrl} lang=${lang} api-key=${attrs.apiKey ?? ''}></crm-caller-panel>`,
  );
  await lookUp(el, answer.query.type === 'email' ? { email: answer.query.input } : { phone: answer.query.input });
  return { el, stub };
}

const optionNames = (el: CrmCallerPanel): (string | null | undefined)[] =>
  searchParts(el, 'search-option').map((o) => o.querySelector('.name')?.textContent);
/** What has focus inside the search box's own shadow root. */
const focusedInSearch = (el: CrmCallerPanel): Element | null | undefined => searchBox(el)?.shadowRoot?.activeElement;

describe('search box in the none and withheld states', () => {
  it('none: under the state, the search box and "New relation in InSite"; no Search in the header', async () => {
    const { el } = await panelSearching(noneWithNewContact);
    const box = searchBox(el);
    expect(box?.getRootNode()).to.equal(el.shadowRoot);
    // The state first, then the box, then the link.
    const none = $(el, '[part="none"]') as HTMLElement;
    expect(none.compareDocumentPosition(box as Node) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    const form = searchPart<HTMLFormElement>(el, 'search');
    expect(form?.tagName).to.equal('FORM');
    expect(form?.getAttribute('role')).to.equal('search');
    expect(form?.getAttribute('aria-label')).to.equal('Search AFAS');
    const input = searchPart<HTMLInputElement>(el, 'search-input');
    expect(input?.labels?.[0]?.textContent).to.equal('Name, organisation, customer number, e-mail or postcode');
    expect(input?.type).to.equal('search');
    expect(input?.placeholder).to.equal('e.g. Zonnestraal or 1234 AB 5');
    expect(searchPart(el, 'search-submit')?.textContent).to.equal('Search');
    expect(searchStatus(el)).to.equal('');
    expect($(el, '[part="search-toggle"]')).to.equal(null);

    const link = $<HTMLAnchorElement>(el, 'a[part="new-contact-link"]');
    expect(link?.href).to.equal(newContactLink);
    expect(link?.target).to.equal('_blank');
    expect(link?.rel).to.equal('noopener noreferrer');
    expect(textOf(link as HTMLElement)).to.equal('New relation in InSite (opens in a new tab)');
    expect((box as Node).compareDocumentPosition(link as Node) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    await accessibleInBothPalettes(el);
  });

  it('"New relation in InSite" fires crm-link-opened with kind "new-contact" during the click', async () => {
    const { el } = await panelSearching(noneWithNewContact);
    el.addEventListener('crm-link-opened', (e) => e.preventDefault(), { once: true });
    const event = oneEvent(el, 'crm-link-opened');
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    $(el, 'a[part="new-contact-link"]')?.dispatchEvent(click);
    const e = await event;
    expect(e).to.be.instanceOf(CrmLinkOpenedEvent);
    expect(e.detail).to.deep.equal({ href: newContactLink, kind: 'new-contact' });
    expect(click.defaultPrevented).to.equal(true);
  });

  it('withheld: the search box and the new-relation link under the state', async () => {
    const { el } = await panelSearching(anonymousWithNewContact);
    expect($(el, '[part="anonymous"]')).not.to.equal(null);
    expect(searchPart(el, 'search-input')).not.to.equal(null);
    expect($(el, 'a[part="new-contact-link"]')?.getAttribute('href')).to.equal(newContactLink);
    expect($(el, '[part="search-toggle"]')).to.equal(null);
    await accessibleInBothPalettes(el);
  });

  it('without newContactLink in the answer there is no new-relation link', async () => {
    for (const answer of [none, anonymous]) {
      const { el } = await panelSearching(answer);
      expect(searchBox(el)).not.to.equal(null);
      expect($(el, '[part="new-contact-link"]')).to.equal(null);
      expect(textOf(el)).not.to.contain('New relation');
    }
  });

  it('a matched answer has no search box until the agent opens it', async () => {
    const { el } = await panelSearching(matched);
    expect(searchBox(el)).to.equal(null);
  });
});

describe('searching', () => {
  it('fewer than 2 letters or digits: "Type at least 2 letters or digits." and no request', async () => {
    const { el, stub } = await panelSearching(none);
    for (const q of ['a', ' 7 ', '-- a --', '!!', '']) {
      submitSearch(el, q);
      await searchBox(el)?.updateComplete;
      expect(searchStatus(el), JSON.stringify(q)).to.equal('Type at least 2 letters or digits.');
    }
    await aTimeout(0);
    expect(stub.to(search)).to.have.length(0);
  });

  it('GET {base}/api/v1/search?q=… with the API key; the results are buttons, best first', async () => {
    const { el, stub } = await panelSearching(none, 'en', () => json(searchJansen), { apiKey: 'k-9' });
    await searchFor(el, '  Jansen ', '3 contacts found for “Jansen”');
    const [call] = stub.to(search);
    expect(`${call?.url.origin}${call?.url.pathname}`).to.equal(`${serviceUrl}/api/v1/search`);
    expect([...(call?.url.searchParams ?? [])]).to.deep.equal([['q', 'Jansen']]);
    expect(new Headers(call?.init?.headers).get('Authorization')).to.equal('Bearer k-9');
    expect(stub.unexpected).to.deep.equal([]);

    const list = searchPart(el, 'search-results');
    expect(list?.tagName).to.equal('OL');
    expect(list?.getAttribute('aria-label')).to.equal('Search results');
    const options = searchParts<HTMLButtonElement>(el, 'search-option');
    expect(options.map((o) => [o.tagName, o.type])).to.deep.equal([
      ['BUTTON', 'button'],
      ['BUTTON', 'button'],
      ['BUTTON', 'button'],
    ]);
    expect(optionNames(el)).to.deep.equal(['Anna Jansen', 'Bert Jansen', 'Jansen & Zn.']);
    expect(textOf(options[0])).to.equal('Anna Jansen Jansen & Zn. Naam · Anna Jansen');
    expect(searchPart(el, 'search-status')?.getAttribute('role')).to.equal('status');
    await accessibleInBothPalettes(el);
  });

  it('Enter in the box searches, as the Search button does', async () => {
    const { el, stub } = await panelSearching(none);
    searchPart(el, 'search-input')?.focus();
    await sendKeys({ type: 'Jansen' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => searchParts(el, 'search-option').length === 3,
      'three results',
      () => searchStatus(el),
    );
    expect(stub.to(search).map((c) => c.url.searchParams.get('q'))).to.deep.equal(['Jansen']);
  });

  it('while it searches the status says so; nothing found says so too', async () => {
    let release: (r: Response) => void = () => undefined;
    const { el } = await panelSearching(none, 'en', (_u, init) => {
      const h = held(init);
      release = h.release;
      return h.promise;
    });
    submitSearch(el, 'Zzyzx');
    await until(
      () => searchStatus(el) === 'Searching for Zzyzx…',
      'the searching status',
      () => searchStatus(el),
    );
    release(json(searchNothing));
    await until(
      () => searchStatus(el) === 'Nothing in AFAS matches “Zzyzx”.',
      'the nothing-found status',
      () => searchStatus(el),
    );
    expect(searchPart(el, 'search-results')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a new search replaces the results', async () => {
    const { el } = await panelSearching(none, 'en', (url) => json(url.searchParams.get('q') === 'Jansen' ? searchJansen : searchNothing));
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    await searchFor(el, 'Zzyzx', 'Nothing in AFAS matches “Zzyzx”.');
    expect(searchParts(el, 'search-option')).to.have.length(0);
  });

  it('a failed search shows the message as an alert and fires crm-error', async () => {
    const { el } = await panelSearching(none, 'en', () => json(errorBody('upstream_timeout', 'REF-S'), 504));
    const error = oneEvent(el, 'crm-error');
    submitSearch(el, 'Jansen');
    const e = await error;
    expect(e).to.be.instanceOf(CrmErrorEvent);
    expect(e.detail).to.deep.equal({ code: 'upstream_timeout', message: 'service says upstream_timeout', reference: 'REF-S' });
    await until(
      () => searchPart(el, 'search') !== null && !!searchBox(el)?.shadowRoot?.querySelector('[role="alert"]')?.textContent,
      'the alert',
    );
    expect(searchBox(el)?.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.equal('AFAS took too long to answer.');
    // The lookup's own answer stays as it was.
    expect($(el, '[part="none"]')).not.to.equal(null);
    expect($(el, '[part="error"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('a chosen search result', () => {
  it('opens its card with Back and Remember, its name in the header, and fires crm-contact-selected once on screen', async () => {
    const { el, stub } = await panelSearching(none);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    const seen = new Promise<[CrmContactSelectedEvent, string | null | undefined]>((resolve) =>
      el.addEventListener('crm-contact-selected', (e) => resolve([e, $(el, '[part="contact-name"]')?.textContent]), { once: true }),
    );
    searchParts(el, 'search-option')[1]?.click();
    const [e, shown] = await seen;
    expect(e).to.be.instanceOf(CrmContactSelectedEvent);
    expect(e.detail).to.deep.equal({ id: 'P-3002', name: 'Bert Jansen' });
    expect(e.bubbles && e.composed).to.equal(true);
    expect(shown).to.equal('Bert Jansen');
    await el.updateComplete;

    expect($(el, '[part="back-button"]')?.textContent?.trim()).to.equal('Back to the search results');
    expect($(el, '[part="remember-button"]')?.textContent?.trim()).to.equal('Remember for this number');
    expect($(el, '[part="caller-name"]')?.textContent).to.equal('Bert Jansen');
    expect($(el, '[part="caller-number"]')?.textContent).to.equal('020 123 4567');
    expect($$(el, '[part="case-subject"]').map((c) => c.textContent?.trim())).to.deep.equal(['Onderhoud Bert Jansen (opens in a new tab)']);
    // The box stays (hidden) so Back finds the results as they were; the none state is gone.
    expect($(el, '[part="none"]')).to.equal(null);
    expect(searchBox(el)?.closest('[hidden]')).not.to.equal(null);
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('contact-name');
    expect($(el, '[role="status"]')?.textContent).to.equal('Caller: Bert Jansen');
    expect(stub.to(search)).to.have.length(1);
    await accessibleInBothPalettes(el);
  });

  it('Back returns to the results as they were, without searching again, with the cursor in the box', async () => {
    const { el, stub } = await panelSearching(none);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    searchParts(el, 'search-option')[0]?.click();
    await el.updateComplete;
    $(el, '[part="back-button"]')?.click();
    await el.updateComplete;
    await searchBox(el)?.updateComplete;
    expect($(el, '[part="contact"]')).to.equal(null);
    expect($(el, '[part="none"]')).not.to.equal(null);
    expect(searchBox(el)?.closest('[hidden]')).to.equal(null);
    expect(optionNames(el)).to.deep.equal(['Anna Jansen', 'Bert Jansen', 'Jansen & Zn.']);
    expect(searchStatus(el)).to.equal('3 contacts found for “Jansen”');
    expect(searchPart<HTMLInputElement>(el, 'search-input')?.value).to.equal('Jansen');
    expect(focusedInSearch(el)).to.equal(searchPart(el, 'search-input'));
    expect($(el, '[part="caller-name"]')).to.equal(null);
    expect(stub.to(search)).to.have.length(1);
  });

  it('Refresh keeps what the agent searched and chose: the chosen card, and Back finds the results as they were', async () => {
    const { el, stub } = await panelSearching(none);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    searchParts(el, 'search-option')[1]?.click();
    await el.updateComplete;
    const done = oneEvent(el, 'crm-lookup-completed');
    $(el, '[part="refresh-button"]')?.click();
    await done;
    await el.updateComplete;
    expect(stub.to('GET /api/v1/lookup')).to.have.length(2);
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Bert Jansen');
    $(el, '[part="back-button"]')?.click();
    await el.updateComplete;
    await searchBox(el)?.updateComplete;
    expect(searchStatus(el)).to.equal('3 contacts found for “Jansen”');
    expect(optionNames(el)).to.deep.equal(['Anna Jansen', 'Bert Jansen', 'Jansen & Zn.']);
    expect(stub.to(search)).to.have.length(1);
  });

  it('a new number closes what the agent searched and chose', async () => {
    const { el } = await panelSearching(none);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    searchParts(el, 'search-option')[0]?.click();
    await el.updateComplete;
    await lookUp(el, { phone: '0201111111' });
    expect($(el, '[part="contact"]')).to.equal(null);
    expect(searchStatus(el)).to.equal('');
    expect(searchParts(el, 'search-option')).to.have.length(0);
  });
});

describe('Search from the header and under the candidates', () => {
  it('Search in the header opens the box over a matched answer; Close search shows the contact again', async () => {
    const { el } = await panelSearching(matched);
    const toggle = $(el, '[part="search-toggle"]') as HTMLButtonElement;
    toggle.click();
    await el.updateComplete;
    await searchBox(el)?.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.textContent?.trim()).to.equal('Close search');
    expect($(el, '[part="contact"]')).to.equal(null);
    expect($(el, '[part="body"] h3')?.textContent).to.equal('Search AFAS');
    expect(focusedInSearch(el)).to.equal(searchPart(el, 'search-input'));
    expect($(el, '[part="caller-name"]')).to.equal(null);
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    await accessibleInBothPalettes(el);

    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent?.trim()).to.equal('Search');
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
    expect(el.shadowRoot?.activeElement).to.equal(toggle);
  });

  it('a result chosen from the header search replaces the caller until Close search', async () => {
    const { el } = await panelSearching(matched);
    $(el, '[part="search-toggle"]')?.click();
    await el.updateComplete;
    await searchFor(el, 'Jansen', '3 contacts found for “Jansen”');
    const selected = oneEvent(el, 'crm-contact-selected');
    searchParts(el, 'search-option')[2]?.click();
    expect((await selected).detail).to.deep.equal({ id: 'O-3003', name: 'Jansen & Zn.' });
    expect($(el, '[part="caller-name"]')?.textContent).to.equal('Jansen & Zn.');
    expect($(el, '[part="remember-button"]')).not.to.equal(null);
    $(el, '[part="search-toggle"]')?.click();
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
  });

  it('"Someone else? Search AFAS" under the candidates opens the search', async () => {
    const { el } = await panelSearching(ambiguous);
    const more = $(el, '[part="search-more"]') as HTMLButtonElement;
    expect(more.textContent?.trim()).to.equal('Someone else? Search AFAS');
    // After the list: the candidates come first.
    expect(($(el, '[part="picker"]') as HTMLElement).compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    more.click();
    await el.updateComplete;
    await searchBox(el)?.updateComplete;
    expect($(el, '[part="picker"]')).to.equal(null);
    expect($(el, '[part="search-toggle"]')?.getAttribute('aria-expanded')).to.equal('true');
    expect(focusedInSearch(el)).to.equal(searchPart(el, 'search-input'));
  });

  it('no Search in the header while loading or on an error', async () => {
    const stub = stubRoutes({ 'GET /api/v1/lookup': (_u, init) => held(init).promise });
    const el = await idlePanel();
    el.phone = '0612345678';
    await el.updateComplete;
    expect($(el, '[part="search-toggle"]')).to.equal(null);
    stub.restore();
    stubRoutes({ 'GET /api/v1/lookup': () => json(errorBody('upstream_error'), 502) });
    await lookUp(el, { phone: '0622222222' });
    expect($(el, '[part="error"]')).not.to.equal(null);
    expect($(el, '[part="search-toggle"]')).to.equal(null);
  });
});

describe('search in the panel language', () => {
  for (const [lang, label, submit, tooShort, found, back, remember, newRelation] of [
    [
      'nl',
      'Naam, organisatie, klantnummer, e-mail of postcode',
      'Zoeken',
      'Typ minstens 2 letters of cijfers.',
      '3 relaties gevonden voor “Jansen”',
      'Terug naar de zoekresultaten',
      'Onthouden voor dit nummer',
      'Nieuwe relatie in InSite (opent in een nieuw tabblad)',
    ],
    [
      'fr',
      'Nom, organisation, n° de client, e-mail ou code postal',
      'Rechercher',
      'Tapez au moins 2 lettres ou chiffres.',
      '3 contacts trouvés pour « Jansen »',
      'Retour aux résultats',
      'Retenir pour ce numéro',
      'Nouvelle relation dans InSite (ouvre un nouvel onglet)',
    ],
    [
      'en',
      'Name, organisation, customer number, e-mail or postcode',
      'Search',
      'Type at least 2 letters or digits.',
      '3 contacts found for “Jansen”',
      'Back to the search results',
      'Remember for this number',
      'New relation in InSite (opens in a new tab)',
    ],
  ] as const) {
    it(`${lang}: the box, its messages, a chosen result, and both palettes`, async () => {
      const { el } = await panelSearching(noneWithNewContact, lang);
      expect(searchPart<HTMLInputElement>(el, 'search-input')?.labels?.[0]?.textContent).to.equal(label);
      expect(searchPart(el, 'search-submit')?.textContent).to.equal(submit);
      expect(textOf($(el, '[part="new-contact-link"]') as HTMLElement)).to.equal(newRelation);
      submitSearch(el, 'x');
      await searchBox(el)?.updateComplete;
      expect(searchStatus(el)).to.equal(tooShort);
      await searchFor(el, 'Jansen', found);
      await accessibleInBothPalettes(el);
      searchParts(el, 'search-option')[0]?.click();
      await el.updateComplete;
      expect($(el, '[part="back-button"]')?.textContent?.trim()).to.equal(back);
      expect($(el, '[part="remember-button"]')?.textContent?.trim()).to.equal(remember);
      await accessibleInBothPalettes(el);
    });
  }
});
