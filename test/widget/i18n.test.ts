import { expect, html } from '@open-wc/testing';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { resolveLang, toLang } from '../../widget/src/i18n/lang.js';
import { json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import { ambiguous, anonymous, casesFailed, errorBody, matched, none, serviceUrl } from './support/fixtures.js';
import { $, idlePanel, lookUp, mount, panelWith, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

describe('languages', () => {
  it('Dutch: every state reads in Dutch and is accessible', async () => {
    const idle = await idlePanel('nl');
    expect(textOf(idle)).to.contain('Geen actief gesprek');
    await expect(idle).to.be.accessible();

    const m = await panelWith(matched, 'nl');
    expect(textOf(m.el)).to.contain('Openen in InSite');
    expect(textOf(m.el)).to.contain('Dossiers');
    expect($(m.el, 'time')?.textContent).to.equal('24 nov 2026');
    expect($(m.el, '[role="status"]')?.textContent).to.equal('Beller: Jan de Vries, Bakkerij De Vries B.V.');
    expect($(m.el, '[part="copy-button"]')?.getAttribute('aria-label')).to.equal('Mobiel werk kopiëren');
    await expect(m.el).to.be.accessible();

    const a = await panelWith(ambiguous, 'nl');
    expect(textOf(a.el)).to.contain('3 relaties hebben dit nummer');
    expect(textOf(a.el)).to.contain('Kies de beller');
    await expect(a.el).to.be.accessible();

    const n = await panelWith(none, 'nl');
    expect(textOf(n.el)).to.contain('Niet gevonden in AFAS');
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

    const host = await mount<HTMLDivElement>(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('crm-caller-panel');
    root.append(inner);
    await inner.updateComplete;
    expect(textOf(inner)).to.contain('No active conversation');
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
    expect(toLang('fr')).to.equal(undefined);
    expect(resolveLang('en', document.body)).to.equal('en');
  });
});
