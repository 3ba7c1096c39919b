import { html, nothing, type TemplateResult } from 'lit';
import { safeLink } from '../../format/safe-link.js';
import type { AdminApiError } from '../api/admin-error.js';
import { qualityProblems, type FieldQuality, type QualityItem, type QualityProblem, type QualityReport } from '../api/admin-types.js';
import type { ItemPage, ProblemFilter } from '../quality-items.js';
import { formatCount, timeView, type AdminViewContext } from './context.js';

export interface QualityListState {
  filter: ProblemFilter;
  counts: Record<QualityProblem, number>;
  page: ItemPage;
  downloading: boolean;
  downloadError: AdminApiError | undefined;
}

export interface QualityHandlers {
  onFilter: (event: Event) => void;
  onPrevious: () => void;
  onNext: () => void;
  onDownload: () => void;
}

function summaryView(ctx: AdminViewContext, r: QualityReport): TemplateResult {
  const { s } = ctx;
  const fact = (label: string, value: number, part: string) =>
    html`<div class="fact">
      <dt>${label}</dt>
      <dd class="count" part=${part}>${formatCount(ctx, value)}</dd>
    </div>`;
  return html`<dl class="facts" part="quality-facts">
    <div class="fact wide">
      <dt>${s.quality.builtAt}</dt>
      <dd>${timeView(ctx, r.builtAt)}</dd>
    </div>
    ${fact(s.quality.contacts, r.contacts, 'quality-contacts')} ${fact(s.quality.phoneValues, r.phoneValues, 'quality-phone-values')}
    ${fact(s.quality.parsed, r.parsed, 'quality-parsed')} ${fact(s.quality.unparseable, r.unparseable, 'quality-unparseable')}
    ${fact(s.quality.shared, r.shared, 'quality-shared')}
    ${fact(s.quality.withoutPhoneOrEmail, r.contactsWithoutPhoneOrEmail, 'quality-without-phone-or-email')}
  </dl>`;
}

