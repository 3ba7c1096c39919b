import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ContactDto, LookupResponse } from '../../../../contract/lookup-api.js';
import { ApiError } from '../../api/api-error.js';
import type { PickCaller } from '../../api/choice-client.js';
import { fetchLookup, panelCode, type Connection, type LookupQuery } from '../../api/client.js';
import { serviceUrlFromScript } from '../../api/service-url.js';
import { CrmContactSelectedEvent } from '../../events/contact-selected.js';
import { CrmErrorEvent } from '../../events/error.js';
import { CrmLinkOpenedEvent, type CrmLinkKind } from '../../events/link-opened.js';
import { CrmLookupCompletedEvent } from '../../events/lookup-completed.js';
import { CrmPickRememberedEvent } from '../../events/pick-remembered.js';
import { resolveLang } from '../../i18n/lang.js';
import { loadErrorTexts, loadStrings, loadedErrorTexts, loadedStrings, type Lang, type Strings } from '../../i18n/strings.js';
import { styles } from './caller-panel.styles.js';
import { CasePages } from './case-pages.js';
import { ModuleLoads } from './module-loads.js';
import type * as ChoiceModule from './choice/index.js';
import { caseList } from './views/case-list.js';
import { contactCard, contactFields } from './views/contact-card.js';
import type { ViewContext } from './views/context.js';
import { header } from './views/header.js';
import { backIcon, searchIcon } from './views/icons.js';
import { displayQuery, idleView, loadingView, unreachableView } from './views/states.js';

type Direction = CrmCallerPanel['direction'];
type LookupArgs = readonly [
  serviceUrl: string,
  phone: string,
  email: string,
  direction: Direction | undefined,
  ucc: string,
  apiKey: string,
];

const linkKinds: readonly CrmLinkKind[] = ['contact', 'case', 'field', 'tel', 'mailto', 'new-contact'];
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const defaultServiceUrl = serviceUrlFromScript(import.meta.url);
type Choice = typeof ChoiceModule;
type PickControl = InstanceType<Choice['PickControl']>;
/** The picker, picks and search box are one module, loaded once, the first time any panel needs it. */
let choiceModule: Promise<Choice> | undefined;
const loadChoice = (): Promise<Choice> =>
  (choiceModule ??= import('./choice/index.js').catch((e: unknown) => {
    choiceModule = undefined;
    throw e;
  }));

