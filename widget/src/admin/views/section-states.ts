import { html, type TemplateResult } from 'lit';
import type { AdminApiError } from '../api/admin-error.js';
import type { AdminViewContext } from './context.js';

/** While a section's first answer is on its way (later refreshes keep showing the last answer). */
export const loadingView = ({ s }: AdminViewContext): TemplateResult => html`<p class="loading muted" part="loading">${s.loading}</p>`;

/** A failed request: what went wrong in the page's words, the service's own message, and Retry. */
export const errorView = ({ s }: AdminViewContext, error: AdminApiError, onRetry: () => void): TemplateResult =>
  html`<div class="error" part="error" role="alert">
    <p class="strong">${s.errors[error.code]}</p>
    <p class="muted">${s.serviceSaid}: ${error.message}</p>
    <button type="button" part="retry-button" @click=${onRetry}>${s.retry}</button>
  </div>`;
