import { html, nothing, type TemplateResult } from 'lit';
import type { ContactDto, LookupResponse } from '../../../../../contract/lookup-api.js';
import type { ViewContext } from '../views/context.js';
import { labelIn } from '../views/label.js';

export interface PickerHandlers {
  active: number;
  onChoose: (index: number) => void;
  onKeydown: (event: KeyboardEvent) => void;
}

function option(ctx: ViewContext, c: ContactDto, i: number, h: PickerHandlers): TemplateResult {
  return html`<li>
    <button
      type="button"
      class="option"
      part="picker-option"
      data-index=${i}
      tabindex=${i === h.active ? 0 : -1}
      @click=${() => h.onChoose(i)}
      @keydown=${h.onKeydown}
    >
      <span class="option-name">${c.name}</span>
      ${c.organisation ? html`<span class="option-org">${c.organisation}</span>` : nothing}
      <span class="option-match">${labelIn(c.match, ctx.lang)} · ${c.match.value}</span>${
        c.match.remembered ? html` <span class="option-remembered">${ctx.s.pick.badge}</span>` : nothing
      }
    </button>
  </li>`;
}

/**
 * Several contacts share the number: a ranked list of buttons (best match first). Tab reaches the list once;
 * arrow keys, Home and End move between the options; Enter or Space chooses.
 */
export function picker(ctx: ViewContext, result: LookupResponse, h: PickerHandlers): TemplateResult {
  const { s } = ctx;
  const n = result.contacts.length;
  return html`<div class="picker">
    <h3 class="state-heading">${result.query.type === 'email' ? s.ambiguousHeadingEmail(n) : s.ambiguousHeading(n)}</h3>
    <p class="muted" id="picker-hint">${s.ambiguousHint}</p>
    <ol class="options" part="picker" aria-label=${s.pickerLabel} aria-describedby="picker-hint">
      ${result.contacts.map((c, i) => option(ctx, c, i, h))}
    </ol>
  </div>`;
}