/**
 * Shows who is calling (or e-mailing) from AFAS Profit: the contact card, their cases and "Open in InSite" links,
 * with a designed state for idle, loading, not found, number withheld, several candidates and every error. When the
 * number does not tell, the agent searches AFAS (name, organisation, customer number, e-mail, postcode) and can have
 * the team remember the chosen contact for the number.
 *
 * Events: every event that reports a result (`crm-lookup-completed`, `crm-contact-selected`, `crm-pick-remembered`,
 * `crm-error`) is dispatched after the update that shows that result, so a listener finds the panel as the event
 * describes it. `crm-link-opened` asks the host before the browser follows a link, so it is dispatched during the
 * click (and is cancelable). All go through one method, `emit()`.
 *
 * The texts of each language and the search box are modules of their own, loaded when first used;
 * `updateComplete` waits for them.
 *
 * @tagname crm-caller-panel
 * @summary The caller's AFAS contact card and cases, for contact-center agents.
 *
 * @fires {CrmLookupCompletedEvent} crm-lookup-completed - A lookup answered: `{status, count}`. Dispatched once the answer is on screen.
 * @fires {CrmContactSelectedEvent} crm-contact-selected - The agent chose a contact, from the candidates or from a search: `{id, name}`. Dispatched once the chosen card is on screen.
 * @fires {CrmPickRememberedEvent} crm-pick-remembered - The team now remembers (or, with `remembered: false`, forgot) the agent's pick for this number or address: `{phone?, email?, contactId, name, remembered}`. Dispatched once the panel shows it.
 * @fires {CrmLinkOpenedEvent} crm-link-opened - A link is about to open: `{href, kind}`. Dispatched during the click; cancelable: `preventDefault()` stops the navigation.
 * @fires {CrmErrorEvent} crm-error - A lookup, a contact's cases, a page of cases, a search or a pick failed: `{code, message, reference?}`. Dispatched once the error is on screen.
 *
 * @csspart base - The panel: a `section` labelled by its title.
 * @csspart header - The header (sticky): the title row and the caller's line.
 * @csspart title - The panel's heading ("Caller", "Called contact", "E-mail contact").
 * @csspart cache-note - "As of 40 s ago" on an answer from the service's cache.
 * @csspart search-toggle - Opens (or closes) the search box in any state.
 * @csspart refresh-button - Runs the lookup again (disabled while it runs).
 * @csspart caller - The caller's line in the header: the shown contact's name and the number or address.
 * @csspart caller-name - The shown contact's name in the header.
 * @csspart caller-number - The caller's number (formatted) or address, with a copy button, in every state.
 * @csspart body - The state area (reserved minimum height).
 * @csspart idle - The idle state.
 * @csspart loading - The loading state (a skeleton).
 * @csspart none - The "not found in AFAS" state.
 * @csspart query - The formatted number or address in the "none" state.
 * @csspart anonymous - The "number withheld" state.
 * @csspart error - The error state.
 * @csspart reference - AFAS's log reference in the error state.
 * @csspart retry-button - Retry in the error state (disabled, counting down, while AFAS asked for a pause).
 * @csspart picker - The ranked list of candidates.
 * @csspart picker-option - One candidate (a button).
 * @csspart search-more - "Someone else? Search AFAS" under the candidates.
 * @csspart back-button - From a chosen candidate back to the list, or from a search result back to the results.
 * @csspart search - The search form.
 * @csspart search-input - The search box.
 * @csspart search-submit - The search button.
 * @csspart search-status - What the search found ("2 contacts found for …"), or that it runs.
 * @csspart search-results - The list of contacts found.
 * @csspart search-option - One contact found (a button).
 * @csspart new-contact-link - "New relation in InSite" (with the InsiteNewContactUrl setting).
 * @csspart contact - The contact card.
 * @csspart contact-name - The contact's name.
 * @csspart organisation - The contact's organisation.
 * @csspart match - What the contact was found by.
 * @csspart pick - The row about the team's pick under the contact's name.
 * @csspart remembered - "Remembered for this number on …" on the team's pick.
 * @csspart remember-button - Has the team remember the chosen contact for this number or address.
 * @csspart forget-button - Makes the team forget the pick.
 * @csspart not-caller-button - "Not this caller?": from the remembered contact to the candidates, or to the search.
 * @csspart insite-link - The "Open in InSite" link.
 * @csspart fields - The list of the service's fields.
 * @csspart field - One field.
 * @csspart field-label - A field's label.
 * @csspart field-value - A field's value.
 * @csspart link - Any other link.
 * @csspart text - A value whose URL was refused (shown as text).
 * @csspart copy-button - Copies a number.
 * @csspart cases - The case list.
 * @csspart cases-count - "3 open · 12 total" next to the list's heading.
 * @csspart cases-loading - "Loading cases…" while the cases follow the contact (a slow AFAS).
 * @csspart case - One case.
 * @csspart case-subject - A case's subject (a link to InSite).
 * @csspart case-date - A case's date.
 * @csspart more-button - Loads the next page of cases.
 * @csspart cases-error - In place of the list when the contact's cases could not be loaded: a message and Retry.
 * @csspart cases-retry-button - Loads the cases alone again ("Refresh", a new lookup, once the list has expired).
 * @csspart status - A case's status badge (in the panel's language).
 * @csspart status-new - The badge of a new case (with `status`).
 * @csspart status-open - The badge of an open case (with `status`).
 * @csspart status-closed - The badge of a closed case (with `status`).
 * @csspart status-label - AFAS's own name for the status, next to the badge when it says something else.
 *
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
  private pauseTimer: ReturnType<typeof setInterval> | undefined;
  /** Epoch ms until which AFAS asked for a pause (the failed lookup's Retry-After). */
  private retryAt = 0;
  /** Modules being loaded (texts, the choice module, error messages): `updateComplete` and the events wait for them. */
  private readonly modules = new ModuleLoads(this);
  private picks: PickControl | undefined;
  /** The conversation's last answer: it decides whether the search box stays while a refresh runs. */
  private lastAnswer: LookupResponse | undefined;

  @state() private texts: Strings | undefined;
  @state() private choice: Choice | undefined;
  @state() private selectedId: string | undefined;
  @state() private pickerIndex = 0;
  @state() private announcement = '';
  @state() private copied: string | undefined;
  /** "Not this caller?" on a remembered contact: the candidates are shown again. */
  @state() private listRequested = false;
  /** The search box is open on top of an answer (it is always there for none and withheld). */
  @state() private searchOpen = false;
  /** A contact the agent opened from the search results. */
  @state() private searchChosen: ContactDto | undefined;
  /** A search failed: its message needs the error texts. */
  @state() private searchFailed = false;

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
   * The element's own `lang` attribute (`nl` | `en` | `fr`, regional tags such as `nl-BE` and `fr-BE` too), so the
   * native `lang` property sets it as well; the page's language applies when absent.
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
    clearInterval(this.pauseTimer);
    clearTimeout(this.copiedTimer);
    this.ageTimer = undefined;
    this.pauseTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const lang = this.activeLang;
    const texts = loadedStrings(lang);
    if (texts) this.texts = texts;
    else
      this.modules.load(
        `texts-${lang}`,
        () => loadStrings(lang),
        () => undefined,
      );
    if (!this.choice && this.needsChoice) this.modules.load('choice', loadChoice, (choice) => this.useChoice(choice));
    const failed = this.hasQuery && (this.lookup.status === TaskStatus.ERROR || this.searchFailed);
    if (failed && !loadedErrorTexts(lang))
      this.modules.load(
        `errors-${lang}`,
        () => loadErrorTexts(lang),
        () => undefined,
      );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The DOM now shows what the waiting events report (once the modules it needs have loaded).
    if (this.texts && !this.modules.busy) for (const event of this.pendingEvents.splice(0)) this.dispatchEvent(event);
    this.tickAgeWhileCached();
  }

  /** Resolves once the panel shows its current state, with the modules it needs (its language, the choices). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.modules.busy) {
      await this.modules.settled();
      done = await super.getUpdateComplete();
    }
    return done;
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

  /** The texts shown: the active language's once loaded, the previous language's until then. */
  private get strings(): Strings {
    return this.texts ?? (loadedStrings(this.activeLang) as Strings);
  }

  /** Anything but one contact AFAS found by itself needs the choice module: the picker, a pick, the search, an error. */
  private get needsChoice(): boolean {
    if (this.hasQuery && this.lookup.status === TaskStatus.ERROR) return true; // the error state is in it too
    const answer = this.answer;
    if (!answer) return false;
    const only = answer.status === 'matched' && answer.contacts.length === 1 ? answer.contacts[0] : undefined;
    return this.searchOpen || !only || !!only.match.remembered;
  }

  /** The choice module arrived: its pick control and its styles join the panel. */
  private useChoice(choice: Choice): void {
    this.picks = new choice.PickControl(
      this,
      () => this.connection,
      (detail) => {
        const { pick } = this.strings;
        this.announcement = (detail.remembered ? pick.announceRemembered : pick.announceForgotten)(detail.name);
        this.emit(new CrmPickRememberedEvent(detail));
        // The pressed button was replaced by its opposite: focus goes there, not to the page.
        void this.focusAfterUpdate(detail.remembered ? '[part="forget-button"]' : '[part="remember-button"]');
      },
      (error) => this.emit(new CrmErrorEvent(this.errorDetail(error))),
    );
    const root = this.renderRoot;
    const sheet = choice.choiceStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.choice = choice;
  }

  private get connection(): Connection {
    return { serviceUrl: this.serviceUrl || defaultServiceUrl, apiKey: text(this.apiKey) || undefined };
  }

  private get answer(): LookupResponse | undefined {
    return this.hasQuery && this.lookup.status === TaskStatus.COMPLETE ? this.lookup.value : undefined;
  }

  /** None and withheld answers show the search box by themselves. */
  private get inlineSearch(): boolean {
    const status = this.answer?.status;
    return status === 'none' || status === 'anonymous';
  }

  /** Whom a pick is remembered for: the conversation's number or address (none for a withheld number). */
  private get pickCaller(): PickCaller | undefined {
    if (this.answer?.status === 'anonymous') return undefined;
    const phone = text(this.phone);
    const email = text(this.email);
    return phone ? { phone } : email ? { email } : undefined;
  }

  private async runLookup(
    [serviceUrl, phone, email, direction, ucc, apiKey]: LookupArgs,
    signal: AbortSignal,
  ): Promise<LookupResponse | typeof initialState> {
    this.casePages.reset();
    this.modules.retryFailed();
    this.announcement = '';
    const key = `${phone}|${email}|${direction ?? ''}`;
    if (key !== this.queryKey) {
      // A new conversation forgets what the agent chose, opened and searched for the previous one; a refresh keeps it.
      this.queryKey = key;
      this.selectedId = undefined;
      this.pickerIndex = 0;
      this.listRequested = false;
      this.searchOpen = false;
      this.searchChosen = undefined;
      this.picks?.reset();
      this.lastAnswer = undefined;
      this.renderRoot.querySelector('crm-contact-search')?.clear();
    }
    if (!phone && !email) return initialState;
    const query: LookupQuery = phone ? { phone, direction, ucc } : { email, ucc };
    return fetchLookup({ serviceUrl, apiKey: apiKey || undefined }, query, signal);
  }

  private lookupCompleted(result: LookupResponse): void {
    this.lastAnswer = result;
    this.receivedAt = Date.now();
    this.retryAt = 0;
    const s = this.strings;
    const first = result.contacts[0];
    this.announcement =
      result.status === 'anonymous'
        ? s.announce.anonymous
        : result.status === 'ambiguous' && result.contacts.length > 1 && !first?.match.remembered
          ? s.announce.ambiguous(result.contacts.length)
          : first
            ? this.announceContact(first)
            : s.announce.none;
    this.emit(new CrmLookupCompletedEvent({ status: result.status, count: result.contacts.length }));
    // The contact was found without its cases (one cases request serves every contact, so one event is enough).
    const casesError = this.noCases ? undefined : result.contacts.find((c) => c.casesError)?.casesError;
    if (casesError) this.emit(new CrmErrorEvent({ code: panelCode(casesError.code), message: casesError.message }));
    const shown = this.shownContact(result);
    if (shown) this.followCases(shown);
    this.restoreFocus();
  }

  private lookupFailed(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return; // aborted on disconnect: not a failure
    const apiError = this.asApiError(error);
    this.retryAt = apiError.retryAfterSeconds ? Date.now() + apiError.retryAfterSeconds * 1000 : 0;
    this.tickPause();
    this.emit(new CrmErrorEvent(this.errorDetail(apiError)));
    this.restoreFocus();
  }

  /** Cases that follow the contact (a slow AFAS: `casesPending`) are fetched for the contact on screen. */
  private followCases(contact: ContactDto): void {
    if (contact.casesPending && !this.noCases) void this.casePages.loadFirst(contact, false);
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
    if (this.noCases || !this.casePages.stateFor(contact).error) return said;
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
    const cached = this.answer?.source === 'cache';
    if (cached && !this.ageTimer) this.ageTimer = setInterval(() => this.requestUpdate(), 10_000);
    if (!cached && this.ageTimer) {
      clearInterval(this.ageTimer);
      this.ageTimer = undefined;
    }
  }

  /** Seconds left of AFAS's pause; Retry counts them down. */
  private get pauseLeft(): number {
    return Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
  }

  private tickPause(): void {
    clearInterval(this.pauseTimer);
    this.pauseTimer = setInterval(() => {
      this.requestUpdate();
      if (this.pauseLeft > 0) return;
      clearInterval(this.pauseTimer);
      this.pauseTimer = undefined;
    }, 1000);
  }

  private handleLinkClick(event: MouseEvent): void {
    const a = event.currentTarget;
    if (!(a instanceof HTMLAnchorElement)) return;
    const kind = linkKinds.find((k) => k === a.dataset.kind) ?? 'field';
    if (!this.emit(new CrmLinkOpenedEvent({ href: a.href, kind }))) event.preventDefault();
  }

  private handleRetry(): void {
    if (this.lookup.status === TaskStatus.PENDING) return; // Refresh is disabled while the lookup runs
    this.refresh();
  }

  private handleBack(): void {
    this.selectedId = undefined;
    this.listRequested = true;
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
    this.opened(contact);
  }

  /** A contact the agent chose (from the candidates or the search results) is on screen: say so, tell the host. */
  private opened(contact: ContactDto): void {
    this.announcement = this.announceContact(contact);
    this.followCases(contact);
    this.emit(new CrmContactSelectedEvent({ id: contact.id, name: contact.name }));
    void this.focusAfterUpdate('#contact-name');
  }

  private toggleSearch(): void {
    this.searchOpen = !this.searchOpen;
    this.searchChosen = undefined;
    if (this.searchOpen) void this.focusSearch();
    else void this.focusAfterUpdate('[part="search-toggle"]');
  }

  private async focusSearch(): Promise<void> {
    await this.updateComplete;
    await this.renderRoot.querySelector('crm-contact-search')?.focusInput();
  }

  private searchChosenFor(contact: ContactDto): void {
    this.searchChosen = contact;
    this.opened(contact);
  }

  private searchFailedWith(error: ApiError): void {
    this.searchFailed = true;
    this.emit(new CrmErrorEvent(this.errorDetail(error)));
  }

  private backToSearch(): void {
    this.searchChosen = undefined;
    void this.focusSearch();
  }

  /** "Not this caller?": back to the candidates when the number has several, else to the search. */
  private notThisCaller(result: LookupResponse): void {
    if (result.contacts.length > 1) {
      this.selectedId = undefined;
      this.listRequested = true;
      void this.focusAfterUpdate('[part="picker-option"][tabindex="0"]');
      return;
    }
    this.searchOpen = true;
    void this.focusSearch();
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

  private viewContext(s: Strings): ViewContext {
    return { s, lang: this.activeLang, onLinkClick: this.handleLinkClick, onCopy: (value) => this.copy(value), copied: this.copied };
  }

  /** Idle is decided by the inputs, not the task, so clearing them shows idle at once, without a loading flash. */
  private get hasQuery(): boolean {
    return text(this.phone) !== '' || text(this.email) !== '';
  }

  /** The remembered contact of a number several contacts share opens by itself, until "Not this caller?". */
  private opensRemembered(result: LookupResponse): boolean {
    return result.contacts.length > 1 && !!result.contacts[0]?.match.remembered && !this.listRequested && this.selectedId === undefined;
  }

  /** The contact the body shows, if it shows one (the header repeats its name, which stays in view). */
  private shownContact(result: LookupResponse): ContactDto | undefined {
    if (this.searchChosen) return this.searchChosen;
    if (this.searchOpen || result.status === 'none' || result.status === 'anonymous') return undefined;
    const { contacts } = result;
    if (contacts.length === 1 || this.opensRemembered(result)) return contacts[0];
    return contacts.find((c) => c.id === this.selectedId);
  }

  private renderHeader(ctx: ViewContext): TemplateResult {
    const { s } = ctx;
    const result = this.answer;
    const active = this.hasQuery;
    const phone = text(this.phone);
    const caller = result?.status === 'anonymous' ? '' : phone ? displayQuery('phone', phone) : text(this.email);
    return header(ctx, {
      title: !active ? s.title.idle : phone ? s.title[this.validDirection ?? 'inbound'] : s.title.email,
      active,
      busy: active && this.lookup.status === TaskStatus.PENDING,
      ageSeconds: result?.source === 'cache' ? result.ageSeconds + Math.floor((Date.now() - this.receivedAt) / 1000) : undefined,
      searchOpen: result && !this.inlineSearch ? this.searchOpen : undefined,
      callerName: result && this.shownContact(result)?.name,
      caller,
      copy: { value: phone || caller, label: phone ? s.number : s.emailAddress },
      onToggleSearch: () => this.toggleSearch(),
      onRefresh: () => this.handleRetry(),
    });
  }

  /** Remembered / Remember / Forget / Not this caller, on a contact the agent chose or the team remembered. */
  private pickRow(ctx: ViewContext, contact: ContactDto, result: LookupResponse, chosen: boolean): TemplateResult | typeof nothing {
    const caller = this.pickCaller;
    const { choice, picks } = this;
    if (!caller || !choice || !picks) return nothing;
    return choice.pickRow(ctx, { contact, caller, picks, chosen, onNotCaller: () => this.notThisCaller(result) });
  }

  private renderContact(
    ctx: ViewContext,
    result: LookupResponse,
    contact: ContactDto,
    chosen: boolean,
    back?: TemplateResult,
  ): TemplateResult {
    return html`<div class="result">
      ${contactCard(ctx, contact, back, this.pickRow(ctx, contact, result, chosen))}
      ${
        this.noCases
          ? nothing
          : caseList(ctx, this.casePages.stateFor(contact), {
              onMore: () => void this.loadMoreCases(contact),
              onRetry: () => void this.retryCases(contact),
            })
      }
      ${contactFields(ctx, contact)}
    </div>`;
  }

  private backButton(label: string, onClick: () => void): TemplateResult {
    return html`<button type="button" class="text-button back" part="back-button" @click=${onClick}>${backIcon()}${label}</button>`;
  }

  private renderResult(ctx: ViewContext, result: LookupResponse): TemplateResult {
    const { s } = ctx;
    const { contacts } = result;
    const first = contacts[0];
    const { choice } = this;
    const waiting = (): TemplateResult =>
      this.modules.failed('choice')
        ? unreachableView(s, () => this.handleRetry())
        : loadingView(s, displayQuery(result.query.type, result.query.input));
    if (result.status === 'anonymous') return choice ? choice.anonymousView(s) : waiting();
    if (!first || result.status === 'none')
      return choice ? choice.noneView(s, displayQuery(result.query.type, result.query.input)) : waiting();
    if (contacts.length === 1) return this.renderContact(ctx, result, first, false);
    if (this.opensRemembered(result)) return this.renderContact(ctx, result, first, false);
    const selected = contacts.find((c) => c.id === this.selectedId);
    if (selected) return this.renderContact(ctx, result, selected, true, this.backButton(s.backToList(contacts.length), this.handleBack));
    if (!choice) return waiting();
    return html`${choice.picker(ctx, result, {
        active: Math.min(this.pickerIndex, contacts.length - 1),
        onChoose: (i) => this.choose(contacts, i),
        onKeydown: this.handlePickerKeydown,
      })}
      <button type="button" class="text-button more-search" part="search-more" @click=${this.toggleSearch}>
        ${searchIcon('icon')}${s.search.openLong}
      </button>`;
  }

  /** The answer, with the search box under it when it is open (always for none and withheld). */
  private renderAnswer(ctx: ViewContext, result: LookupResponse): TemplateResult {
    const { s } = ctx;
    const chosen = this.searchChosen;
    if (chosen) return this.renderContact(ctx, result, chosen, true, this.backButton(s.search.back, this.backToSearch));
    return this.searchOpen ? html`<h3 class="state-heading">${s.search.heading}</h3>` : this.renderResult(ctx, result);
  }

  /**
   * The search box under the answer, while it is open (always for none and withheld). It stays in the DOM while a
   * chosen result or a refresh is shown, so "back" finds the results as they were; a new conversation clears it.
   */
  private renderSearch(ctx: ViewContext): TemplateResult | typeof nothing {
    const last = this.lastAnswer;
    const { choice } = this;
    if (!last || !choice || !(this.searchOpen || last.status === 'none' || last.status === 'anonymous')) return nothing;
    return choice.searchArea(ctx, {
      shown: !this.searchChosen && this.lookup.status === TaskStatus.COMPLETE,
      connection: this.connection,
      errorTexts: loadedErrorTexts(ctx.lang),
      newContactLink: last.newContactLink,
      onChosen: (contact) => this.searchChosenFor(contact),
      onFailed: (error) => this.searchFailedWith(error),
    });
  }

  override render(): TemplateResult {
    const texts = this.texts;
    const busy = this.hasQuery && this.lookup.status === TaskStatus.PENDING;
    if (!texts) return html`<section class="panel" part="base" aria-busy="true"><div class="body" part="body"></div></section>`;
    const ctx = this.viewContext(texts);
    const { s } = ctx;
    const phone = text(this.phone);
    return html`<section class="panel" part="base" aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'} lang=${ctx.lang}>
      ${this.renderHeader(ctx)}
      <div class="body" part="body">
        ${
          this.hasQuery
            ? this.lookup.render({
                initial: () => idleView(s),
                pending: () => loadingView(s, phone ? displayQuery('phone', phone) : text(this.email)),
                complete: (result) => this.renderAnswer(ctx, result),
                error: (error) =>
                  this.choice
                    ? this.choice.errorView(s, loadedErrorTexts(ctx.lang), this.asApiError(error), () => this.handleRetry(), this.pauseLeft)
                    : this.modules.failed('choice')
                      ? unreachableView(s, () => this.handleRetry())
                      : nothing,
              })
            : idleView(s)
        }
        ${this.hasQuery ? this.renderSearch(ctx) : nothing}
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
