import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../../api/api-error.js';
import type { ErrorTexts, Strings } from '../../../i18n/strings.js';
import { alertIcon } from '../views/icons.js';

/**
 * A failed lookup, with AFAS's reference (`errors`: the messages, loaded on the first error; the panel waits for them). While AFAS asked for a pause (Retry-After), Retry counts down and stays
 * disabled: a retry inside the pause would only repeat it.
 */
export const errorView = (
  s: Strings,
  errors: ErrorTexts | undefined,
  error: ApiError,
  onRetry: () => void,
  waitSeconds: number,
): TemplateResult =>
  html`<div class="state state-error" part="error" role="alert">
    ${alertIcon()}
    <h3 class="state-heading">${s.errorHeading}</h3>
    <p>${errors?.[error.code]}${error.retryAfterSeconds ? html` ${s.retryAfter(error.retryAfterSeconds)}` : nothing}</p>
    ${error.reference ? html`<p class="reference" part="reference">${s.reference}: <span class="mono">${error.reference}</span></p>` : nothing}
    <button
      type="button"
      class="primary"
      part="retry-button"
      aria-disabled=${waitSeconds > 0 ? 'true' : 'false'}
      @click=${() => waitSeconds > 0 || onRetry()}
    >
      ${waitSeconds > 0 ? s.retryIn(waitSeconds) : s.retry}
    </button>
  </div>`;
