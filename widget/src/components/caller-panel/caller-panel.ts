import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ContactDto, LookupResponse } from '../../../../contract/lookup-api.js';
import { ApiError } from '../../api/api-error.js';
import { fetchLookup, panelCode, type Connection, type LookupQuery } from '../../api/client.js';
import { serviceUrlFromScript } from '../../api/service-url.js';
import { CrmContactSelectedEvent } from '../../events/contact-selected.js';
import { CrmErrorEvent } from '../../events/error.js';
import { CrmLinkOpenedEvent, type CrmLinkKind } from '../../events/link-opened.js';
import { CrmLookupCompletedEvent } from '../../events/lookup-completed.js';
import { resolveLang } from '../../i18n/lang.js';
import { stringsFor, type Lang, type Strings } from '../../i18n/strings.js';
import { styles } from './caller-panel.styles.js';
import { CasePages } from './case-pages.js';
import { caseList } from './views/case-list.js';
import { contactCard } from './views/contact-card.js';
import type { ViewContext } from './views/context.js';
import { backIcon, refreshIcon } from './views/icons.js';
import { picker } from './views/picker.js';
import { anonymousView, displayQuery, errorView, idleView, loadingView, noneView } from './views/states.js';

type Direction = CrmCallerPanel['direction'];
type LookupArgs = readonly [
  serviceUrl: string,
  phone: string,
  email: string,
  direction: Direction | undefined,
  ucc: string,
  apiKey: string,
];

const linkKinds: readonly CrmLinkKind[] = ['contact', 'case', 'field', 'tel', 'mailto'];
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const defaultServiceUrl = serviceUrlFromScript(import.meta.url);

