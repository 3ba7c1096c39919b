import { html, nothing, type TemplateResult } from 'lit';
import type { CaseDto } from '../../../../../contract/lookup-api.js';
import { formatCaseDate } from '../../../format/date.js';
import type { Strings } from '../../../i18n/strings.js';
import type { CaseListState } from '../case-pages.js';
import type { ViewContext } from './context.js';
import { labelIn } from './label.js';
import { linkOrText } from './link.js';

function caseItem(ctx: ViewContext, c: CaseDto): TemplateResult {
  const { s } = ctx;
  const date = c.date ? formatCaseDate(c.date, s.locale) : undefined;
  const status = c.status.toLowerCase();
  const badge = s.status[c.status];
  // AFAS's own name for the status stays readable next to the badge, unless it says the same.
  const own = c.statusLabel.trim();
  const afasLabel = own && own.toLowerCase() !== badge.toLowerCase() ? own : '';
  return html`<li class="case" part="case">
    <div class="case-meta">
      <span class="badge badge-${status}" part="status status-${status}"><span class="sr-only">${s.statusPrefix}: </span>${badge}</span>
      ${afasLabel ? html`<span class="status-label" part="status-label" title=${s.statusInAfas}>${afasLabel}</span>` : nothing}
      ${date && c.date ? html`<time part="case-date" datetime=${c.date}>${date}</time>` : html`<span part="case-date">${s.noDate}</span>`}
    </div>
    <div class="case-subject" part="case-subject">${linkOrText(ctx, c.link, 'case', c.subject)}</div>
    ${
      c.fields.length
        ? html`<dl class="case-fields">
            ${c.fields.map(
              (f) =>
                html`<div>
                  <dt>${labelIn(f, ctx.lang)}</dt>
                  <dd>${linkOrText(ctx, f.href, 'field', f.value)}</dd>
                </div>`,
            )}
          </dl>`
        : nothing
    }
  </li>`;
}

export interface CaseListHandlers {
  /** Loads the next page. */
  onMore: () => void;
  /** Loads the first page again, or, when the service no longer knows the list (`not_found`), the whole lookup. */
  onRetry: () => void;
}

/** Retry for the cases alone; "Refresh" when only a new lookup can bring them back. */
function retryButton(s: Strings, state: CaseListState, h: CaseListHandlers): TemplateResult {
  const label = state.loading ? s.loadingCases : state.error?.code === 'not_found' ? s.refresh : s.retry;
  return html`<button
    type="button"
    class="secondary"
    part="cases-retry-button"
    aria-disabled=${state.loading ? 'true' : 'false'}
    @click=${h.onRetry}
  >
    ${label}
  </button>`;
}

/**
 * The contact was found but its cases were not: a short message and Retry, in place of the list. The message the
 * lookup brought is part of the polite announcement of the caller; one after the agent's own Retry is an alert.
 */
function casesError(s: Strings, state: CaseListState, h: CaseListHandlers): TemplateResult {
  // Cases that follow the contact (`casesPending`): loading, not failed.
  if (!state.error && !state.retried) return html`<p class="muted" part="cases-loading">${s.loadingCases}</p>`;
  const message = state.error?.code === 'not_found' ? s.casesExpired : s.casesUnavailable;
  return html`<div class="cases-error" part="cases-error">
    ${state.loading ? nothing : state.retried ? html`<p class="inline-error" role="alert">${message}</p>` : html`<p class="inline-error">${message}</p>`}
    ${retryButton(s, state, h)}
  </div>`;
}

function cases(ctx: ViewContext, state: CaseListState, h: CaseListHandlers): TemplateResult {
  const { s } = ctx;
  const expired = state.error?.code === 'not_found';
  return html`${
    state.cases.length
      ? html`<ul class="case-list">
          ${state.cases.map((c) => caseItem(ctx, c))}
        </ul>`
      : html`<p class="muted">${s.noCases}</p>`
  }
  ${state.error ? html`<p class="inline-error" role="alert">${expired ? s.casesExpired : s.casesFailed}</p>` : nothing}
  ${
    expired
      ? retryButton(s, state, h)
      : state.more
        ? html`<button
            type="button"
            class="secondary"
            part="more-button"
            aria-disabled=${state.loading ? 'true' : 'false'}
            @click=${h.onMore}
          >
            ${state.loading ? s.loadingCases : s.moreCases}
          </button>`
        : nothing
  }`;
}

/** "3 open · 36 total": the service sends New and Open first, so the open ones of a partial list are all there. */
function casesCount(s: Strings, state: CaseListState): string {
  const open = state.cases.filter((c) => c.status !== 'Closed').length;
  return s.casesCount(open, state.cases.length, state.more);
}

/**
 * The contact's cases as the service ordered them (New and Open before Closed, newest first), with a "more" button
 * that pages through the cases endpoint; when the lookup could not load them, a message and Retry in their place.
 */
export function caseList(ctx: ViewContext, state: CaseListState, h: CaseListHandlers): TemplateResult {
  const { s } = ctx;
  return html`<section class="cases" part="cases" aria-labelledby="cases-title">
    <h4 id="cases-title" class="cases-title" tabindex="-1">
      ${s.cases}${state.loaded && state.cases.length ? html` <span class="count" part="cases-count">${casesCount(s, state)}</span>` : nothing}
    </h4>
    ${state.loaded ? cases(ctx, state, h) : casesError(s, state, h)}
  </section>`;
}
