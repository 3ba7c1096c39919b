import { aTimeout, expect, html, oneEvent } from '@open-wc/testing';
import type { LookupResponse } from '../../contract/lookup-api.js';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { held, json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import { ambiguous, anonymous, cached, errorBody, matched, none, noneEmail, serviceUrl } from './support/fixtures.js';
import { $, $$, accessibleInBothPalettes, idlePanel, lookUp, mount, panelWith, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const copyLabel = (el: CrmCallerPanel): string | null | undefined =>
  $(el, '[part="caller"] [part="copy-button"]')?.getAttribute('aria-label');

describe('header', () => {
  it('idle: only the title, no tools and no caller line', async () => {
    const el = await idlePanel();
    expect(textOf($(el, '[part="header"]') as HTMLElement)).to.equal('Caller');
    expect($(el, '[part="refresh-button"]')).to.equal(null);
    expect($(el, '[part="search-toggle"]')).to.equal(null);
    expect($(el, '[part="caller"]')).to.equal(null);
  });

  it('on an answer: the title, Search and Refresh; the caller line with the shown name and the formatted number', async () => {
    const { el } = await panelWith(matched);
    const header = $(el, '[part="header"]') as HTMLElement;
    expect(header.tagName).to.equal('HEADER');
    expect($(el, '[part="title"]')?.textContent).to.equal('Caller');
    const toggle = $(el, '[part="search-toggle"]');
    expect(toggle?.tagName).to.equal('BUTTON');
    expect(toggle?.textContent?.trim()).to.equal('Search');
    expect(toggle?.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part="refresh-button"]')?.textContent?.trim()).to.equal('Refresh');
    expect($(el, '[part="refresh-button"]')?.getAttribute('aria-disabled')).to.equal('false');
    expect($(el, '[part="caller-name"]')?.textContent).to.equal('Jan de Vries');
    expect($(el, '[part="caller-number"]')?.textContent).to.equal('06 12 34 56 78');
    expect(copyLabel(el)).to.equal('Copy Number');
    expect(header.contains($(el, '[part="caller"]'))).to.equal(true);
    await accessibleInBothPalettes(el);
  });

  for (const [lang, title, searchLabel, closeLabel, refresh] of [
    ['en', 'Caller', 'Search', 'Close search', 'Refresh'],
    ['nl', 'Beller', 'Zoeken', 'Zoeken sluiten', 'Vernieuwen'],
    ['fr', 'Appelant', 'Rechercher', 'Fermer la recherche', 'Actualiser'],
  ] as const) {
    it(`${lang}: "${title}", "${searchLabel}" / "${closeLabel}" and "${refresh}"`, async () => {
      const { el } = await panelWith(matched, lang);
      expect($(el, '[part="title"]')?.textContent).to.equal(title);
      expect($(el, '[part="refresh-button"]')?.textContent?.trim()).to.equal(refresh);
      const toggle = $(el, '[part="search-toggle"]') as HTMLButtonElement;
      expect(toggle.textContent?.trim()).to.equal(searchLabel);
      toggle.click();
      await el.updateComplete;
      expect(toggle.textContent?.trim()).to.equal(closeLabel);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    });
  }

  it('stays in view (sticky) while the agent scrolls the cases', async () => {
    stubFetch(() => json(matched));
    const box = await mount<HTMLDivElement>(
      html`<div style="height: 260px; width: 360px; overflow: auto">
        <crm-caller-panel service-url=${serviceUrl} lang="en"></crm-caller-panel>
      </div>`,
    );
    const el = box.querySelector('crm-caller-panel') as CrmCallerPanel;
    await lookUp(el, { phone: '0612345678' });
    const header = $(el, '[part="header"]') as HTMLElement;
    expect(getComputedStyle(header).position).to.equal('sticky');
    expect(box.scrollHeight).to.be.greaterThan(box.clientHeight + 200);
    box.scrollTop = 200;
    await aTimeout(0);
    expect(Math.round(header.getBoundingClientRect().top)).to.equal(Math.round(box.getBoundingClientRect().top));
    expect($(el, '[part="caller-name"]')?.getBoundingClientRect().top).to.be.at.least(box.getBoundingClientRect().top);
  });

  describe('cache note', () => {
    for (const [age, en, nl, fr] of [
      [0, 'Just now', 'Zojuist', "À l'instant"],
      [4, 'Just now', 'Zojuist', "À l'instant"],
      [5, 'As of 5 s ago', 'Stand van 5 s geleden', "Données d'il y a 5 s"],
      [40, 'As of 40 s ago', 'Stand van 40 s geleden', "Données d'il y a 40 s"],
      [150, 'As of 2 min ago', 'Stand van 2 min geleden', "Données d'il y a 2 min"],
      [7200, 'As of 2 h ago', 'Stand van 2 uur geleden', "Données d'il y a 2 h"],
    ] as const) {
      it(`a cached answer ${age} s old reads "${en}" / "${nl}" / "${fr}"`, async () => {
        const answer: LookupResponse = { ...cached, ageSeconds: age };
        for (const [lang, note] of [
          ['en', en],
          ['nl', nl],
          ['fr', fr],
        ] as const) {
          const { el } = await panelWith(answer, lang);
          expect($(el, '[part="cache-note"]')?.textContent, lang).to.equal(note);
          expect(textOf(el)).not.to.match(/\b0 s\b/);
        }
      });
    }

    it('no note on a fresh answer from AFAS', async () => {
      const { el } = await panelWith({ ...matched, ageSeconds: 0 });
      expect($(el, '[part="cache-note"]')).to.equal(null);
    });
  });

  describe('Refresh', () => {
    it('is aria-disabled while a lookup runs, and clicking it then starts nothing', async () => {
      const pending: ((r: Response) => void)[] = [];
      const stub = stubFetch((_u, init) => {
        const h = held(init);
        pending.push(h.release);
        return h.promise;
      });
      const el = await idlePanel();
      el.phone = '0612345678';
      await el.updateComplete;
      const refresh = $(el, '[part="refresh-button"]') as HTMLButtonElement;
      expect(refresh.getAttribute('aria-disabled')).to.equal('true');
      refresh.click();
      await el.updateComplete;
      await aTimeout(0);
      expect(stub.calls).to.have.length(1);

      const done = oneEvent(el, 'crm-lookup-completed');
      pending[0]?.(json(matched));
      await done;
      expect(refresh.getAttribute('aria-disabled')).to.equal('false');

      // A refresh of the answer: disabled again until it is back.
      refresh.click();
      await el.updateComplete;
      await aTimeout(0);
      expect(stub.calls).to.have.length(2);
      expect($(el, '[part="refresh-button"]')?.getAttribute('aria-disabled')).to.equal('true');
      $(el, '[part="refresh-button"]')?.click();
      await aTimeout(0);
      expect(stub.calls).to.have.length(2);
      const again = oneEvent(el, 'crm-lookup-completed');
      pending[1]?.(json(matched));
      await again;
      expect($(el, '[part="refresh-button"]')?.getAttribute('aria-disabled')).to.equal('false');
    });
  });

  describe("the caller's line", () => {
    it('loading: the formatted number with "Copy Number", no name yet', async () => {
      stubFetch((_u, init) => held(init).promise);
      const el = await idlePanel();
      el.phone = '0612345678';
      await el.updateComplete;
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('06 12 34 56 78');
      expect(copyLabel(el)).to.equal('Copy Number');
      expect($(el, '[part="caller-name"]')).to.equal(null);
      await accessibleInBothPalettes(el);
    });

    it('error: the number stays in view with its copy button', async () => {
      stubFetch(() => json(errorBody('upstream_timeout'), 504));
      const el = await idlePanel();
      await lookUp(el, { phone: '+31201234567' });
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('020 123 4567');
      expect(copyLabel(el)).to.equal('Copy Number');
      expect($(el, '[part="caller-name"]')).to.equal(null);
    });

    it('none: the number, no name', async () => {
      const { el } = await panelWith(none);
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('020 123 4567');
      expect(copyLabel(el)).to.equal('Copy Number');
      expect($(el, '[part="caller-name"]')).to.equal(null);
    });

    it('ambiguous: no name until the agent chooses a candidate, then that name', async () => {
      const { el } = await panelWith(ambiguous);
      expect($(el, '[part="caller-name"]')).to.equal(null);
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('020 555 1234');
      $$(el, '[part="picker-option"]')[1]?.click();
      await el.updateComplete;
      expect($(el, '[part="caller-name"]')?.textContent).to.equal('Kees Jansen');
      $(el, '[part="back-button"]')?.click();
      await el.updateComplete;
      expect($(el, '[part="caller-name"]')).to.equal(null);
    });

    it('e-mail: the address as given, with a copy button', async () => {
      const { el } = await panelWith(noneEmail);
      expect($(el, '[part="caller-number"]')?.textContent).to.equal('nobody@example.com');
      expect(copyLabel(el)).to.equal('Copy E-mail address');
    });

    it('withheld: no caller line at all', async () => {
      const { el } = await panelWith(anonymous);
      expect($(el, '[part="caller"]')).to.equal(null);
      expect($(el, '[part="caller"] [part="copy-button"]')).to.equal(null);
    });

    it('"Copy Number" in English, "Nummer kopiëren" in Dutch, "Copier Numéro" in French', async () => {
      for (const [lang, label] of [
        ['en', 'Copy Number'],
        ['nl', 'Nummer kopiëren'],
        ['fr', 'Copier Numéro'],
      ] as const) {
        const { el } = await panelWith(matched, lang);
        expect(copyLabel(el), lang).to.equal(label);
        expect($(el, '[part="caller"] [part="copy-button"]')?.getAttribute('title'), lang).to.equal(label);
      }
    });
  });
});
