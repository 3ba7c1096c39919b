import { html, type TemplateResult } from 'lit';
import { refusalKinds, type RefusalKind, type RefusedOrigin, type RefusedOrigins } from '../api/admin-types.js';
import { formatCount, timeView, type AdminViewContext } from './context.js';

/**
 * An origin as plain text: it comes from unauthenticated reports and Origin headers, so it is never a link and never
 * HTML (Lit's text binding escapes it). `translate="no"` keeps page translators from rewriting it; `dir="ltr"` keeps
 * it readable as typed into CRM_ALLOWED_ORIGINS.
 */
const originText = (origin: string): TemplateResult =>
  html`<span class="mono" part="refused-origin" translate="no" dir="ltr">${origin}</span>`;

function kindTable(ctx: AdminViewContext, kind: RefusalKind, origins: readonly RefusedOrigin[]): TemplateResult {
  const { s } = ctx;
  const strings = s.refused.kinds[kind];
  const titleId = `refused-${kind}-title`;
  if (origins.length === 0) {
    return html`<h3 id=${titleId}>${strings.title}</h3>
      <p class="muted">${strings.caption}</p>
      <p class="empty" part="refused-none" data-kind=${kind}>${s.refused.noneOfKind}</p>`;
  }
  return html`<h3 id=${titleId}>${strings.title}</h3>
    <div class="table-wrap">
      <table part="refused-table" data-kind=${kind}>
        <caption>
          ${strings.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${s.refused.origin}</th>
            <th scope="col" class="num">${s.refused.count}</th>
            <th scope="col">${s.refused.lastAt}</th>
          </tr>
        </thead>
        <tbody>
          ${origins.map(
            (o) =>
              html`<tr part="refused-row">
                <th scope="row">${originText(o.origin)}</th>
                <td class="num">${formatCount(ctx, o.count)}</td>
                <td>${timeView(ctx, o.lastAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** The origins refused per kind (framing, CORS), how to allow one, and why a listed origin is only a hint. */
export function refusedOriginsView(ctx: AdminViewContext, refused: RefusedOrigins): TemplateResult {
  const { s } = ctx;
  if (refusalKinds.every((kind) => refused[kind].length === 0)) {
    return html`<p class="muted">${s.refused.intro}</p>
      <p class="empty" part="refused-empty">${s.refused.empty}</p>`;
  }
  return html`<p class="muted">${s.refused.intro}</p>
    ${refusalKinds.map((kind) => kindTable(ctx, kind, refused[kind]))}
    <div class="note" part="refused-how-to-allow">
      <p>${s.refused.howToAllow}</p>
      <p class="muted">${s.refused.hint}</p>
    </div>`;
}