/**
 * Shows who is calling (or e-mailing) from AFAS Profit: the contact card, their cases and "Open in InSite" links,
 * with a designed state for idle, loading, not found, number withheld, several candidates and every error.
 *
 * Events: every event that reports a result (`crm-lookup-completed`, `crm-contact-selected`, `crm-error`) is
 * dispatched after the update that shows that result, so a listener finds the panel as the event describes it.
 * `crm-link-opened` asks the host before the browser follows a link, so it is dispatched during the click (and is
 * cancelable). All go through one method, `emit()`.
 *
 * @tagname crm-caller-panel
 * @summary The caller's AFAS contact card and cases, for contact-center agents.
 *
 * @fires {CrmLookupCompletedEvent} crm-lookup-completed - A lookup answered: `{status, count}`. Dispatched once the answer is on screen.
 * @fires {CrmContactSelectedEvent} crm-contact-selected - The agent chose one of several matching contacts: `{id, name}`. Dispatched once the chosen card is on screen.
 * @fires {CrmLinkOpenedEvent} crm-link-opened - A link is about to open: `{href, kind}`. Dispatched during the click; cancelable: `preventDefault()` stops the navigation.
 * @fires {CrmErrorEvent} crm-error - A lookup, a contact's cases or a page of cases failed: `{code, message, reference?}`. Dispatched once the error is on screen.
 *
 * @csspart base - The panel: a `section` labelled by its title.
 * @csspart header - The title row.
 * @csspart title - The panel's heading ("Caller", "Called contact", "E-mail contact").
 * @csspart cache-note - "As of 40 s ago" on an answer from the service's cache.
 * @csspart refresh-button - Runs the lookup again.
 * @csspart body - The state area (reserved minimum height).
 * @csspart idle - The idle state.
 * @csspart loading - The loading state (a skeleton).
 * @csspart none - The "not found in AFAS" state.
 * @csspart query - The formatted number or address in the "none" state.
 * @csspart anonymous - The "number withheld" state.
 * @csspart error - The error state.
 * @csspart reference - AFAS's log reference in the error state.
 * @csspart retry-button - Retry in the error state.
 * @csspart picker - The ranked list of candidates.
 * @csspart picker-option - One candidate (a button).
 * @csspart back-button - From a chosen candidate back to the list.
 * @csspart contact - The contact card.
 * @csspart contact-name - The contact's name.
 * @csspart organisation - The contact's organisation.
 * @csspart match - What the contact was found by.
 * @csspart insite-link - The "Open in InSite" link.
 * @csspart fields - The list of the service's fields.
 * @csspart field - One field.
 * @csspart field-label - A field's label.
 * @csspart field-value - A field's value.
 * @csspart link - Any other link.
 * @csspart text - A value whose URL was refused (shown as text).
 * @csspart copy-button - Copies a number.
 * @csspart cases - The case list.
 * @csspart case - One case.
 * @csspart case-subject - A case's subject (a link to InSite).
 * @csspart case-date - A case's date.
 * @csspart more-button - Loads the next page of cases.
 * @csspart cases-error - In place of the list when the contact's cases could not be loaded: a message and Retry.
 * @csspart cases-retry-button - Loads the cases alone again ("Refresh", a new lookup, once the list has expired).
 * @csspart status - A case's status badge.
 * @csspart status-new - The badge of a new case (with `status`).
 * @csspart status-open - The badge of an open case (with `status`).
 * @csspart status-closed - The badge of a closed case (with `status`).
 *
 * @cssprop [--crm-panel-background=#ffffff] - Panel background (dark: `#1d1f23`).
 * @cssprop [--crm-panel-color=#1b1d21] - Text colour (dark: `#e6e8eb`).
 * @cssprop [--crm-panel-muted-color=#565c67] - Secondary text (dark: `#a9afb9`).
 * @cssprop [--crm-panel-border-color=#d3d7de] - Borders (dark: `#41454e`).
 * @cssprop [--crm-panel-surface=#f3f5f8] - Hover and skeleton background (dark: `#272a30`).
 * @cssprop [--crm-panel-accent=#0a58a8] - Links and buttons (dark: `#8cbcf5`).
 * @cssprop [--crm-panel-on-accent=#ffffff] - Text on the accent colour (dark: `#0b1a2c`).
 * @cssprop [--crm-panel-focus-color=#0a58a8] - Focus ring (dark: `#8cbcf5`).
 * @cssprop [--crm-panel-danger-color=#b42318] - Error text (dark: `#ffa59b`).
 * @cssprop [--crm-status-new-background=#e3eefb] - "New" badge background (dark: `#17345a`).
 * @cssprop [--crm-status-new-color=#0b4a8c] - "New" badge text (dark: `#cfe3ff`).
 * @cssprop [--crm-status-open-background=#fdf0d9] - "Open" badge background (dark: `#4a3410`).
 * @cssprop [--crm-status-open-color=#744200] - "Open" badge text (dark: `#ffdca3`).
 * @cssprop [--crm-status-closed-background=#eceef1] - "Closed" badge background (dark: `#33363c`).
 * @cssprop [--crm-status-closed-color=#4a4f59] - "Closed" badge text (dark: `#c9cdd4`).
 * @cssprop [--crm-panel-radius=8px] - Corner radius.
 * @cssprop [--crm-panel-padding=1rem] - Inner spacing.
 * @cssprop [--crm-panel-min-height=15rem] - Minimum height of the state area.
 */
export class CrmCallerPanel extends LitElement {
  static override styles = styles;

  private readonly lookup = new Task<LookupArgs, LookupResponse>(this, {
    task: (args, { signal }) => this.runLookup(args, signal),
    args: () =>
      [
        this.serviceUrl || defaultServiceUrl,
        text(this.phone),
        text(this.email),
        this.validDirection,
        text(this.ucc),
        text(this.apiKey),
      ] as const,
    onComplete: (result) => this.lookupCompleted(result),
    onError: (error) => this.lookupFailed(error),
  });
  private readonly casePages = new CasePages(
    this,
    () => this.connection,
    (error) => this.emit(new CrmErrorEvent(this.errorDetail(error))),
  );
  /** Events waiting for the update that shows what they report (see `emit()`). */
  private readonly pendingEvents: Event[] = [];
  private receivedAt = 0;
  private queryKey = '';
  /** Set when a control inside the result started the running lookup: focus returns to the result when it settles. */
  private focusAfterLookup = false;
  private ageTimer: ReturnType<typeof setInterval> | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  @state() private selectedId: string | undefined;
  @state() private pickerIndex = 0;
  @state() private announcement = '';
  @state() private copied: string | undefined;

