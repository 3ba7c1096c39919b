import { html, nothing, type TemplateResult } from 'lit';
import type { LookupResponse, QueryType } from '../../../../../contract/lookup-api.js';
import type { ApiError } from '../../../api/api-error.js';
import { formatPhone } from '../../../format/phone.js';
import type { Strings } from '../../../i18n/strings.js';
import { alertIcon, hiddenIcon, phoneIcon, searchIcon } from './icons.js';

/** The query as the agent should read it: a phone number formatted, an e-mail address as typed. */
export const displayQuery = (type: QueryType, input: string): string => (type === 'phone' ? formatPhone(input) : input.trim());

export const idleView = (s: Strings): TemplateResult =>
  html`<div class="state state-idle" part="idle">
    ${phoneIcon()}
    <h3 class="state-heading">${s.idleHeading}</h3>
    <p class="muted">${s.idleText}</p>
  </div>`;

/** Skeleton in the shape of a contact card, so the answer replaces it without the panel changing height. */
export const loadingView = (s: Strings, query: string): TemplateResult =>
  html`<div class="state-loading" part="loading">
    <p class="muted loading-text">${s.loading(query)}</p>
    <div class="skeleton" role="progressbar" aria-label=${s.loadingLabel}>
      <span class="bone bone-title"></span><span class="bone bone-short"></span><span class="bone bone-button"></span
      ><span class="bone"></span>
    </div>
  </div>`;

export const noneView = (s: Strings, result: LookupResponse): TemplateResult =>
  html`<div class="state state-none" part="none">
    ${searchIcon()}
    <h3 class="state-heading query" part="query">${displayQuery(result.query.type, result.query.input)}</h3>
    <p class="strong">${s.noneText}</p>
    <p class="muted">${s.noneHint}</p>
  </div>`;

export const anonymousView = (s: Strings): TemplateResult =>
  html`<div class="state state-anonymous" part="anonymous">
    ${hiddenIcon()}
    <h3 class="state-heading">${s.anonymousHeading}</h3>
    <p class="muted">${s.anonymousText}</p>
  </div>`;

export const errorView = (s: Strings, error: ApiError, onRetry: () => void): TemplateResult =>
  html`<div class="state state-error" part="error" role="alert">
    ${alertIcon()}
    <h3 class="state-heading">${s.errorHeading}</h3>
    <p>${s.errors[error.code]}${error.retryAfterSeconds ? html` ${s.retryAfter(error.retryAfterSeconds)}` : nothing}</p>
    ${error.reference ? html`<p class="reference" part="reference">${s.reference}: <span class="mono">${error.reference}</span></p>` : nothing}
    <button type="button" class="primary" part="retry-button" @click=${onRetry}>${s.retry}</button>
  </div>`;
