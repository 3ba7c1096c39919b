/**
 * The admin page under test: answers as the service sends them (typed against the service's own declarations, so the
 * page's types and the service's cannot drift apart), a stubbed service passed in as the page's `fetcher`, and helpers
 * to mount the page and sign in.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { QualityReport as ServiceQualityReport } from '../../../proxy/src/index/data-quality.js';
import type { IndexStatus as ServiceIndexStatus } from '../../../proxy/src/index/caller-index.js';
import type { LookupOutcomes as ServiceLookupOutcomes } from '../../../proxy/src/metrics/lookup-outcomes.js';
import type { CrmAdminPage } from '../../../widget/src/admin/index.js';
import type { IndexStatus, LookupOutcomes, QualityItem, QualityReport } from '../../../widget/src/admin/api/admin-types.js';
import '../../../widget/src/admin/index.js';
import { json } from './fetch-stub.js';
import { insite, serviceUrl } from './fixtures.js';

/** True only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameShapes: [
  Same<IndexStatus, ServiceIndexStatus>,
  Same<LookupOutcomes, ServiceLookupOutcomes>,
  Same<QualityReport, ServiceQualityReport>,
] = [true, true, true];

export { insite, json, serviceUrl };
export const KEY = 'admin-key-0123456789abcdef';

export const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

export const readyStatus = (): IndexStatus => ({
  state: 'ready',
  contacts: 2400,
  values: 4731,
  builtAt: minutesAgo(5),
  refreshedAt: minutesAgo(1),
  refresh: 'incremental',
  refreshSeconds: 60,
});

export const statuses = (): Record<IndexStatus['state'], IndexStatus> => ({
  off: { state: 'off', contacts: 0, values: 0, builtAt: null, refreshedAt: null, refresh: 'incremental', refreshSeconds: 60 },
  building: {
    state: 'building',
    contacts: 0,
    values: 0,
    builtAt: null,
    refreshedAt: null,
    refresh: 'full-rebuilds',
    refreshSeconds: 120,
    progress: { contactsRead: 1200, pages: 2 },
  },
  ready: readyStatus(),
  stale: { ...readyStatus(), state: 'stale', refreshedAt: minutesAgo(180) },
  failed: {
    state: 'failed',
    contacts: 0,
    values: 0,
    builtAt: null,
    refreshedAt: null,
    refresh: 'incremental',
    refreshSeconds: 60,
    lastError: { code: 'upstream_unavailable', message: 'AFAS could not be reached', at: minutesAgo(2) },
  },
});

export const outcomes = (): LookupOutcomes => ({
  since: minutesAgo(600),
  hours: 24,
  uccs: [
    { ucc: '(none)', matched: 1, ambiguous: 0, none: 1, anonymous: 0 },
    { ucc: 'helpdesk', matched: 6, ambiguous: 1, none: 3, anonymous: 2 },
  ],
});

const problems: QualityItem['problem'][] = ['unparseable', 'shared', 'no-phone-or-email'];

/** `n` records: problems in turn, every tenth one without a link. */
export function items(n: number): QualityItem[] {
  return Array.from({ length: n }, (_, i) => {
    const problem = problems[i % 3];
    const contactId = String(1000 + i);
    return {
      contactId,
      field: problem === 'no-phone-or-email' ? '' : problem === 'shared' ? 'MailWork' : 'TelWork',
      problem,
      ...(i % 10 === 9 ? {} : { link: `${insite}/contactpersoon-prs?CdId=${contactId}` }),
    };
  });
}

export const report = (itemList: QualityItem[] = items(120), truncated = false): QualityReport => ({
  builtAt: readyStatus().builtAt!,
  contacts: 2310,
  phoneValues: 2772,
  parsed: 1442,
  unparseable: 1330,
  shared: 413,
  contactsWithoutPhoneOrEmail: 45,
  fields: [
    { field: 'TelWork', label: 'Telefoon werk', kind: 'phone', values: 1497, parsed: 781, unparseable: 716 },
    { field: 'MailWork', label: 'E-mail werk', kind: 'email', values: 1582, parsed: 1582, unparseable: 0 },
  ],
  items: itemList,
  truncated,
});