  /** Base URL of the lookup service; defaults to the folder above the script's `/widget/` folder. */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /** The caller's number as dialled. Setting it starts a lookup; clearing it (and `email`) returns to idle. */
  @property() phone = '';
  /** The sender's e-mail address (used when `phone` is empty). */
  @property() email = '';
  /** `inbound` or `outbound`: sent with phone lookups; it also sets the panel's title. */
  @property() direction: 'inbound' | 'outbound' = 'inbound';
  /** The UCC (queue) that took the call; passed on to the service for its log. */
  @property() ucc = '';
  /** Sent as `Authorization: Bearer <api-key>` when set. */
  @property({ attribute: 'api-key' }) apiKey = '';
  /**
   * The element's own `lang` attribute (`nl` | `en`, regional tags such as `nl-BE` too), so the native `lang` property
   * sets it as well; the page's language applies when absent.
   */
  @property({ attribute: 'lang' }) language = '';
  /** Hides the case list. */
  @property({ attribute: 'no-cases', type: Boolean }) noCases = false;
  /** `light` or `dark` forces a palette; without it the panel follows the system setting. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM while a lookup ran: the disconnect aborted it, so run it again.
    if (this.hasUpdated && this.hasQuery && this.lookup.status !== TaskStatus.COMPLETE) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lookup.abort();
    clearInterval(this.ageTimer);
    clearTimeout(this.copiedTimer);
    this.ageTimer = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The DOM now shows what the waiting events report.
    for (const event of this.pendingEvents.splice(0)) this.dispatchEvent(event);
    this.tickAgeWhileCached();
  }

  /** Runs the current lookup again (the Retry and Refresh buttons do the same). */
  refresh(): void {
    void this.lookup.run();
  }

  private get validDirection(): Direction | undefined {
    return this.direction === 'inbound' || this.direction === 'outbound' ? this.direction : undefined;
  }

  private get activeLang(): Lang {
    return resolveLang(this.language, this);
  }

  private get strings(): Strings {
    return stringsFor(this.activeLang);
  }

  private get connection(): Connection {
    return { serviceUrl: this.serviceUrl || defaultServiceUrl, apiKey: text(this.apiKey) || undefined };
  }

  private async runLookup(
    [serviceUrl, phone, email, direction, ucc, apiKey]: LookupArgs,
    signal: AbortSignal,
  ): Promise<LookupResponse | typeof initialState> {
    this.casePages.reset();
    this.announcement = '';
    const key = `${phone}|${email}|${direction ?? ''}`;
    if (key !== this.queryKey) {
      // A new conversation forgets the candidate chosen for the previous one; a refresh keeps it.
      this.queryKey = key;
      this.selectedId = undefined;
      this.pickerIndex = 0;
    }
    if (!phone && !email) return initialState;
    const query: LookupQuery = phone ? { phone, direction, ucc } : { email, ucc };
    return fetchLookup({ serviceUrl, apiKey: apiKey || undefined }, query, signal);
  }

  private lookupCompleted(result: LookupResponse): void {
    this.receivedAt = Date.now();
    const s = this.strings;
    const first = result.contacts[0];
    this.announcement =
      result.status === 'anonymous'
        ? s.announce.anonymous
        : result.status === 'ambiguous' && result.contacts.length > 1
          ? s.announce.ambiguous(result.contacts.length)
          : first
            ? this.announceContact(first)
            : s.announce.none;
    this.emit(new CrmLookupCompletedEvent({ status: result.status, count: result.contacts.length }));
    // The contact was found without its cases (one cases request serves every contact, so one event is enough).
    const casesError = this.noCases ? undefined : result.contacts.find((c) => c.casesError)?.casesError;
    if (casesError) this.emit(new CrmErrorEvent({ code: panelCode(casesError.code), message: casesError.message }));
    this.restoreFocus();
  }

  private lookupFailed(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return; // aborted on disconnect: not a failure
    this.emit(new CrmErrorEvent(this.errorDetail(this.asApiError(error))));
    this.restoreFocus();
  }

