import { expect, oneEvent } from '@open-wc/testing';
import type { CaseDto, LookupResponse } from '../../contract/lookup-api.js';
import type { CrmCallerPanel, CrmErrorEvent } from '../../widget/src/index.js';
import { held, json, restoreFetch, stubFetch, stubRoutes, type FetchStub } from './support/fetch-stub.js';
import {
  ambiguous,
  caseOf,
  casesFailed,
  casesPage1,
  casesPage2,
  casesPage3,
  errorBody,
  janDeVries,
  matched,
  pendingCases,
  serviceUrl,
} from './support/fixtures.js';
import { $, $$, accessibleInBothPalettes, idlePanel, lookUp, panelWith, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const waitFor = async (check: () => boolean, ms = 1000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** What has focus inside the panel, by id or part (a string, so a failed check prints instead of hanging chai's diff). */
const focused = (el: CrmCallerPanel): string | null => {
  const active = el.shadowRoot?.activeElement;
  return active ? active.id || active.getAttribute('part') : null;
};

describe('case list', () => {
  it('lists the cases with a status badge and a date in the panel language, Europe/Amsterdam', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    const items = $$(el, '[part="case"]');
    expect(items.map((i) => i.querySelector('[part~="status"]')?.textContent)).to.deep.equal([
      'Status: New',
      'Status: Open',
      'Status: Closed',
    ]);
    // AFAS's own name for each status, next to the badge, because it says something else.
    expect(items.map((i) => i.querySelector('[part="status-label"]')?.textContent)).to.deep.equal([
      'Nieuw',
      'In behandeling',
      'Afgehandeld',
    ]);
    expect(items[0]?.querySelector('[part="status-label"]')?.getAttribute('title')).to.equal('In AFAS');
    expect($$(el, '[part~="status"]').map((s) => s.getAttribute('part'))).to.deep.equal([
      'status status-new',
      'status status-open',
      'status status-closed',
    ]);
    // 2026-11-23T23:30Z is 24 November in Amsterdam.
    expect(items[0]?.querySelector('time')?.textContent).to.equal('24 Nov 2026');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).to.equal('2026-11-23T23:30:00Z');
    expect([...(items[1]?.querySelectorAll('.case-fields dt, .case-fields dd') ?? [])].map((n) => n.textContent)).to.deep.equal([
      'Behandelaar',
      'Sanne',
    ]);
    const subject = items[1]?.querySelector('a');
    expect(subject?.getAttribute('href')).to.equal('https://12345.afasinsite.nl/dossier?DosId=D1001');
    expect(subject?.target).to.equal('_blank');
  });

  it('keeps the order the service sent: the panel does not sort cases itself', async () => {
    const sent = [
      caseOf(7, 'Closed', '2026-01-02T09:00:00+01:00'),
      caseOf(8, 'Open', '2025-01-02T09:00:00+01:00'),
      caseOf(9, 'New', '2026-05-02T09:00:00+01:00'),
    ];
    stubFetch(() => json({ ...matched, contacts: [{ ...janDeVries, cases: sent, moreCases: false }] }));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect($$<HTMLAnchorElement>(el, '[part="case-subject"] a').map((a) => a.getAttribute('href'))).to.deep.equal(sent.map((c) => c.link));
  });

  it('"more" pages through GET /api/v1/cases?ref=<the contact\'s casesRef> until there are no more', async () => {
    const stub = stubFetch((url) => {
      if (url.pathname.endsWith('/lookup')) return json(matched);
      return json(url.searchParams.get('skip') === '3' ? casesPage2 : casesPage3);
    });
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect($(el, '[part="cases-count"]')?.textContent).to.equal('2 open · 3+ total');
    expect($(el, '[part="cases"] h4')?.textContent).not.to.contain('(');

    $(el, '[part="more-button"]')?.click();
    await el.updateComplete;
    expect($(el, '[part="more-button"]')?.textContent?.trim()).to.equal('Loading cases…');
    await waitFor(() => $$(el, '[part="case"]').length === 5);
    const first = stub.calls[1]?.url;
    expect(first?.pathname).to.equal('/CrmServiceAfasProfit/api/v1/cases');
    expect(first?.searchParams.get('ref')).to.equal(janDeVries.casesRef);
    // The ref travels URL-encoded (its `+`, `/`, `=` and `&` must not change it or add parameters).
    expect(first?.search).to.contain(`ref=${encodeURIComponent(janDeVries.casesRef)}&`);
    expect([...(first?.searchParams.keys() ?? [])]).to.deep.equal(['ref', 'skip', 'take']);
    expect(first?.searchParams.get('skip')).to.equal('3');
    expect(first?.searchParams.get('take')).to.equal('10');
    expect(`${first?.origin}`).to.equal(new URL(serviceUrl).origin);

    $(el, '[part="more-button"]')?.click();
    await waitFor(() => $$(el, '[part="case"]').length === 6);
    expect(stub.calls[2]?.url.searchParams.get('skip')).to.equal('5');
    expect(stub.calls[2]?.url.searchParams.get('ref')).to.equal(janDeVries.casesRef);
    expect(stub.calls.filter((c) => c.url.pathname.includes('/contacts'))).to.have.length(0);
    await el.updateComplete;
    expect($(el, '[part="more-button"]')).to.equal(null);
    // The list is complete: no "+" any more.
    expect($(el, '[part="cases-count"]')?.textContent).to.equal('2 open · 6 total');
    expect(focused(el)).to.equal('cases-title');
    await expect(el).to.be.accessible();
  });

  it('a failed page shows an inline error, fires crm-error and can be retried', async () => {
    let fail = true;
    stubFetch((url) => {
      if (url.pathname.endsWith('/lookup')) return json(matched);
      return fail ? json(errorBody('upstream_timeout'), 504) : json(casesPage3);
    });
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    $(el, '[part="more-button"]')?.click();
    await waitFor(() => $(el, '.inline-error') !== null);
    expect(textOf(el)).to.contain('More cases could not be loaded.');
    expect(errors).to.deep.equal(['upstream_timeout']);
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part="more-button"]')?.click();
    await waitFor(() => $$(el, '[part="case"]').length === 4);
    expect($(el, '.inline-error')).to.equal(null);
  });

  it('a contact without cases says so', async () => {
    stubFetch(() => json({ ...matched, contacts: [{ ...matched.contacts[0], cases: [], moreCases: false }] }));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect(textOf(el)).to.contain('No cases for this contact.');
  });

  it('no-cases hides the case list', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    el.noCases = true;
    await lookUp(el, { phone: '0612345678' });
    expect($(el, '[part="cases"]')).to.equal(null);
    expect($(el, '[part="contact-name"]')).not.to.equal(null);
  });
});

