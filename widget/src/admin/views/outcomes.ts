import { html, type TemplateResult } from 'lit';
import { outcomeKinds, type LookupOutcomes, type OutcomeCounts } from '../api/admin-types.js';
import { absoluteTime, cached } from '../time-format.js';
import { formatCount, type AdminViewContext } from './context.js';

/** The service's labels for lookups without a UCC and for UCCs that never published settings. */
const NO_UCC = '(none)';
const OTHER_UCC = '(other)';

const percentFormats = new Map<string, Intl.NumberFormat>();

/** Callers not recognised among those who could have been: anonymous callers cannot be, so they do not count. */
function unrecognisedShare(c: OutcomeCounts): number | undefined {
  const identifiable = c.matched + c.ambiguous + c.none;
  return identifiable === 0 ? undefined : c.none / identifiable;
}

function totalsOf(rows: readonly OutcomeCounts[]): OutcomeCounts {
  const total: OutcomeCounts = { matched: 0, ambiguous: 0, none: 0, anonymous: 0 };
  for (const row of rows) for (const k of outcomeKinds) total[k] += row[k];
  return total;
}

function shareText(ctx: AdminViewContext, c: OutcomeCounts): string {
  const share = unrecognisedShare(c);
  if (share === undefined) return ctx.s.outcomes.noShare;
  const { locale } = ctx.s;
  return cached(percentFormats, locale, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(share);
}

const uccLabel = ({ s }: AdminViewContext, ucc: string): string =>
  ucc === NO_UCC ? s.outcomes.noUcc : ucc === OTHER_UCC ? s.outcomes.otherUcc : ucc;

function countCells(ctx: AdminViewContext, c: OutcomeCounts): TemplateResult {
  const total = outcomeKinds.reduce((n, k) => n + c[k], 0);
  return html`${outcomeKinds.map((k) => html`<td class="num">${formatCount(ctx, c[k])}</td>`)}
    <td class="num">${formatCount(ctx, total)}</td>
    <td class="num" part="share">${shareText(ctx, c)}</td>`;
}

export function outcomesView(ctx: AdminViewContext, outcomes: LookupOutcomes): TemplateResult {
  const { s } = ctx;
  const caption = s.outcomes.caption(outcomes.hours, absoluteTime(new Date(outcomes.since), s.locale));
  if (outcomes.uccs.length === 0) {
    return html`<p>${caption}</p>
      <p class="empty" part="outcomes-empty">${s.outcomes.empty}</p>`;
  }
  return html`<div class="table-wrap">
      <table part="outcomes-table">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${s.outcomes.ucc}</th>
            ${outcomeKinds.map((k) => html`<th scope="col" class="num">${s.outcomes.kinds[k]}</th>`)}
            <th scope="col" class="num">${s.outcomes.total}</th>
            <th scope="col" class="num" aria-describedby="share-help">${s.outcomes.share}</th>
          </tr>
        </thead>
        <tbody>
          ${outcomes.uccs.map(
            (row) =>
              html`<tr part="outcomes-row">
                <th scope="row">${uccLabel(ctx, row.ucc)}</th>
                ${countCells(ctx, row)}
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr part="outcomes-total">
            <th scope="row">${s.outcomes.allUccs}</th>
            ${countCells(ctx, totalsOf(outcomes.uccs))}
          </tr>
        </tfoot>
      </table>
    </div>
    <p class="muted" id="share-help">${s.outcomes.shareHelp}</p>`;
}
