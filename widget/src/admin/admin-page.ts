import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { serviceUrlFromScript } from '../api/service-url.js';
import { inheritedLang } from '../i18n/inherited-lang.js';
import { adminLanguages, browserAdminLang, toAdminLang, type AdminLang } from './admin-lang.js';
import { styles } from './admin-page.styles.js';
import { adminStringsFor, type AdminStrings } from './admin-strings.js';
import {
  fetchIndexStatus,
  fetchOutcomes,
  fetchQuality,
  fetchQualityCsv,
  fetchRefusedOrigins,
  type AdminConnection,
} from './api/admin-client.js';
import { AdminApiError, isKeyRefused } from './api/admin-error.js';
import type { IndexStatus, QualityAnswer, QualityItem, QualityProblem, QualityReport } from './api/admin-types.js';
import { downloadBlob } from './csv-download.js';
import { CrmLanguageChangedEvent } from './language-changed.js';
import { countByProblem, filterItems, isProblemFilter, pageOf, type ProblemFilter } from './quality-items.js';
import { clockTime } from './time-format.js';
import type { AdminViewContext } from './views/context.js';
import { dataQualityView, qualityMissingView } from './views/data-quality.js';
import { indexStatusView } from './views/index-status.js';
import { outcomesView } from './views/outcomes.js';
import { refusedOriginsView } from './views/refused-origins.js';
import { errorView, loadingView } from './views/section-states.js';
import { signInView } from './views/sign-in.js';

/** An answer tagged with the sign-in it belongs to, so nothing from an earlier sign-in is ever shown. */
interface Stamped<T> {
  session: number;
  value: T;
}

type Phase = 'signed-out' | 'checking' | 'signed-in';

/** Why the key prompt is showing a message. */
type PromptReason =
  { kind: 'refused'; code: 'unauthorized' | 'forbidden' } | { kind: 'failed'; error: AdminApiError } | { kind: 'missing' };

const defaultServiceUrl = serviceUrlFromScript(import.meta.url);
const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';
const asAdminError = (e: unknown): AdminApiError =>
  e instanceof AdminApiError ? e : new AdminApiError('bad_response', e instanceof Error ? e.message : String(e));

/**
 * The contact center admin's page: asks for the admin settings key, then shows the caller index's state, how recent
 * lookups ended per UCC, the origins browsers were refused because CRM_ALLOWED_ORIGINS does not list them, and the
 * data-quality report of the index's last full build, with a CSV download.
 *
 * The key is held in this element's memory only (never in storage, cookies, the URL or the DOM) and sent as
 * `Authorization: Bearer <key>`. A key the service refuses (401/403) brings the prompt back. The index status
 * refreshes itself every `refresh-seconds` while the page is visible; the other sections on Refresh (the refused
 * origins come from `GET status`, which also asks AFAS for its version, so they are not polled).
 *
 * @tagname crm-admin-page
 * @summary Caller index status, lookup outcomes, refused origins and data quality, for the contact center's admin.
 *
 * @fires {CrmLanguageChangedEvent} crm-language-changed - The admin chose a language with the switch: `{lang}`.
 *
 * @csspart base - The page.
 * @csspart sign-in - The key prompt.
 * @csspart key-input - The password field for the key.
 * @csspart key-error - Why the key was not accepted.
 * @csspart index-state - The index's state badge (`data-state` holds the state).
 * @csspart error - A section's error state.
 * @csspart retry-button - Retry in an error state.
 * @csspart insite-link - A contact's InSite link in the data-quality records.
 * @csspart refused-origin - An origin in the refused-origins tables (text, never a link).
 *
 * @cssprop [--crm-admin-background=#ffffff] - Page background (dark: `#1d1f23`).
 * @cssprop [--crm-admin-color=#1b1d21] - Text colour (dark: `#e6e8eb`).
 * @cssprop [--crm-admin-muted-color=#565c67] - Secondary text (dark: `#a9afb9`).
 * @cssprop [--crm-admin-border-color=#d3d7de] - Borders (dark: `#41454e`).
 * @cssprop [--crm-admin-surface=#f3f5f8] - Buttons and notes (dark: `#272a30`).
 * @cssprop [--crm-admin-accent=#0a58a8] - Links, focus and the primary button (dark: `#8cbcf5`).
 * @cssprop [--crm-admin-on-accent=#ffffff] - Text on the accent colour (dark: `#0b1a2c`).
 * @cssprop [--crm-admin-danger-color=#b42318] - Error text (dark: `#ffa59b`).
 */
