import { html, nothing, type TemplateResult } from 'lit';
import type { CaseDto } from '../../../../../proxy/src/contract.js';
import { formatCaseDate } from '../../../format/date.js';
import type { CaseListState } from '../case-pages.js';
import type { ViewContext } from './context.js';
import { linkOrText } from './link.js';

/** New and open cases before closed ones; the service's order (newest first) is kept within each group. */
export const openFirst = (cases: readonly CaseDto[]): CaseDto[] => [...cases.filter((c) => c.status !== 'Closed'), ...cases.filter((c) => c.status === 'Closed')];

function caseItem(ctx: ViewContext, c: CaseDto): TemplateResult {
  const { s } = ctx;
  const date = c.date ? formatCaseDate(c.date, s.locale) : undefined;
  const status = c.status.toLowerCase();
  return html`<li class="case" part="case">
    <div class="case-meta">
      <span class="badge badge-${status}" part="status status-${status}"><span class="sr-only">${s.statusPrefix}: </span>${c.statusLabel || s.status[c.status]}</span>
      ${date && c.date ? html`<time part="case-date" datetime=${c.date}>${date}</time>` : html`<span part="case-date">${s.noDate}</span>`}
    </div>
    <div class="case-subject" part="case-subject">${linkOrText(ctx, c.link, 'case', c.subject)}</div>
    ${c.fields.length
      ? html`<dl class="case-fields">
          ${c.fields.map((f) => html`<div><dt>${f.label}</dt><dd>${linkOrText(ctx, f.href, 'field', f.value)}</dd></div>`)}
        </dl>`
      : nothing}
  </li>`;
}

/** The contact's cases with a "more" button that pages through the cases endpoint. */
export function caseList(ctx: ViewContext, state: CaseListState, onMore: () => void): TemplateResult {
  const { s } = ctx;
  return html`<section class="cases" part="cases" aria-labelledby="cases-title">
    <h4 id="cases-title" class="cases-title" tabindex="-1">${s.cases} <span class="count">(${state.cases.length}${state.more ? '+' : ''})</span></h4>
    ${state.cases.length ? html`<ul class="case-list">${openFirst(state.cases).map((c) => caseItem(ctx, c))}</ul>` : html`<p class="muted">${s.noCases}</p>`}
    ${state.error ? html`<p class="inline-error" role="alert">${s.casesFailed}</p>` : nothing}
    ${state.more
      ? html`<button type="button" class="secondary" part="more-button" aria-disabled=${state.loading ? 'true' : 'false'} @click=${onMore}>
          ${state.loading ? s.loadingCases : s.moreCases}
        </button>`
      : nothing}
  </section>`;
}