function fieldsView(ctx: AdminViewContext, fields: readonly FieldQuality[]): TemplateResult {
  const { s } = ctx;
  return html`<h3 id="fields-title">${s.quality.fieldsTitle}</h3>
    <div class="table-wrap">
      <table part="fields-table">
        <caption class="sr-only">
          ${s.quality.fieldsCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${s.quality.field}</th>
            <th scope="col">${s.quality.kind}</th>
            <th scope="col" class="num">${s.quality.fieldValues}</th>
            <th scope="col" class="num">${s.quality.fieldParsed}</th>
            <th scope="col" class="num">${s.quality.fieldUnparseable}</th>
          </tr>
        </thead>
        <tbody>
          ${fields.map(
            (f) =>
              html`<tr>
                <th scope="row">${f.label} <span class="muted mono">${f.field}</span></th>
                <td>${s.quality.kinds[f.kind]}</td>
                <td class="num">${formatCount(ctx, f.values)}</td>
                <td class="num">${formatCount(ctx, f.parsed)}</td>
                <td class="num">${formatCount(ctx, f.unparseable)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** The contact's id, as a link to its InSite page when the service gave an https one. */
function contactCell(ctx: AdminViewContext, item: QualityItem): TemplateResult {
  const link = safeLink(item.link);
  if (link?.scheme !== 'https') return html`${item.contactId} <span class="muted">(${ctx.s.quality.noLink})</span>`;
  return html`<a href=${link.href} target="_blank" rel="noopener noreferrer" part="insite-link"
    >${item.contactId}<span class="sr-only"> ${ctx.s.quality.newTab}</span></a
  >`;
}

function itemsTable(ctx: AdminViewContext, labels: ReadonlyMap<string, string>, page: ItemPage): TemplateResult {
  const { s } = ctx;
  const fieldLabel = (field: string): string => (field === '' ? s.quality.wholeContact : (labels.get(field) ?? field));
  return html`<div class="table-wrap">
    <table part="items-table">
      <caption>
        ${s.quality.itemsCaption(formatCount(ctx, page.from), formatCount(ctx, page.to), formatCount(ctx, page.total))}
      </caption>
      <thead>
        <tr>
          <th scope="col">${s.quality.contact}</th>
          <th scope="col">${s.quality.field}</th>
          <th scope="col">${s.quality.problem}</th>
        </tr>
      </thead>
      <tbody>
        ${page.rows.map(
          (item) =>
            html`<tr part="item">
              <th scope="row">${contactCell(ctx, item)}</th>
              <td>${fieldLabel(item.field)}</td>
              <td>${s.quality.problems[item.problem]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function pagerView(ctx: AdminViewContext, page: ItemPage, h: QualityHandlers): TemplateResult {
  const { s } = ctx;
  return html`<nav class="pager" part="pager" aria-label=${s.quality.pages}>
    <button type="button" part="previous-button" ?disabled=${page.page === 0} @click=${h.onPrevious}>${s.quality.previous}</button>
    <span>${s.quality.pageOf(formatCount(ctx, page.page + 1), formatCount(ctx, page.pages))}</span>
    <button type="button" part="next-button" ?disabled=${page.page >= page.pages - 1} @click=${h.onNext}>${s.quality.next}</button>
  </nav>`;
}

function itemsView(ctx: AdminViewContext, r: QualityReport, list: QualityListState, h: QualityHandlers): TemplateResult {
  const { s } = ctx;
  const labels = new Map(r.fields.map((f) => [f.field, f.label]));
  const body =
    r.items.length === 0
      ? html`<p class="empty" part="items-empty">${s.quality.noItems}</p>`
      : list.page.total === 0
        ? html`<p class="empty" part="items-empty">${s.quality.noItemsForFilter}</p>`
        : html`${itemsTable(ctx, labels, list.page)} ${list.page.pages > 1 ? pagerView(ctx, list.page, h) : nothing}`;
  return html`<h3 id="items-title">${s.quality.itemsTitle}</h3>
    ${r.truncated ? html`<p class="note" part="truncated-note">${s.quality.truncated(formatCount(ctx, r.items.length))}</p>` : nothing}
    <div class="toolbar">
      <label for="problem-filter">${s.quality.filter}</label>
      <select id="problem-filter" part="problem-filter" @change=${h.onFilter}>
        <option value="all" ?selected=${list.filter === 'all'}>${s.quality.allProblems(formatCount(ctx, r.items.length))}</option>
        ${qualityProblems.map(
          (p) =>
            html`<option value=${p} ?selected=${list.filter === p}>
              ${s.quality.problemOption(s.quality.problems[p], formatCount(ctx, list.counts[p]))}
            </option>`,
        )}
      </select>
      <button type="button" part="download-button" aria-disabled=${list.downloading ? 'true' : 'false'} @click=${h.onDownload}>
        ${list.downloading ? s.quality.downloading : s.quality.download}
      </button>
    </div>
    ${
      list.downloadError
        ? html`<p class="error-text" part="download-error" role="alert">
            ${s.quality.downloadFailed} ${s.errors[list.downloadError.code]} (${list.downloadError.message})
          </p>`
        : nothing
    }
    ${body}`;
}

export function dataQualityView(ctx: AdminViewContext, r: QualityReport, list: QualityListState, h: QualityHandlers): TemplateResult {
  return html`${summaryView(ctx, r)} ${fieldsView(ctx, r.fields)} ${itemsView(ctx, r, list, h)}`;
}

/** 404 from the service: no report yet (index off, or its first build still running); its message says which. */
export const qualityMissingView = ({ s }: AdminViewContext, message: string): TemplateResult =>
  html`<div class="notice" part="quality-missing">
    <p class="strong">${s.quality.missingTitle}</p>
    <p>${message}</p>
  </div>`;