export class CrmAdminPage extends LitElement {
  static override styles = styles;

  /** The admin key, in memory only; undefined while signed out. */
  private key: string | undefined;
  private session = 0;
  private lastState: IndexStatus['state'] | undefined;
  /** The index's `builtAt` the data-quality report was last fetched for: a new full build brings a new report. */
  private qualityFetchedFor: string | null | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private downloadAbort: AbortController | undefined;
  /** The page of records on screen: `itemPage` clamped to the pages the current report and filter have. */
  private shownPage = 0;
  private listCache:
    | { items: readonly QualityItem[]; filter: ProblemFilter; filtered: readonly QualityItem[]; counts: Record<QualityProblem, number> }
    | undefined;

  private readonly statusTask = this.adminTask(fetchIndexStatus, (answer) => this.statusArrived(answer));
  private readonly outcomesTask = this.adminTask(fetchOutcomes);
  private readonly refusedTask = this.adminTask(fetchRefusedOrigins);
  private readonly qualityTask = this.adminTask(fetchQuality);

  @query('#key') private keyInput?: HTMLInputElement;

  @state() private phase: Phase = 'signed-out';
  @state() private prompt: PromptReason | undefined;
  @state() private announcement = '';
  @state() private updatedAt: number | undefined;
  @state() private filter: ProblemFilter = 'all';
  @state() private itemPage = 0;
  @state() private downloading = false;
  @state() private downloadError: AdminApiError | undefined;

