import { expect, html } from '@open-wc/testing';
import type { LookupResponse } from '../../contract/lookup-api.js';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { resolveLang, toLang } from '../../widget/src/i18n/lang.js';
import { json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import { ambiguous, anonymous, casesFailed, errorBody, matched, multilingual, none, serviceUrl } from './support/fixtures.js';
import { $, $$, idlePanel, lookUp, mount, panelWith, searchPart, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

// The dictionaries are modules of their own: which ones the page has fetched tells whether they load lazily.
performance.setResourceTimingBufferSize(100_000);
const fetched = (module: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new RegExp(`/widget/src/i18n/${module}\\.(ts|js)$`).test(new URL(e.name).pathname));

const statuses = (el: CrmCallerPanel): (string | null)[] => $$(el, '[part~="status"]').map((b) => b.textContent);
const afasLabels = (el: CrmCallerPanel): (string | null | undefined)[] =>
  $$(el, '[part="case"]').map((c) => c.querySelector('[part="status-label"]')?.textContent);

describe('languages', () => {
  // First in this file: no panel has used French yet, so its dictionary and its error messages are not loaded.
  it('loads a language when a panel first needs it, and its error messages on the first error; updateComplete waits for both', async () => {
    expect(fetched('fr'), 'fr before use').to.equal(false);
    expect(fetched('errors-fr'), 'errors-fr before use').to.equal(false);
    const el = await idlePanel('fr');
    expect(fetched('fr'), 'fr once shown').to.equal(true);
    expect(textOf(el)).to.contain('Aucune conversation en cours');

    stubFetch(() => json(matched));
    await lookUp(el, { phone: '0612345678' });
    expect(fetched('errors-fr'), 'errors-fr without an error').to.equal(false);

    // The error event waits for the messages: a listener finds the French message on screen.
    stubFetch(() => json(errorBody('upstream_timeout'), 504));
    const seen = new Promise<string>((resolve) =>
      el.addEventListener('crm-error', () => resolve(textOf($(el, '[part="error"]') as HTMLElement)), { once: true }),
    );
    el.phone = '0699999999';
    expect(await seen).to.equal('La recherche a échoué AFAS a mis trop de temps à répondre. Réessayer');
    expect(fetched('errors-fr')).to.equal(true);
  });

  it('switching lang on a panel shows the new language once updateComplete resolves', async () => {
    const { el } = await panelWith(matched, 'en');
    expect($(el, '[part="title"]')?.textContent).to.equal('Caller');
    el.lang = 'fr-BE';
    await el.updateComplete;
    expect($(el, 'section')?.getAttribute('lang')).to.equal('fr');
    expect($(el, '[part="title"]')?.textContent).to.equal('Appelant');
    expect($(el, '[part="cases-count"]')?.textContent).to.equal('2 ouverts · 3+ au total');
    el.lang = 'nl';
    await el.updateComplete;
    expect($(el, '[part="title"]')?.textContent).to.equal('Beller');
    expect($(el, '[part="cases-count"]')?.textContent).to.equal('2 open · 3+ totaal');
  });

  it('Dutch: every state reads in Dutch and is accessible', async () => {
    const idle = await idlePanel('nl');
    expect(textOf(idle)).to.contain('Geen actief gesprek');
    await expect(idle).to.be.accessible();

    const m = await panelWith(matched, 'nl');
    expect(textOf(m.el)).to.contain('Openen in InSite');
    expect(textOf(m.el)).to.contain('Dossiers');
    expect($(m.el, 'time')?.textContent).to.equal('24 nov 2026');
    expect($(m.el, '[role="status"]')?.textContent).to.equal('Beller: Jan de Vries, Bakkerij De Vries B.V.');
    expect($(m.el, '[part="caller"] [part="copy-button"]')?.getAttribute('aria-label')).to.equal('Nummer kopiëren');
    expect($(m.el, '[part="fields"] [part="copy-button"]')?.getAttribute('aria-label')).to.equal('Mobiel werk kopiëren');
    expect($(m.el, '[part="cases-count"]')?.textContent).to.equal('2 open · 3+ totaal');
    expect(statuses(m.el)).to.deep.equal(['Status: Nieuw', 'Status: Open', 'Status: Gesloten']);
    // AFAS's "Nieuw" says what the badge says: shown once.
    expect(afasLabels(m.el)).to.deep.equal([undefined, 'In behandeling', 'Afgehandeld']);
    await expect(m.el).to.be.accessible();

    const a = await panelWith(ambiguous, 'nl');
    expect(textOf(a.el)).to.contain('3 relaties hebben dit nummer');
    expect(textOf(a.el)).to.contain('Kies de beller');
    expect($(a.el, '[part="search-more"]')?.textContent?.trim()).to.equal('Iemand anders? Zoek in AFAS');
    await expect(a.el).to.be.accessible();

    const n = await panelWith(none, 'nl');
    expect(textOf(n.el)).to.contain('Niet gevonden in AFAS');
    expect(searchPart(n.el, 'search-submit')?.textContent).to.equal('Zoeken');
    await expect(n.el).to.be.accessible();

    const c = await panelWith(casesFailed, 'nl');
    expect(textOf(c.el)).to.contain('Dossiers konden niet worden geladen.');
    expect($(c.el, '[part="cases-retry-button"]')?.textContent?.trim()).to.equal('Opnieuw proberen');
    expect($(c.el, '[role="status"]')?.textContent).to.equal(
      'Beller: Jan de Vries, Bakkerij De Vries B.V. Dossiers konden niet worden geladen.',
    );
    await expect(c.el).to.be.accessible();

    const w = await panelWith(anonymous, 'nl');
    expect(textOf(w.el)).to.contain('Nummer afgeschermd');
    await expect(w.el).to.be.accessible();

    stubFetch(() => json(errorBody('upstream_unavailable', 'R-1'), 503));
    const e = await idlePanel('nl');
    await lookUp(e, { phone: '0612345678' });
    expect(textOf(e)).to.contain('AFAS is nu niet bereikbaar.');
    expect(textOf(e)).to.contain('AFAS-referentie: R-1');
    expect(textOf(e)).to.contain('Opnieuw proberen');
    await expect(e).to.be.accessible();

    stubFetch(() => json(errorBody('forbidden'), 403));
    const f = await idlePanel('nl');
    await lookUp(f, { phone: '0612345678' });
    expect(textOf(f)).to.contain('De opzoekdienst weigert de sleutel van dit paneel.');
  });

  it('French: every state reads in French and is accessible', async () => {
    const idle = await idlePanel('fr');
    expect(textOf(idle)).to.contain('Aucune conversation en cours');
    expect($(idle, 'section')?.getAttribute('lang')).to.equal('fr');
    await expect(idle).to.be.accessible();

    const m = await panelWith(matched, 'fr-BE');
    expect($(m.el, '[part="title"]')?.textContent).to.equal('Appelant');
    expect(textOf(m.el)).to.contain('Ouvrir dans InSite');
    expect(textOf(m.el)).to.contain('Dossiers');
    expect($(m.el, 'time')?.textContent).to.equal('24 nov. 2026');
    expect($(m.el, '[role="status"]')?.textContent).to.equal('Appelant : Jan de Vries, Bakkerij De Vries B.V.');
    expect($(m.el, '[part="caller"] [part="copy-button"]')?.getAttribute('aria-label')).to.equal('Copier Numéro');
    expect($(m.el, '[part="fields"] [part="copy-button"]')?.getAttribute('aria-label')).to.equal('Copier Mobiel werk');
    expect($(m.el, '[part="cases-count"]')?.textContent).to.equal('2 ouverts · 3+ au total');
    expect(statuses(m.el)).to.deep.equal(['Statut: Nouveau', 'Statut: Ouvert', 'Statut: Clôturé']);
    expect(afasLabels(m.el)).to.deep.equal(['Nieuw', 'In behandeling', 'Afgehandeld']);
    expect($(m.el, '[part="status-label"]')?.getAttribute('title')).to.equal('Dans AFAS');
    await expect(m.el).to.be.accessible();

    const a = await panelWith(ambiguous, 'fr');
    expect(textOf(a.el)).to.contain('3 contacts partagent ce numéro');
    expect(textOf(a.el)).to.contain("Choisissez l'appelant");
    expect($(a.el, 'ol[part="picker"]')?.getAttribute('aria-label')).to.equal('Contacts possibles');
    expect($(a.el, '[part="search-more"]')?.textContent?.trim()).to.equal("Quelqu'un d'autre ? Rechercher");
    await expect(a.el).to.be.accessible();

    const n = await panelWith(none, 'fr');
    expect(textOf(n.el)).to.contain('Introuvable dans AFAS');
    expect($(n.el, '[role="status"]')?.textContent).to.equal('Appelant introuvable dans AFAS');
    expect(searchPart(n.el, 'search-submit')?.textContent).to.equal('Rechercher');
    await expect(n.el).to.be.accessible();

    const c = await panelWith(casesFailed, 'fr');
    expect(textOf(c.el)).to.contain("Les dossiers n'ont pas pu être chargés.");
    expect($(c.el, '[part="cases-retry-button"]')?.textContent?.trim()).to.equal('Réessayer');
    await expect(c.el).to.be.accessible();

    const w = await panelWith(anonymous, 'fr');
    expect(textOf($(w.el, '[part="anonymous"]') as HTMLElement)).to.contain('Numéro masqué');
    await expect(w.el).to.be.accessible();

    stubFetch(() => json(errorBody('upstream_unavailable', 'R-1'), 503));
    const e = await idlePanel('fr');
    await lookUp(e, { phone: '0612345678' });
    expect(textOf(e)).to.contain('La recherche a échoué');
    expect(textOf(e)).to.contain('AFAS est injoignable pour le moment.');
    expect(textOf(e)).to.contain('Référence AFAS: R-1');
    expect($(e, '[part="retry-button"]')?.textContent?.trim()).to.equal('Réessayer');
    await expect(e).to.be.accessible();

    stubFetch(() => json(errorBody('forbidden'), 403));
    const f = await idlePanel('fr');
    await lookUp(f, { phone: '0612345678' });
    expect(textOf(f)).to.contain('Le service de recherche refuse la clé de ce panneau.');
  });

  it('sets lang on its own section so screen readers pronounce it right', async () => {
    const el = await idlePanel('en');
    expect($(el, 'section')?.getAttribute('lang')).to.equal('en');
  });

  it('without a lang attribute it follows the closest lang of the page, crossing shadow roots', async () => {
    const wrapper = await mount<HTMLDivElement>(
      html`<div lang="en-GB"><crm-caller-panel service-url=${serviceUrl}></crm-caller-panel></div>`,
    );
    const el = wrapper.querySelector('crm-caller-panel') as CrmCallerPanel;
    expect(textOf(el)).to.contain('No active conversation');

    const host = await mount<HTMLDivElement>(html`<div lang="fr-BE"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('crm-caller-panel');
    root.append(inner);
    await inner.updateComplete;
    expect(textOf(inner)).to.contain('Aucune conversation en cours');
  });

  it('falls back to Dutch for other languages and switches when lang changes', async () => {
    const wrapper = await mount<HTMLDivElement>(html`<div lang="de"><crm-caller-panel service-url=${serviceUrl}></crm-caller-panel></div>`);
    const el = wrapper.querySelector('crm-caller-panel') as CrmCallerPanel;
    expect(textOf(el)).to.contain('Geen actief gesprek');
    el.lang = 'en';
    await el.updateComplete;
    expect(textOf(el)).to.contain('No active conversation');
  });

  it('toLang and resolveLang', () => {
    expect(toLang('NL-be')).to.equal('nl');
    expect(toLang('en_US')).to.equal('en');
    expect(toLang('fr')).to.equal('fr');
    expect(toLang('fr-BE')).to.equal('fr');
    expect(toLang('de')).to.equal(undefined);
    expect(toLang('')).to.equal(undefined);
    expect(resolveLang('en', document.body)).to.equal('en');
    expect(resolveLang('fr-CA', document.body)).to.equal('fr');
    expect(resolveLang('xx', document.body)).to.equal('nl');
  });
});

describe('labels in the panel language', () => {
  const labelled: LookupResponse = {
    ...ambiguous,
    contacts: ambiguous.contacts.map((c) => ({ ...c, match: { ...c.match, labels: { en: 'Work phone', fr: 'Téléphone travail' } } })),
  };

  for (const [lang, fields, matchedOn, caseField, option] of [
    ['en', ['Work mobile', 'Klantnummer'], 'Found by Work mobile · 06-123 456 78', 'Handled by', 'Work phone · 020-555 12 34'],
    ['nl', ['Mobiel werk', 'Debiteurnummer'], 'Gevonden op Mobiel werk · 06-123 456 78', 'Behandelaar', 'Telefoon werk · 020-555 12 34'],
    [
      'fr',
      ['Mobile travail', 'Numéro de client'],
      'Trouvé par Mobile travail · 06-123 456 78',
      'Traité par',
      'Téléphone travail · 020-555 12 34',
    ],
  ] as const) {
    it(`${lang}: fields, the match, case fields and candidates show labels[${lang}], else the label as sent`, async () => {
      const { el } = await panelWith(multilingual, lang);
      expect($$(el, '[part="field-label"]').map((d) => d.textContent)).to.deep.equal(fields);
      expect(textOf($(el, '[part="match"]') as HTMLElement)).to.equal(matchedOn);
      expect($(el, '.case-fields dt')?.textContent).to.equal(caseField);
      // A field's copy button is named by the label shown.
      expect($(el, '[part="fields"] [part="copy-button"]')?.getAttribute('aria-label')).to.contain(fields[0]);

      const { el: picker } = await panelWith(labelled, lang);
      expect(textOf($$(picker, '[part="picker-option"]')[0])).to.contain(option);
    });
  }
});
