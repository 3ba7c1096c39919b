import { expect } from '@open-wc/testing';
import { json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import { casesPage2, casesPage3, errorBody, matched, serviceUrl } from './support/fixtures.js';
import { $, $$, idlePanel, lookUp, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const waitFor = async (check: () => boolean, ms = 1000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('case list', () => {
  it('lists new/open cases first with a status badge and a date in the panel language, Europe/Amsterdam', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    const items = $$(el, '[part="case"]');
    expect(items.map((i) => i.querySelector('[part~="status"]')?.textContent?.replace('Status: ', ''))).to.deep.equal(['In behandeling', 'Nieuw', 'Afgehandeld']);
    expect($$(el, '[part~="status"]').map((s) => s.getAttribute('part'))).to.deep.equal(['status status-open', 'status status-new', 'status status-closed']);
    // 2026-11-23T23:30Z is 24 November in Amsterdam.
    expect(items[1]?.querySelector('time')?.textContent).to.equal('24 Nov 2026');
    expect(items[1]?.querySelector('time')?.getAttribute('datetime')).to.equal('2026-11-23T23:30:00Z');
    expect([...(items[0]?.querySelectorAll('.case-fields dt, .case-fields dd') ?? [])].map((n) => n.textContent)).to.deep.equal(['Behandelaar', 'Sanne']);
    const subject = items[0]?.querySelector('a');
    expect(subject?.getAttribute('href')).to.equal('https://12345.afasinsite.nl/dossier?DosId=D1001');
    expect(subject?.target).to.equal('_blank');
  });

  it('"more" pages through the cases endpoint until there are no more', async () => {
    const stub = stubFetch((url) => {
      if (url.pathname.endsWith('/lookup')) return json(matched);
      return json(url.searchParams.get('skip') === '3' ? casesPage2 : casesPage3);
    });
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect($(el, '[part="cases"] h4')?.textContent).to.contain('(3+)');

    $(el, '[part="more-button"]')?.click();
    await el.updateComplete;
    expect($(el, '[part="more-button"]')?.textContent?.trim()).to.equal('Loading cases…');
    await waitFor(() => $$(el, '[part="case"]').length === 5);
    const first = stub.calls[1]?.url;
    expect(first?.pathname).to.equal('/CrmServiceAfasProfit/api/v1/contacts/P-1001/cases');
    expect(first?.searchParams.get('skip')).to.equal('3');
    expect(first?.searchParams.get('take')).to.equal('10');
    expect(`${first?.origin}`).to.equal(new URL(serviceUrl).origin);

    $(el, '[part="more-button"]')?.click();
    await waitFor(() => $$(el, '[part="case"]').length === 6);
    expect(stub.calls[2]?.url.searchParams.get('skip')).to.equal('5');
    await el.updateComplete;
    expect($(el, '[part="more-button"]')).to.equal(null);
    expect(el.shadowRoot?.activeElement).to.equal($(el, '#cases-title'));
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