  /** After a lookup started from inside the result (whose controls the loading state removed), focus lands again. */
  private restoreFocus(): void {
    if (!this.focusAfterLookup) return;
    this.focusAfterLookup = false;
    void this.updateComplete.then(() => {
      const target = ['#cases-title', '#contact-name', '[part="retry-button"]', '[part="picker-option"][tabindex="0"]']
        .map((selector) => this.renderRoot.querySelector<HTMLElement>(selector))
        .find((e) => e);
      target?.focus();
    });
  }

  /** The caller's name, and that their cases are missing when the list shows that. */
  private announceContact(contact: ContactDto): string {
    const s = this.strings;
    const said = s.announce.matched(contact.name, contact.organisation);
    if (this.noCases || this.casePages.stateFor(contact).loaded) return said;
    return `${said}${said.endsWith('.') ? '' : '.'} ${s.casesUnavailable}`;
  }

  private asApiError(error: unknown): ApiError {
    return error instanceof ApiError ? error : new ApiError('bad_response', error instanceof Error ? error.message : String(error));
  }

  private errorDetail(error: ApiError): CrmErrorEvent['detail'] {
    return { code: error.code, message: error.message, ...(error.reference ? { reference: error.reference } : {}) };
  }

  /**
   * The one way the panel dispatches its events. An event that reports a result waits for the update that shows it,
   * so a listener that reads the panel finds what the event says. A cancelable event asks the host before something
   * happens (`crm-link-opened`: the browser follows the link unless the host says no), so it is dispatched at once;
   * its return value is false when the host cancelled it.
   */
  private emit(event: Event): boolean {
    if (event.cancelable) return this.dispatchEvent(event);
    this.pendingEvents.push(event);
    this.requestUpdate();
    return true;
  }

  private tickAgeWhileCached(): void {
    const cached = this.hasQuery && this.lookup.status === TaskStatus.COMPLETE && this.lookup.value?.source === 'cache';
    if (cached && !this.ageTimer) this.ageTimer = setInterval(() => this.requestUpdate(), 10_000);
    if (!cached && this.ageTimer) {
      clearInterval(this.ageTimer);
      this.ageTimer = undefined;
    }
  }

  private handleLinkClick(event: MouseEvent): void {
    const a = event.currentTarget;
    if (!(a instanceof HTMLAnchorElement)) return;
    const kind = linkKinds.find((k) => k === a.dataset.kind) ?? 'field';
    if (!this.emit(new CrmLinkOpenedEvent({ href: a.href, kind }))) event.preventDefault();
  }

  private handleRetry(): void {
    this.refresh();
  }

  private handleBack(): void {
    this.selectedId = undefined;
    void this.focusAfterUpdate(`[data-index="${this.pickerIndex}"]`);
  }

  private handlePickerKeydown(event: KeyboardEvent): void {
    const count = this.lookup.value?.contacts.length ?? 0;
    const moves: Record<string, number> = { ArrowDown: this.pickerIndex + 1, ArrowUp: this.pickerIndex - 1, Home: 0, End: count - 1 };
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    this.pickerIndex = (next + count) % count;
    void this.focusAfterUpdate(`[data-index="${this.pickerIndex}"]`);
  }

  private copy(value: string): void {
    const s = this.strings;
    navigator.clipboard.writeText(value).then(
      () => {
        this.copied = value;
        this.announcement = s.copied(value);
        clearTimeout(this.copiedTimer);
        this.copiedTimer = setTimeout(() => (this.copied = undefined), 2000);
      },
      () => (this.announcement = s.copyFailed),
    );
  }

  private choose(contacts: readonly ContactDto[], index: number): void {
    const contact = contacts[index];
    if (!contact) return;
    this.pickerIndex = index;
    this.selectedId = contact.id;
    this.announcement = this.announceContact(contact);
    this.emit(new CrmContactSelectedEvent({ id: contact.id, name: contact.name }));
    void this.focusAfterUpdate('#contact-name');
  }

  private async loadMoreCases(contact: ContactDto): Promise<void> {
    const loaded = await this.casePages.loadMore(contact);
    const after = this.casePages.stateFor(contact);
    // The "more" button goes when the list is complete, or when it expired (Refresh takes its place).
    if (loaded && !after.more) await this.focusAfterUpdate('#cases-title');
    else if (after.error?.code === 'not_found') await this.focusAfterUpdate('[part="cases-retry-button"]');
  }

