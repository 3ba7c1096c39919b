/**
 * The search box of the caller panel, `<crm-contact-search>`: name, organisation, customer number, e-mail or
 * postcode → at most 10 contacts, best first. Its own module, loaded the first time a panel shows a search (see
 * choice/index.ts), so the bundle does not carry it. Internal to the panel: it hears only `crm-search-chosen` and
 * `crm-search-failed` from it; the panel reports to the host.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ContactDto, SearchResponse } from '../../../../../contract/lookup-api.js';
import { ApiError } from '../../../api/api-error.js';
import { fetchSearch } from '../../../api/choice-client.js';
import type { Connection } from '../../../api/client.js';
import type { ErrorTexts, Lang, Strings } from '../../../i18n/strings.js';
import { labelIn } from '../views/label.js';

/** Letters and digits the service counts; it refuses fewer than 2 (400). */
const significant = (q: string): number => q.replace(/[^\p{L}\p{N}]/gu, '').length;

export class CrmContactSearch extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    label {
      display: block;
      font-weight: 600;
      font-size: 0.875rem;
      margin-bottom: 0.25rem;
    }
    .row {
      display: flex;
      gap: 0.375rem;
    }
    input {
      flex: 1 1 0;
      width: 0;
      min-width: 0;
      font: inherit;
      padding: 0.4rem 0.5rem;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_muted);
      border-radius: max(0px, var(--_radius) - 2px);
    }
    button {
      font: inherit;
      cursor: pointer;
      border-radius: max(0px, var(--_radius) - 2px);
    }
    .submit {
      padding: 0.4rem 0.75rem;
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 600;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .status {
      margin: 0.5rem 0 0;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .error {
      margin: 0.5rem 0 0;
      color: var(--_danger);
    }
    ol {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      display: grid;
      gap: 0.375rem;
    }
    .option {
      display: grid;
      width: 100%;
      text-align: start;
      padding: 0.5rem 0.625rem;
      border: 1px solid var(--_border);
      background: var(--_bg);
      color: var(--_fg);
    }
    .option:hover {
      background: var(--_surface);
    }
    .name {
      font-weight: 600;
      color: var(--_accent);
    }
    .org,
    .match {
      font-size: 0.8125rem;
      color: var(--_muted);
    }
  `;

  @property({ attribute: false }) strings!: Strings;
  @property({ attribute: false }) connection!: Connection;
  /** The panel's language, for labels that come in several (`labels`). */
  @property({ attribute: false }) language: Lang = 'nl';
  /** The panel's error messages (loaded once a search failed). */
  @property({ attribute: false }) errorTexts: ErrorTexts | undefined;

  @state() private result: SearchResponse | undefined;
  @state() private searching = '';
  @state() private error: ApiError | undefined;
  @state() private tooShort = false;
  @query('input') private input!: HTMLInputElement;
  private abort: AbortController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  /** Empties the box and its results (a new conversation). */
  clear(): void {
    this.abort?.abort();
    this.result = undefined;
    this.error = undefined;
    this.tooShort = false;
    this.searching = '';
    if (this.input) this.input.value = '';
  }

  /** Puts the cursor in the box (the panel calls it when the agent opens the search). */
  async focusInput(): Promise<void> {
    await this.updateComplete;
    this.input.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const q = this.input.value.trim();
    this.tooShort = significant(q) < 2;
    if (this.tooShort) {
      this.result = undefined;
      return;
    }
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.searching = q;
    this.error = undefined;
    try {
      this.result = await fetchSearch(this.connection, q, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      const error = e instanceof ApiError ? e : new ApiError('network_error', String(e));
      this.error = error;
      this.result = undefined;
      this.dispatchEvent(new CustomEvent('crm-search-failed', { detail: error }));
    } finally {
      if (this.abort === abort) this.searching = '';
    }
  }

  private choose(contact: ContactDto): void {
    this.dispatchEvent(new CustomEvent<ContactDto>('crm-search-chosen', { detail: contact }));
  }

  private statusText(): string {
    const s = this.strings.search;
    if (this.searching) return s.searching(this.searching);
    if (this.tooShort) return s.tooShort;
    const r = this.result;
    if (!r) return '';
    return r.contacts.length === 0 ? s.none(r.query.input) : s.found(r.contacts.length, r.query.input);
  }

  private option(c: ContactDto): TemplateResult {
    return html`<li>
      <button type="button" class="option" part="search-option" @click=${() => this.choose(c)}>
        <span class="name">${c.name}</span>
        ${c.organisation ? html`<span class="org">${c.organisation}</span>` : nothing}
        <span class="match">${labelIn(c.match, this.language)} · ${c.match.value}</span>
      </button>
    </li>`;
  }

  override render(): TemplateResult {
    const s = this.strings.search;
    const contacts = this.searching ? [] : (this.result?.contacts ?? []);
    return html`<form part="search" role="search" aria-label=${s.heading} @submit=${this.submit}>
        <label for="q">${s.label}</label>
        <div class="row">
          <input
            id="q"
            part="search-input"
            type="search"
            name="q"
            autocomplete="off"
            spellcheck="false"
            enterkeyhint="search"
            maxlength="100"
            placeholder=${s.placeholder}
          />
          <button type="submit" class="submit" part="search-submit">${s.submit}</button>
        </div>
      </form>
      <p class="status" part="search-status" role="status" aria-live="polite">${this.statusText()}</p>
      ${this.error ? html`<p class="error" role="alert">${this.errorTexts?.[this.error.code]}</p>` : nothing}
      ${
        contacts.length
          ? html`<ol part="search-results" aria-label=${s.results}>
              ${contacts.map((c) => this.option(c))}
            </ol>`
          : nothing
      }
      ${contacts.length >= 10 ? html`<p class="status">${s.narrow}</p>` : nothing}`;
  }
}

if (!customElements.get('crm-contact-search')) customElements.define('crm-contact-search', CrmContactSearch);

declare global {
  interface HTMLElementTagNameMap {
    'crm-contact-search': CrmContactSearch;
  }
}