export const errorBody = (code: string, message = `service says ${code}`) => ({ error: { code, message } });

export type Endpoint = 'index' | 'outcomes' | 'data-quality' | 'csv' | 'status';
export type Answer = Response | Promise<Response> | (() => Response | Promise<Response>);

export interface ServiceRequest {
  endpoint: Endpoint;
  url: URL;
  headers: Headers;
}

/** A stubbed service: answers per endpoint (changeable during a test), 401 for any other key, a log of requests. */
export class FakeService {
  readonly requests: ServiceRequest[] = [];
  answers: Record<Endpoint, Answer> = {
    index: () => json(readyStatus()),
    outcomes: () => json(outcomes()),
    'data-quality': () => json(report()),
    csv: () =>
      new Response('contactId,field,problem,link\r\n1000,TelWork,unparseable,\r\n', {
        headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      }),
    // The page reads only refusedOrigins from the status.
    status: () => json({ refusedOrigins: { framing: [], cors: [] } }),
  };

  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const path = url.pathname.replace(new URL(serviceUrl).pathname, '');
    const endpoint: Endpoint | undefined =
      path === '/api/v1/index'
        ? 'index'
        : path === '/api/v1/outcomes'
          ? 'outcomes'
          : path === '/api/v1/data-quality'
            ? headers.get('Accept') === 'text/csv'
              ? 'csv'
              : 'data-quality'
            : path === '/api/v1/status'
              ? 'status'
              : undefined;
    if (!endpoint) return Promise.resolve(json(errorBody('not_found', 'No such endpoint'), 404));
    this.requests.push({ endpoint, url, headers });
    if (headers.get('Authorization') !== `Bearer ${KEY}`) return Promise.resolve(json(errorBody('unauthorized'), 401));
    const answer = this.answers[endpoint];
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(typeof answer === 'function' ? answer() : answer).then(resolve, reject);
    });
  };

  count(endpoint: Endpoint): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }
}

export async function mountAdmin(service: FakeService, lang = 'en', refreshSeconds = 0): Promise<CrmAdminPage> {
  return fixture<CrmAdminPage>(
    html`<crm-admin-page
      service-url=${serviceUrl}
      lang=${lang}
      refresh-seconds=${refreshSeconds}
      .fetcher=${service.fetch}
    ></crm-admin-page>`,
  );
}

export const root = (el: CrmAdminPage): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
export const $ = <T extends Element = HTMLElement>(el: CrmAdminPage, selector: string): T | null => root(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: CrmAdminPage, selector: string): T[] => [...root(el).querySelectorAll<T>(selector)];
export const textOf = (node: Element | ShadowRoot | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const pageText = (el: CrmAdminPage): string => textOf(root(el));

/** Types the key and submits the form (as pressing Enter does). */
export async function submitKey(el: CrmAdminPage, key: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '#key')!;
  input.value = key;
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await el.updateComplete;
}

/** Signs in and waits until all three sections have their answer on screen. */
export async function signIn(el: CrmAdminPage, key = KEY): Promise<void> {
  await submitKey(el, key);
  await waitUntil(() => $(el, '[part="index"]') && $$(el, 'section[aria-busy="true"]').length === 0, 'the dashboard did not settle');
  await el.updateComplete;
}

export async function signedInAdmin(service = new FakeService(), lang = 'en'): Promise<{ el: CrmAdminPage; service: FakeService }> {
  const el = await mountAdmin(service, lang);
  await signIn(el);
  return { el, service };
}

/** Makes the document report `state` and tells listeners, as switching tabs does; `undefined` restores the real one. */
export function setVisibility(state: DocumentVisibilityState | undefined): void {
  if (state === undefined) delete (document as unknown as Record<string, unknown>).visibilityState;
  else Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}
