import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { restoreFetch } from './support/fetch-stub.js';
import { ambiguous } from './support/fixtures.js';
import { $, $$, panelWith } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const options = (el: Parameters<typeof $$>[0]): HTMLButtonElement[] => $$<HTMLButtonElement>(el, '[part="picker-option"]');
const focused = (el: Parameters<typeof $$>[0]): Element | null => el.shadowRoot?.activeElement ?? null;

describe('ambiguous picker', () => {
  it('is one tab stop: only the active option is tabbable', async () => {
    const { el } = await panelWith(ambiguous);
    expect(options(el).map((b) => b.tabIndex)).to.deep.equal([0, -1, -1]);
  });

  it('arrow keys, Home and End move focus between the options; Enter chooses', async () => {
    const { el } = await panelWith(ambiguous);
    options(el)[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)).to.equal(options(el)[1]);
    expect(options(el).map((b) => b.tabIndex)).to.deep.equal([-1, 0, -1]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focused(el)).to.equal(options(el)[2]);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)).to.equal(options(el)[0]);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(focused(el)).to.equal(options(el)[2]);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;

    const selected = oneEvent(el, 'crm-contact-selected');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail).to.deep.equal({ id: 'P-2002', name: 'Kees Jansen' });
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Kees Jansen');
    expect(focused(el)).to.equal($(el, '[part="contact-name"]'));
    expect($(el, '[role="status"]')?.textContent).to.equal('Caller: Kees Jansen, Jansen Installatietechniek');
  });

  it('Tab reaches the list, and the card after a choice is accessible', async () => {
    const { el } = await panelWith(ambiguous);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' }); // Search (header)
    expect(focused(el)).to.equal($(el, '[part="search-toggle"]'));
    await sendKeys({ press: 'Tab' }); // Refresh (header)
    expect(focused(el)).to.equal($(el, '[part="refresh-button"]'));
    await sendKeys({ press: 'Tab' }); // Copy Number (the caller's line)
    expect(focused(el)).to.equal($(el, '[part="caller"] [part="copy-button"]'));
    await sendKeys({ press: 'Tab' }); // the list: its active option only
    expect(focused(el)).to.equal(options(el)[0]);
    await sendKeys({ press: 'Tab' }); // past the list: "Someone else? Search AFAS"
    expect(focused(el)).to.equal($(el, '[part="search-more"]'));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal(options(el)[0]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Petra Jansen');
    await expect(el).to.be.accessible();
  });

  it('a mouse click chooses; the back button returns to the list with focus on the chosen option', async () => {
    const { el } = await panelWith(ambiguous);
    const selected = oneEvent(el, 'crm-contact-selected');
    options(el)[2]?.click();
    expect((await selected).detail).to.deep.equal({ id: 'O-2003', name: 'Jansen Installatietechniek' });
    await el.updateComplete;
    const back = $<HTMLButtonElement>(el, '[part="back-button"]');
    expect(back?.textContent?.trim()).to.equal('All 3 matches');
    back?.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(options(el)).to.have.length(3);
    expect(focused(el)).to.equal(options(el)[2]);
    expect(options(el)[2]?.tabIndex).to.equal(0);
  });
});