  /** Retry of a contact's cases: the first page again, or a new lookup once the service no longer knows the list. */
  private async retryCases(contact: ContactDto): Promise<void> {
    const state = this.casePages.stateFor(contact);
    if (state.loading) return;
    if (state.error?.code === 'not_found') {
      this.focusAfterLookup = true;
      this.refresh();
      return;
    }
    if (await this.casePages.loadFirst(contact)) await this.focusAfterUpdate('#cases-title');
  }

  private async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private viewContext(): ViewContext {
    return { s: this.strings, onLinkClick: this.handleLinkClick, onCopy: (value) => this.copy(value), copied: this.copied };
  }

  /** Idle is decided by the inputs, not the task, so clearing them shows idle at once, without a loading flash. */
  private get hasQuery(): boolean {
    return text(this.phone) !== '' || text(this.email) !== '';
  }

  private renderHeader(s: Strings): TemplateResult {
    const result = this.lookup.status === TaskStatus.COMPLETE ? this.lookup.value : undefined;
    const active = this.hasQuery;
    const title = !active ? s.title.idle : text(this.phone) ? s.title[this.validDirection ?? 'inbound'] : s.title.email;
    const age = result?.source === 'cache' ? result.ageSeconds + Math.floor((Date.now() - this.receivedAt) / 1000) : undefined;
    return html`<header class="header" part="header">
      <h2 id="title" class="title" part="title">${title}</h2>
      ${
        active
          ? html`<div class="tools">
              ${age !== undefined ? html`<span part="cache-note">${s.cachedAge(age)}</span>` : nothing}
              <button type="button" class="text-button" part="refresh-button" @click=${this.handleRetry}>
                ${refreshIcon()}${s.refresh}
              </button>
            </div>`
          : nothing
      }
    </header>`;
  }

  private renderContact(ctx: ViewContext, contact: ContactDto, back?: TemplateResult): TemplateResult {
    return html`<div class="result">
      ${contactCard(ctx, contact, back)}
      ${
        this.noCases
          ? nothing
          : caseList(ctx, this.casePages.stateFor(contact), {
              onMore: () => void this.loadMoreCases(contact),
              onRetry: () => void this.retryCases(contact),
            })
      }
    </div>`;
  }

  private renderResult(ctx: ViewContext, result: LookupResponse): TemplateResult {
    const { s } = ctx;
    const { contacts } = result;
    if (result.status === 'anonymous') return anonymousView(s);
    const first = contacts[0];
    if (!first || result.status === 'none') return noneView(s, result);
    if (contacts.length === 1) return this.renderContact(ctx, first);
    const selected = contacts.find((c) => c.id === this.selectedId);
    if (selected) {
      const back = html`<button type="button" class="text-button back" part="back-button" @click=${this.handleBack}>
        ${backIcon()}${s.backToList(contacts.length)}
      </button>`;
      return this.renderContact(ctx, selected, back);
    }
    return picker(ctx, result, {
      active: Math.min(this.pickerIndex, contacts.length - 1),
      onChoose: (i) => this.choose(contacts, i),
      onKeydown: this.handlePickerKeydown,
    });
  }

  override render(): TemplateResult {
    const ctx = this.viewContext();
    const { s } = ctx;
    const phone = text(this.phone);
    const busy = this.hasQuery && this.lookup.status === TaskStatus.PENDING;
    return html`<section class="panel" part="base" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'} lang=${this.activeLang}>
      ${this.renderHeader(s)}
      <div class="body" part="body">
        ${
          this.hasQuery
            ? this.lookup.render({
                initial: () => idleView(s),
                pending: () => loadingView(s, phone ? displayQuery('phone', phone) : text(this.email)),
                complete: (result) => this.renderResult(ctx, result),
                error: (error) => errorView(s, this.asApiError(error), this.handleRetry),
              })
            : idleView(s)
        }
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-caller-panel': CrmCallerPanel;
  }
}