describe('cases that could not be loaded', () => {
  const isLookup = (url: URL): boolean => url.pathname.endsWith('/lookup');
  const lookups = (stub: FetchStub): number => stub.calls.filter((c) => isLookup(c.url)).length;

  /** A panel showing a caller whose cases the lookup could not load; `cases` answers every cases request. */
  async function panelWithoutCases(
    cases: (url: URL) => Response | Promise<Response> = () => json(casesPage1),
  ): Promise<{ el: CrmCallerPanel; stub: FetchStub; errors: CrmErrorEvent['detail'][] }> {
    const stub = stubFetch((url) => (isLookup(url) ? json(casesFailed) : cases(url)));
    const el = await idlePanel();
    const errors: CrmErrorEvent['detail'][] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail));
    await lookUp(el, { phone: '0612345678' });
    return { el, stub, errors };
  }

  it('shows the contact card as usual and, in place of the cases, a short message with Retry', async () => {
    const { el, stub } = await panelWithoutCases();
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
    expect($(el, 'a[part="insite-link"]')).not.to.equal(null);
    const block = $(el, '[part="cases"] [part="cases-error"]');
    expect(textOf(block as HTMLElement)).to.contain('Cases could not be loaded.');
    const retry = $<HTMLButtonElement>(el, '[part="cases-retry-button"]');
    expect(retry?.tagName).to.equal('BUTTON');
    expect(retry?.type).to.equal('button');
    expect(retry?.textContent?.trim()).to.equal('Try again');
    // Not "no cases", no count, no "more": nothing claims to know the cases.
    expect(textOf(el)).not.to.contain('No cases for this contact.');
    expect($(el, '#cases-title')?.textContent?.trim()).to.equal('Cases');
    expect($(el, '[part="more-button"]')).to.equal(null);
    expect($(el, '[part="error"]')).to.equal(null);
    // Said politely with the caller's name, not as an alert over it.
    expect($(el, '[role="status"]')?.textContent).to.equal('Caller: Jan de Vries, Bakkerij De Vries B.V. Cases could not be loaded.');
    expect($(el, '[part="cases-error"] [role="alert"]')).to.equal(null);
    expect(stub.calls).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('fires crm-error with the code once the answer is on screen', async () => {
    const stub = stubFetch(() => json(casesFailed));
    const el = await idlePanel();
    const seen: [string, boolean][] = [];
    el.addEventListener('crm-error', (e) => seen.push([e.detail.code, $(el, '[part="cases-error"]') !== null]));
    const error = oneEvent(el, 'crm-error');
    el.phone = '0612345678';
    const e = await error;
    expect(e.detail).to.deep.equal({ code: 'upstream_timeout', message: 'service says the cases took too long' });
    expect(e.bubbles && e.composed).to.equal(true);
    expect(seen).to.deep.equal([['upstream_timeout', true]]);
    expect(stub.calls).to.have.length(1);
  });

  it('Retry fetches only the first page of cases through casesRef (no second lookup) and shows them', async () => {
    const { el, stub, errors } = await panelWithoutCases();
    const retry = $(el, '[part="cases-retry-button"]');
    retry?.focus();
    retry?.click();
    await waitFor(() => $$(el, '[part="case"]').length === 3);
    expect(lookups(stub)).to.equal(1);
    expect(stub.calls).to.have.length(2);
    const url = stub.calls[1]?.url;
    expect(url?.pathname).to.equal('/CrmServiceAfasProfit/api/v1/cases');
    expect(url?.searchParams.get('ref')).to.equal(janDeVries.casesRef);
    expect(url?.searchParams.get('skip')).to.equal('0');
    expect(url?.searchParams.get('take')).to.equal('10');
    await el.updateComplete;
    expect($(el, '[part="cases-error"]')).to.equal(null);
    expect($(el, '[part="cases-count"]')?.textContent).to.equal('2 open · 3+ total');
    expect($(el, '[part="more-button"]')).not.to.equal(null);
    // The button that had focus is gone: focus moves to the list's heading, not to the page.
    expect(focused(el)).to.equal('cases-title');
    expect(errors.map((e) => e.code)).to.deep.equal(['upstream_timeout']);
    await expect(el).to.be.accessible();

    // Paging goes on from there, through the same ref.
    stub.calls.length = 0;
    $(el, '[part="more-button"]')?.click();
    await waitFor(() => stub.calls.length === 1);
    expect(stub.calls[0]?.url.searchParams.get('skip')).to.equal('3');
    expect(stub.calls[0]?.url.searchParams.get('ref')).to.equal(janDeVries.casesRef);
  });

  it('a failing Retry shows the message again, as an alert, with Retry, and fires crm-error; the next Retry can succeed', async () => {
    let fail = true;
    let release: () => void = () => undefined;
    const { el, stub, errors } = await panelWithoutCases(
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(fail ? json(errorBody('upstream_error', 'REF-9'), 502) : json(casesPage3));
        }),
    );
    const retry = $<HTMLButtonElement>(el, '[part="cases-retry-button"]');
    retry?.focus();
    retry?.click();
    await waitFor(() => stub.calls.length === 2);
    await el.updateComplete;
    // While it loads: the button says so (and stays focused), the old message is gone.
    expect(retry?.textContent?.trim()).to.equal('Loading cases…');
    expect(retry?.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf($(el, '[part="cases-error"]') as HTMLElement)).to.equal('Loading cases…');
    retry?.click(); // ignored while loading
    await el.updateComplete;
    expect(stub.calls).to.have.length(2);

    release();
    await waitFor(() => errors.length === 2);
    await el.updateComplete;
    expect(errors[1]).to.deep.equal({ code: 'upstream_error', message: 'service says upstream_error', reference: 'REF-9' });
    expect($(el, '[part="cases-error"] [role="alert"]')?.textContent).to.equal('Cases could not be loaded.');
    expect($(el, '[part="cases-retry-button"]') === retry, 'the same button, so focus stays on it').to.equal(true);
    expect(retry?.textContent?.trim()).to.equal('Try again');
    expect(retry?.getAttribute('aria-disabled')).to.equal('false');
    expect(focused(el)).to.equal('cases-retry-button');
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
    expect(lookups(stub)).to.equal(1);
    await expect(el).to.be.accessible();

    fail = false;
    retry?.click();
    await waitFor(() => stub.calls.length === 3);
    release();
    await waitFor(() => $$(el, '[part="case"]').length === 1);
    expect($(el, '[part="cases-error"]')).to.equal(null);
    expect(lookups(stub)).to.equal(1);
    expect(errors).to.have.length(2);
  });

  it('when the service no longer knows the ref (404) then it says the list expired and Refresh runs the lookup again', async () => {
    let lookupCount = 0;
    const stub = stubFetch((url) => {
      if (!isLookup(url)) return json(errorBody('not_found'), 404);
      lookupCount += 1;
      return json(lookupCount === 1 ? casesFailed : matched);
    });
    const el = await idlePanel();
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    await lookUp(el, { phone: '0612345678' });
    $(el, '[part="cases-retry-button"]')?.click();
    await waitFor(() => errors.length === 2);
    await el.updateComplete;
    expect(errors).to.deep.equal(['upstream_timeout', 'not_found']);
    expect($(el, '[part="cases-error"] [role="alert"]')?.textContent).to.equal('This case list has expired. Refresh to load it again.');
    const refresh = $(el, '[part="cases-retry-button"]');
    expect(refresh?.textContent?.trim()).to.equal('Refresh');
    await expect(el).to.be.accessible();

    const done = oneEvent(el, 'crm-lookup-completed');
    refresh?.focus();
    refresh?.click();
    await done;
    await el.updateComplete;
    await el.updateComplete;
    expect(lookups(stub)).to.equal(2);
    expect($$(el, '[part="case"]')).to.have.length(3);
    expect(focused(el)).to.equal('cases-title');
  });

  it('when a further page finds the ref expired then the list stays, with the message and Refresh instead of "more"', async () => {
    const stub = stubFetch((url) => (isLookup(url) ? json(matched) : json(errorBody('not_found'), 404)));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    $(el, '[part="more-button"]')?.focus();
    $(el, '[part="more-button"]')?.click();
    await waitFor(() => $(el, '.inline-error') !== null);
    await el.updateComplete;
    expect($$(el, '[part="case"]')).to.have.length(3);
    expect(textOf(el)).to.contain('This case list has expired.');
    expect($(el, '[part="more-button"]')).to.equal(null);
    expect(focused(el)).to.equal('cases-retry-button');
    const done = oneEvent(el, 'crm-lookup-completed');
    $(el, '[part="cases-retry-button"]')?.click();
    await done;
    expect(lookups(stub)).to.equal(2);
  });

  it('a chosen candidate without cases shows the message too; the lookup fires one crm-error for all', async () => {
    const withoutCases: LookupResponse = {
      ...ambiguous,
      contacts: ambiguous.contacts.map((c) => ({ ...c, casesError: { code: 'upstream_timeout', message: 'slow' } })),
    };
    stubFetch(() => json(withoutCases));
    const el = await idlePanel();
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    await lookUp(el, { phone: '+31 20 555 1234' });
    await el.updateComplete;
    expect(errors).to.deep.equal(['upstream_timeout']);
    $(el, '[part="picker-option"]')?.click();
    await el.updateComplete;
    expect(textOf($(el, '[part="cases-error"]') as HTMLElement)).to.contain('Cases could not be loaded.');
    expect($(el, '[role="status"]')?.textContent).to.equal('Caller: Petra Jansen, Jansen Installatietechniek. Cases could not be loaded.');
  });

  it('a code this panel does not know still shows the contact; no-cases shows neither the message nor an event', async () => {
    const unknownCode = {
      ...casesFailed,
      contacts: [{ ...janDeVries, cases: [], moreCases: false, casesError: { code: 'afas_on_fire', message: 'new' } }],
    };
    stubFetch(() => json(unknownCode));
    const el = await idlePanel();
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    await lookUp(el, { phone: '0612345678' });
    await el.updateComplete;
    expect($(el, '[part="cases-error"]')).not.to.equal(null);
    expect(errors).to.deep.equal(['internal_error']);

    stubFetch(() => json(casesFailed));
    const hidden = await idlePanel();
    hidden.noCases = true;
    const hiddenErrors: string[] = [];
    hidden.addEventListener('crm-error', (e) => hiddenErrors.push(e.detail.code));
    await lookUp(hidden, { phone: '0612345678' });
    expect($(hidden, '[part="cases"]')).to.equal(null);
    expect(hiddenErrors).to.deep.equal([]);
    expect($(hidden, '[role="status"]')?.textContent).to.equal('Caller: Jan de Vries, Bakkerij De Vries B.V.');
  });

  it('is accessible in the dark palette too, before and after a failed Retry', async () => {
    const { el, errors } = await panelWithoutCases(() => json(errorBody('upstream_timeout'), 504));
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    $(el, '[part="cases-retry-button"]')?.click();
    await waitFor(() => errors.length === 2);
    await el.updateComplete;
    expect($(el, '[part="cases-error"] [role="alert"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('case count and badges', () => {
  const withCases = (statuses: CaseDto['status'][], more: boolean): LookupResponse => ({
    ...matched,
    contacts: [{ ...janDeVries, cases: statuses.map((st, i) => caseOf(i, st)), moreCases: more }],
  });

  for (const [statuses, more, en, nl, fr] of [
    [['New', 'Open', 'Closed'], true, '2 open · 3+ total', '2 open · 3+ totaal', '2 ouverts · 3+ au total'],
    [['Open', 'New'], true, '2+ open · 2+ total', '2+ open · 2+ totaal', '2+ ouverts · 2+ au total'],
    // One open case: French agrees in number ("1 ouvert").
    [['Open', 'Closed', 'Closed'], false, '1 open · 3 total', '1 open · 3 totaal', '1 ouvert · 3 au total'],
    // None open: whether French writes "0 ouvert" or "0 ouverts" is a style choice, not asserted.
    [['Closed'], false, '0 open · 1 total', '0 open · 1 totaal', null],
  ] as const) {
    it(`${statuses.join(', ')}${more ? ' and more' : ''}: "${en}" / "${nl}" / "${fr ?? '(French not asserted)'}"`, async () => {
      for (const [lang, count] of [
        ['en', en],
        ['nl', nl],
        ['fr', fr],
      ] as const) {
        if (count === null) continue;
        const { el } = await panelWith(withCases([...statuses], more), lang);
        expect($(el, '[part="cases-count"]')?.textContent, lang).to.equal(count);
        expect($(el, '[part="cases-count"]')?.parentElement?.id).to.equal('cases-title');
      }
    });
  }

  it('no count without cases', async () => {
    const { el } = await panelWith(withCases([], false));
    expect($(el, '[part="cases-count"]')).to.equal(null);
    expect(textOf(el)).to.contain('No cases for this contact.');
  });

  it('badges in the panel language, with their part per status', async () => {
    for (const [lang, badges] of [
      ['en', ['New', 'Open', 'Closed']],
      ['nl', ['Nieuw', 'Open', 'Gesloten']],
      ['fr', ['Nouveau', 'Ouvert', 'Clôturé']],
    ] as const) {
      const { el } = await panelWith(withCases(['New', 'Open', 'Closed'], false), lang);
      const shown = $$(el, '[part~="status"]');
      expect(
        shown.map((b) => b.lastChild?.textContent),
        lang,
      ).to.deep.equal(badges);
      expect(shown.map((b) => b.getAttribute('part'))).to.deep.equal(['status status-new', 'status status-open', 'status status-closed']);
    }
  });

  it("AFAS's status name shows next to the badge only when it says something else", async () => {
    const labels = ['open', ' OPEN ', '', 'Wacht op klant'];
    const answer: LookupResponse = {
      ...matched,
      contacts: [{ ...janDeVries, cases: labels.map((statusLabel, i) => ({ ...caseOf(i, 'Open'), statusLabel })), moreCases: false }],
    };
    const { el } = await panelWith(answer);
    expect($$(el, '[part="case"]').map((c) => c.querySelector('[part="status-label"]')?.textContent ?? null)).to.deep.equal([
      null,
      null,
      null,
      'Wacht op klant',
    ]);
  });
});

describe("the contact's fields", () => {
  it('come after the cases, so the open cases stay in view', async () => {
    const { el } = await panelWith(matched);
    const cases = $(el, '[part="cases"]') as HTMLElement;
    const fields = $(el, '[part="fields"]') as HTMLElement;
    expect(cases.compareDocumentPosition(fields) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect(fields.getAttribute('aria-label')).to.equal('Contact details');
    // The card itself (name, organisation, match, InSite) stays above the cases.
    expect(($(el, '[part="contact"]') as HTMLElement).compareDocumentPosition(cases) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(
      0,
    );
  });

  it('leave out a field whose value only repeats the name or the organisation', async () => {
    const answer: LookupResponse = {
      ...matched,
      contacts: [
        {
          ...janDeVries,
          fields: [
            { label: 'Naam', value: 'Jan de Vries' },
            { label: 'Organisatie', value: ' bakkerij de vries b.v. ' },
            { label: 'Roepnaam', value: 'Jan' },
            ...janDeVries.fields,
          ],
        },
      ],
    };
    const { el } = await panelWith(answer);
    expect($$(el, '[part="field-label"]').map((d) => d.textContent)).to.deep.equal([
      'Roepnaam',
      'Mobiel werk',
      'Telefoon werk',
      'E-mail',
      'Website',
      'Klantnummer',
    ]);
  });

  it('a contact whose only fields repeat the heading has no field list', async () => {
    const { el } = await panelWith({ ...matched, contacts: [{ ...janDeVries, fields: [{ label: 'Naam', value: 'Jan de Vries' }] }] });
    expect($(el, '[part="fields"]')).to.equal(null);
  });
});

describe('cases that follow the contact (casesPending)', () => {
  const casesRoute = 'GET /api/v1/cases';

  for (const [lang, loadingText, count] of [
    ['en', 'Loading cases…', '2 open · 3+ total'],
    ['nl', 'Dossiers laden…', '2 open · 3+ totaal'],
    ['fr', 'Chargement des dossiers…', '2 ouverts · 3+ au total'],
  ] as const) {
    it(`${lang}: the card shows at once with "${loadingText}"; the panel fetches the first page through casesRef, then shows the list`, async () => {
      let release: (r: Response) => void = () => undefined;
      const stub = stubRoutes({
        'GET /api/v1/lookup': () => json(pendingCases),
        [casesRoute]: (_u, init) => {
          const h = held(init);
          release = h.release;
          return h.promise;
        },
      });
      const el = await idlePanel(lang);
      const errors: string[] = [];
      el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
      await lookUp(el, { phone: '0612345678' });
      expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
      expect($(el, '[part="cases"] [part="cases-loading"]')?.textContent).to.equal(loadingText);
      expect($(el, '[part="cases-count"]')).to.equal(null);
      expect($(el, '[part="cases-error"]')).to.equal(null);
      expect($(el, '[part="more-button"]')).to.equal(null);
      expect($$(el, '[part="case"]')).to.have.length(0);

      await waitFor(() => stub.to(casesRoute).length === 1);
      const url = stub.to(casesRoute)[0]?.url;
      expect(`${url?.origin}${url?.pathname}`).to.equal(`${serviceUrl}/api/v1/cases`);
      expect([...(url?.searchParams ?? [])]).to.deep.equal([
        ['ref', janDeVries.casesRef],
        ['skip', '0'],
        ['take', '10'],
      ]);
      await accessibleInBothPalettes(el);

      release(json(casesPage1));
      await waitFor(() => $$(el, '[part="case"]').length === 3);
      await el.updateComplete;
      expect($(el, '[part="cases-loading"]')).to.equal(null);
      expect($(el, '[part="cases-count"]')?.textContent).to.equal(count);
      expect($(el, '[part="more-button"]')).not.to.equal(null);
      expect(stub.to('GET /api/v1/lookup')).to.have.length(1);
      expect(stub.unexpected).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  }

  it("a candidate's cases are fetched when the agent chooses it, not before", async () => {
    const pending: LookupResponse = { ...ambiguous, contacts: ambiguous.contacts.map((c) => ({ ...c, casesPending: true as const })) };
    const stub = stubRoutes({ 'GET /api/v1/lookup': () => json(pending), [casesRoute]: () => json(casesPage3) });
    const el = await idlePanel();
    await lookUp(el, { phone: ambiguous.query.input });
    expect(stub.to(casesRoute)).to.have.length(0);
    $$(el, '[part="picker-option"]')[1]?.click();
    await waitFor(() => $$(el, '[part="case"]').length === 1);
    expect(stub.to(casesRoute).map((c) => c.url.searchParams.get('ref'))).to.deep.equal(['ref-P-2002']);
  });

  it('when that request fails: "Cases could not be loaded." with Try again, and crm-error', async () => {
    const stub = stubRoutes({
      'GET /api/v1/lookup': () => json(pendingCases),
      [casesRoute]: () => json(errorBody('upstream_timeout'), 504),
    });
    const el = await idlePanel();
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    await lookUp(el, { phone: '0612345678' });
    await waitFor(() => errors.length === 1);
    await el.updateComplete;
    expect(errors).to.deep.equal(['upstream_timeout']);
    expect(textOf($(el, '[part="cases-error"]') as HTMLElement)).to.equal('Cases could not be loaded. Try again');
    expect($(el, '[part="cases-loading"]')).to.equal(null);
    expect(stub.to(casesRoute)).to.have.length(1);
  });

  it('with no-cases nothing is fetched', async () => {
    const stub = stubRoutes({ 'GET /api/v1/lookup': () => json(pendingCases), [casesRoute]: () => json(casesPage1) });
    const el = await idlePanel();
    el.noCases = true;
    await lookUp(el, { phone: '0612345678' });
    await new Promise((r) => setTimeout(r, 20));
    expect(stub.to(casesRoute)).to.have.length(0);
    expect($(el, '[part="cases"]')).to.equal(null);
  });
});
