import { html, nothing, type TemplateResult } from 'lit';
import type { AdminViewContext } from './context.js';

export interface SignInState {
  checking: boolean;
  /** Why the prompt is shown again (a refused key, a check that failed), in the page's words. */
  error: string | undefined;
}

/**
 * The key prompt. The field has no `name` and the form no `action`: the key can only leave through the page's own
 * script (as a bearer header), never as a form submission into a URL.
 */
export function signInView(ctx: AdminViewContext, state: SignInState, onSubmit: (event: SubmitEvent) => void): TemplateResult {
  const { s } = ctx;
  const describedBy = state.error ? 'key-hint key-error' : 'key-hint';
  return html`<section class="card" part="sign-in" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">${s.signInTitle}</h2>
    <form class="sign-in" part="sign-in-form" novalidate @submit=${onSubmit}>
      <p id="key-hint" class="muted">${s.signInHint}</p>
      <label for="key">${s.keyLabel}</label>
      <input
        id="key"
        part="key-input"
        type="password"
        autocomplete="off"
        spellcheck="false"
        required
        aria-invalid=${state.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
      />
      ${state.error ? html`<p id="key-error" class="error-text" part="key-error" role="alert">${state.error}</p>` : nothing}
      <button type="submit" class="primary" part="sign-in-button" aria-disabled=${state.checking ? 'true' : 'false'}>
        ${state.checking ? s.signingIn : s.signIn}
      </button>
    </form>
  </section>`;
}
