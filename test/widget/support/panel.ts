import { fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { LookupResponse } from '../../../contract/lookup-api.js';
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
