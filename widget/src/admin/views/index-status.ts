import { html, nothing, type TemplateResult } from 'lit';
import type { IndexState, IndexStatus } from '../api/admin-types.js';
import { formatCount, timeView, type AdminViewContext } from './context.js';

/** A shape per state next to its name, so the state never depends on colour alone. */
const glyphs: Record<IndexState, string> = { off: '○', building: '↻', ready: '✓', stale: '◷', failed: '✕' };

const stateBadge = ({ s }: AdminViewContext, state: IndexState): TemplateResult =>
  html`<span class="badge badge-${state}" part="index-state" data-state=${state}
    ><span class="glyph" aria-hidden="true">${glyphs[state]}</span> ${s.index.states[state]}</span
  >`;

function lastErrorView(ctx: AdminViewContext, error: NonNullable<IndexStatus['lastError']>): TemplateResult {
  return html`<div class="last-error" part="last-error">
    <h3>${ctx.s.index.lastError}</h3>
    <p><span class="mono">${error.code}</span>: ${error.message}</p>
    <p class="muted">${timeView(ctx, error.at)}</p>
  </div>`;
}

export function indexStatusView(ctx: AdminViewContext, status: IndexStatus): TemplateResult {
  const { s } = ctx;
  const { progress } = status;
  const refresh = status.refresh === 'incremental' ? s.index.incremental : s.index.fullRebuilds;
  return html`<dl class="facts" part="index-facts">
      <div class="fact wide">
        <dt>${s.index.state}</dt>
        <dd>${stateBadge(ctx, status.state)} <span class="help">${s.index.stateHelp[status.state]}</span></dd>
      </div>
      <div class="fact">
        <dt>${s.index.contacts}</dt>
        <dd class="count" part="index-contacts">${formatCount(ctx, status.contacts)}</dd>
      </div>
      <div class="fact">
        <dt>${s.index.values}</dt>
        <dd class="count" part="index-values">${formatCount(ctx, status.values)}</dd>
      </div>
      ${
        progress
          ? html`<div class="fact">
              <dt>${s.index.progress}</dt>
              <dd part="index-progress">
                ${s.index.progressText(formatCount(ctx, progress.contactsRead), formatCount(ctx, progress.pages))}
              </dd>
            </div>`
          : nothing
      }
      <div class="fact">
        <dt>${s.index.builtAt}</dt>
        <dd>${timeView(ctx, status.builtAt)}</dd>
      </div>
      <div class="fact">
        <dt>${s.index.refreshedAt}</dt>
        <dd>${timeView(ctx, status.refreshedAt)}</dd>
      </div>
      <div class="fact">
        <dt>${s.index.refreshMode}</dt>
        <dd>${refresh(status.refreshSeconds)}</dd>
      </div>
    </dl>
    ${status.refresh === 'full-rebuilds' ? html`<p class="note" part="full-rebuilds-note">${s.index.fullRebuildsNote}</p>` : nothing}
    ${status.lastError ? lastErrorView(ctx, status.lastError) : nothing}`;
}
