import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { LookupResponse } from '../../../contract/lookup-api.js';
// Type only: the test must not load the choice module before the panel does.
import type { CrmContactSearch } from '../../../widget/src/components/caller-panel/choice/contact-search.js';
import { CrmCallerPanel } from '../../../widget/src/index.js';
import { json, stubFetch, type FetchStub } from './fetch-stub.js';
import { serviceUrl } from './fixtures.js';

/**
 * Like fixture() for a template whose root is not a Lit element (a wrapper div, an iframe): fixture() would wait for
 * an animation frame, which a background tab (tests run two pages at a time) may never get.
 */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const el = fixtureSync<T>(template);
  const panels = [el, ...el.querySelectorAll('*')].filter((e): e is CrmCallerPanel => e instanceof CrmCallerPanel);
  await Promise.all(panels.map((p) => p.updateComplete));
  return el;
}

/** An idle panel pointed at the stubbed service. */
export const idlePanel = (lang = 'en'): Promise<CrmCallerPanel> =>
  fixture<CrmCallerPanel>(html`<crm-caller-panel service-url=${serviceUrl} lang=${lang}></crm-caller-panel>`);

/** Sets `phone` (or `email`) on a panel and waits until the answer is on screen. */
export async function lookUp(el: CrmCallerPanel, query: { phone?: string; email?: string }): Promise<void> {
  const done = Promise.race([oneEvent(el, 'crm-lookup-completed'), oneEvent(el, 'crm-error')]);
  if (query.phone !== undefined) el.phone = query.phone;
  if (query.email !== undefined) el.email = query.email;
  await done;
  await el.updateComplete;
}

/** A panel showing `response` for a phone lookup. */
export async function panelWith(response: LookupResponse, lang = 'en'): Promise<{ el: CrmCallerPanel; stub: FetchStub }> {
  const stub = stubFetch(() => json(response));
  const el = await idlePanel(lang);
  await lookUp(el, response.query.type === 'email' ? { email: response.query.input } : { phone: response.query.input });
  return { el, stub };
}

export const shadow = (el: CrmCallerPanel): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};

export const $ = <T extends Element = HTMLElement>(el: CrmCallerPanel, selector: string): T | null => shadow(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: CrmCallerPanel, selector: string): T[] => [
  ...shadow(el).querySelectorAll<T>(selector),
];

/** The panel's visible text, whitespace collapsed. */
export const textOf = (el: CrmCallerPanel | Element): string =>
  ((el instanceof HTMLElement && el.shadowRoot ? el.shadowRoot : el).textContent ?? '').replace(/\s+/g, ' ').trim();

/** Polls `check` every few ms until it holds; on time-out the error says what was awaited (and what `seen` last gave). */
export async function until(check: () => boolean, what: string, seen?: () => unknown, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${seen ? ` (last seen: ${JSON.stringify(seen())})` : ''}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The search box inside the panel (`<crm-contact-search>`, from the lazily loaded choice module). */
export const searchBox = (el: CrmCallerPanel): CrmContactSearch | null => $<CrmContactSearch>(el, 'crm-contact-search');

/** An exported part of the search box, from the box's own shadow root. */
export function searchPart<T extends Element = HTMLElement>(el: CrmCallerPanel, part: string): T | null {
  return searchBox(el)?.shadowRoot?.querySelector<T>(`[part~="${part}"]`) ?? null;
}
export function searchParts<T extends Element = HTMLElement>(el: CrmCallerPanel, part: string): T[] {
  return [...(searchBox(el)?.shadowRoot?.querySelectorAll<T>(`[part~="${part}"]`) ?? [])];
}

export const searchStatus = (el: CrmCallerPanel): string => (searchPart(el, 'search-status')?.textContent ?? '').trim();

/** Types `q` into the search box and presses its Search button (no waiting: see `searchFor`). */
export function submitSearch(el: CrmCallerPanel, q: string): void {
  const input = searchPart<HTMLInputElement>(el, 'search-input');
  const submit = searchPart<HTMLButtonElement>(el, 'search-submit');
  if (!input || !submit) throw new Error('the panel shows no search box');
  input.value = q;
  submit.click();
}

/** Searches and waits until the box says what it found (`status`, in the panel's language). */
export async function searchFor(el: CrmCallerPanel, q: string, status: string): Promise<void> {
  // The box is an element of its own: its first render follows the panel's.
  await searchBox(el)?.updateComplete;
  submitSearch(el, q);
  await until(
    () => searchStatus(el) === status,
    `search status "${status}"`,
    () => searchStatus(el),
  );
  await el.updateComplete;
}

/** The panel is accessible in both palettes (leaves it in the dark one). */
export async function accessibleInBothPalettes(el: CrmCallerPanel): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    el.theme = theme;
    await el.updateComplete;
    await expect(el, `theme="${theme}"`).to.be.accessible();
  }
}
