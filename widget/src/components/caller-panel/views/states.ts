import { html, type TemplateResult } from 'lit';
import type { QueryType } from '../../../../../contract/lookup-api.js';
import { formatPhone } from '../../../format/phone.js';
import type { Strings } from '../../../i18n/strings.js';
import { alertIcon, phoneIcon } from './icons.js';

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

/**
 * In place of a state whose module could not be loaded (the service went away after the panel loaded, before its
 * first error or choice): that the service cannot be reached, and Retry, which tries the module again too.
 */
export const unreachableView = (s: Strings, onRetry: () => void): TemplateResult =>
  html`<div class="state" part="error" role="alert">
    ${alertIcon()}
    <h3 class="state-heading">${s.errorHeading}</h3>
    <p>${s.unreachable}</p>
    <button type="button" class="primary" part="retry-button" @click=${onRetry}>${s.retry}</button>
  </div>`;