  /** Base URL of the service; defaults to the folder above the script's `/admin/` folder. */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /** `nl`, `en` or `fr` (regional tags too: `fr-BE`); without it the page's language, then the browser's, then Dutch. */
  @property({ attribute: 'lang' }) language = '';
  /** How often the index status refreshes itself while the page is visible. */
  @property({ attribute: 'refresh-seconds', type: Number }) refreshSeconds = 10;
  /** The `fetch` to call the service with (tests pass a stub); default the window's. */
  @property({ attribute: false }) fetcher: typeof fetch | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
    if (this.phase === 'signed-in') this.startAutoRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    this.stopAutoRefresh();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('refreshSeconds') && this.phase === 'signed-in') this.startAutoRefresh();
  }

  /** Fetches the status, the outcomes, the refused origins and the report again (the Refresh button does the same). */
  async refresh(): Promise<void> {
    if (this.phase !== 'signed-in') return;
    this.qualityFetchedFor = undefined; // the status that arrives fetches the report again
    await Promise.all([this.statusTask.run(), this.outcomesTask.run(), this.refusedTask.run()]);
    const status = this.current(this.statusTask);
    if (status && this.updatedAt) {
      const s = this.strings;
      this.announcement = `${s.updatedAt(clockTime(new Date(this.updatedAt), s.locale))}. ${s.index.announce(s.index.states[status.state])}`;
    }
  }

  /** Forgets the key and returns to the prompt. */
  signOut(): void {
    this.leave(undefined);
  }

  private get activeLang(): AdminLang {
    return toAdminLang(this.language) ?? toAdminLang(inheritedLang(this)) ?? browserAdminLang() ?? 'nl';
  }

  private get strings(): AdminStrings {
    return adminStringsFor(this.activeLang);
  }

  private connection(): AdminConnection {
    if (this.key === undefined) throw new DOMException('Signed out', 'AbortError');
    const fetcher = this.fetcher ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    return { serviceUrl: this.serviceUrl || defaultServiceUrl, key: this.key, fetch: fetcher };
  }

  /** A section's request: run by hand, stamped with the sign-in, its failures handled by `requestFailed`. */
  private adminTask<T>(
    call: (conn: AdminConnection, signal: AbortSignal) => Promise<T>,
    onComplete?: (answer: Stamped<T>) => void,
  ): Task<[], Stamped<T>> {
    return new Task<[], Stamped<T>>(this, {
      task: (_args, { signal }) => this.stamped(signal, call),
      autoRun: false,
      ...(onComplete ? { onComplete } : {}),
      onError: (error) => this.requestFailed(error),
    });
  }

  private async stamped<T>(signal: AbortSignal, call: (conn: AdminConnection, signal: AbortSignal) => Promise<T>): Promise<Stamped<T>> {
    const session = this.session;
    const value = await call(this.connection(), signal);
    signal.throwIfAborted();
    return { session, value };
  }

  /** A task's last answer, if it belongs to this sign-in. */
  private current<T>(task: Task<[], Stamped<T>>): T | undefined {
    const answer = task.value;
    return answer && answer.session === this.session && this.key !== undefined ? answer.value : undefined;
  }

  private statusArrived({ session, value: status }: Stamped<IndexStatus>): void {
    if (session !== this.session || this.key === undefined) return;
    const s = this.strings;
    const signingIn = this.phase === 'checking';
    this.updatedAt = Date.now();
    if (signingIn) {
      this.phase = 'signed-in';
      this.prompt = undefined;
      this.startAutoRefresh();
      void this.outcomesTask.run();
      void this.refusedTask.run();
    }
    if (status.state !== this.lastState) {
      const said = s.index.announce(s.index.states[status.state]);
      this.announcement = signingIn ? `${s.signedIn} ${said}` : said;
      this.lastState = status.state;
    }
    if (status.builtAt !== this.qualityFetchedFor && this.qualityTask.status !== TaskStatus.PENDING) {
      this.qualityFetchedFor = status.builtAt;
      void this.qualityTask.run();
    }
    if (signingIn) void this.focusAfterUpdate('#index-title');
  }

  private requestFailed(error: unknown): void {
    if (isAbort(error)) return;
    if (isKeyRefused(error)) {
      this.leave({ kind: 'refused', code: error.code === 'forbidden' ? 'forbidden' : 'unauthorized' });
      return;
    }
    // A failure while checking the key says nothing about the key: back to the prompt, which says what happened.
    if (this.phase === 'checking') this.leave({ kind: 'failed', error: asAdminError(error) }, true);
  }

  /** Back to the key prompt: the key is forgotten, requests stop, and focus goes to the key field. */
  private leave(reason: PromptReason | undefined, keepTypedKey = false): void {
    this.key = undefined;
    this.stopAutoRefresh();
    for (const task of [this.statusTask, this.outcomesTask, this.refusedTask, this.qualityTask]) task.abort();
    this.downloadAbort?.abort();
    this.phase = 'signed-out';
    this.prompt = reason;
    this.lastState = undefined;
    this.qualityFetchedFor = undefined;
    this.updatedAt = undefined;
    this.filter = 'all';
    this.itemPage = 0;
    this.downloadError = undefined;
    this.listCache = undefined;
    this.announcement = reason ? this.promptMessage(reason) : this.strings.signedOut;
    void this.updateComplete.then(() => {
      if (this.keyInput && !keepTypedKey) this.keyInput.value = '';
      this.keyInput?.focus();
    });
  }

  private promptMessage(reason: PromptReason): string {
    const s = this.strings;
    if (reason.kind === 'refused') return s.keyErrors[reason.code];
    if (reason.kind === 'missing') return s.keyMissing;
    return `${s.signInFailed} ${s.errors[reason.error.code]} (${reason.error.message})`;
  }

  private startAutoRefresh(): void {
    this.stopAutoRefresh();
    const ms = this.refreshSeconds * 1000;
    if (ms > 0) this.refreshTimer = setInterval(() => this.refreshStatusIfVisible(), ms);
  }

  private stopAutoRefresh(): void {
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private refreshStatusIfVisible(): void {
    if (document.visibilityState !== 'visible' || this.phase !== 'signed-in') return;
    if (this.statusTask.status === TaskStatus.PENDING) return;
    void this.statusTask.run();
  }

  /** Back on a hidden tab: a status older than the refresh interval is fetched at once. */
  private readonly handleVisibilityChange = (): void => {
    if (Date.now() - (this.updatedAt ?? 0) >= this.refreshSeconds * 1000) this.refreshStatusIfVisible();
  };

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.phase === 'checking') return;
    const key = this.keyInput?.value.trim() ?? '';
    if (!key) {
      this.prompt = { kind: 'missing' };
      this.keyInput?.focus();
      return;
    }
    this.key = key;
    this.session += 1;
    this.phase = 'checking';
    this.prompt = undefined;
    void this.statusTask.run();
  }

  private handleRefresh(): void {
    void this.refresh();
  }

  private handleSignOut(): void {
    this.signOut();
  }

  private chooseLanguage(lang: AdminLang): void {
    if (lang === this.activeLang) return;
    this.setAttribute('lang', lang);
    this.dispatchEvent(new CrmLanguageChangedEvent({ lang }));
  }

  private handleFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isProblemFilter(value)) return;
    this.filter = value;
    this.itemPage = 0;
    void this.announceItems();
  }

  private handlePrevious(): void {
    void this.turnPage(-1);
  }

  private handleNext(): void {
    void this.turnPage(1);
  }

  private async turnPage(delta: number): Promise<void> {
    this.itemPage = this.shownPage + delta;
    await this.announceItems();
    // The button just used is disabled on the first or last page: focus moves to the other one.
    const active = this.renderRoot.querySelector<HTMLButtonElement>(delta < 0 ? '[part="previous-button"]' : '[part="next-button"]');
    if (active?.disabled)
      this.renderRoot.querySelector<HTMLButtonElement>(delta < 0 ? '[part="next-button"]' : '[part="previous-button"]')?.focus();
  }

  private async announceItems(): Promise<void> {
    await this.updateComplete;
    const caption = this.renderRoot.querySelector('[part="items-table"] caption, [part="items-empty"]');
    this.announcement = caption?.textContent?.trim() ?? '';
  }

  private handleDownload(): void {
    void this.downloadCsv();
  }

  private async downloadCsv(): Promise<void> {
    if (this.downloading || this.key === undefined) return;
    const s = this.strings;
    this.downloading = true;
    this.downloadError = undefined;
    this.downloadAbort = new AbortController();
    try {
      const blob = await fetchQualityCsv(this.connection(), this.downloadAbort.signal);
      downloadBlob(blob, 'data-quality.csv');
      this.announcement = s.quality.downloaded;
    } catch (error) {
      if (isKeyRefused(error)) this.requestFailed(error);
      else if (!isAbort(error)) this.downloadError = asAdminError(error);
    } finally {
      this.downloading = false;
    }
  }

  private async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The records of the current filter, filtered once per report and filter (a report may hold 10,000). */
  private listOf(report: QualityReport): NonNullable<CrmAdminPage['listCache']> {
    const cache = this.listCache;
    if (cache?.items === report.items && cache.filter === this.filter) return cache;
    const counts = cache?.items === report.items ? cache.counts : countByProblem(report.items);
    this.listCache = { items: report.items, filter: this.filter, filtered: filterItems(report.items, this.filter), counts };
    return this.listCache;
  }

  private renderSection<T>(ctx: AdminViewContext, task: Task<[], Stamped<T>>, complete: (value: T) => TemplateResult): TemplateResult {
    if (task.status === TaskStatus.ERROR && !isAbort(task.error)) {
      return errorView(ctx, asAdminError(task.error), () => void task.run());
    }
    const value = this.current(task);
    return value === undefined ? loadingView(ctx) : complete(value);
  }

  private renderQuality(ctx: AdminViewContext, answer: QualityAnswer): TemplateResult {
    if (answer.kind === 'missing') return qualityMissingView(ctx, answer.message);
    const list = this.listOf(answer.report);
    const page = pageOf(list.filtered, this.itemPage);
    this.shownPage = page.page;
    return dataQualityView(
      ctx,
      answer.report,
      { filter: this.filter, counts: list.counts, page, downloading: this.downloading, downloadError: this.downloadError },
      { onFilter: this.handleFilter, onPrevious: this.handlePrevious, onNext: this.handleNext, onDownload: this.handleDownload },
    );
  }

  private renderLanguageSwitch(s: AdminStrings): TemplateResult {
    const active = this.activeLang;
    return html`<div class="lang-switch" role="group" aria-label=${s.language}>
      ${adminLanguages.map(
        (lang) =>
          html`<button
            type="button"
            part="language-button"
            lang=${lang}
            aria-pressed=${lang === active ? 'true' : 'false'}
            @click=${() => this.chooseLanguage(lang)}
          >
            ${s.languageNames[lang]}
          </button>`,
      )}
    </div>`;
  }

  private renderDashboard(ctx: AdminViewContext): TemplateResult {
    const { s } = ctx;
    const busy = (task: Task<[], unknown>) => (task.status === TaskStatus.PENDING ? 'true' : 'false');
    return html`<p class="muted updated" part="updated">
        ${this.updatedAt ? s.updatedAt(clockTime(new Date(this.updatedAt), s.locale)) + '. ' : nothing}${s.autoRefresh(this.refreshSeconds)}
      </p>
      <section class="card" part="index" aria-labelledby="index-title" aria-busy=${busy(this.statusTask)}>
        <h2 id="index-title" tabindex="-1">${s.index.title}</h2>
        ${this.renderSection(ctx, this.statusTask, (status) => indexStatusView(ctx, status))}
      </section>
      <section class="card" part="outcomes" aria-labelledby="outcomes-title" aria-busy=${busy(this.outcomesTask)}>
        <h2 id="outcomes-title">${s.outcomes.title}</h2>
        ${this.renderSection(ctx, this.outcomesTask, (outcomes) => outcomesView(ctx, outcomes))}
      </section>
      <section class="card" part="refused-origins" aria-labelledby="refused-title" aria-busy=${busy(this.refusedTask)}>
        <h2 id="refused-title">${s.refused.title}</h2>
        ${this.renderSection(ctx, this.refusedTask, (refused) => refusedOriginsView(ctx, refused))}
      </section>
      <section class="card" part="quality" aria-labelledby="quality-title" aria-busy=${busy(this.qualityTask)}>
        <h2 id="quality-title">${s.quality.title}</h2>
        ${this.renderSection(ctx, this.qualityTask, (answer) => this.renderQuality(ctx, answer))}
      </section>`;
  }

  override render(): TemplateResult {
    const s = this.strings;
    const ctx: AdminViewContext = { s, now: Date.now() };
    const signedIn = this.phase === 'signed-in';
    return html`<div class="page" part="base" lang=${this.activeLang}>
      <header class="top" part="header">
        <h1 id="title">${s.title}</h1>
        <div class="tools">
          ${this.renderLanguageSwitch(s)}
          ${
            signedIn
              ? html`<button type="button" part="refresh-button" @click=${this.handleRefresh}>${s.refresh}</button>
                  <button type="button" part="sign-out-button" @click=${this.handleSignOut}>${s.signOut}</button>`
              : nothing
          }
        </div>
      </header>
      ${
        signedIn
          ? this.renderDashboard(ctx)
          : signInView(
              ctx,
              { checking: this.phase === 'checking', error: this.prompt ? this.promptMessage(this.prompt) : undefined },
              this.handleSubmit,
            )
      }
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-admin-page': CrmAdminPage;
  }
}
