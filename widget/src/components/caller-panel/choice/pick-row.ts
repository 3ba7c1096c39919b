import { html, nothing, type TemplateResult } from 'lit';
import type { ContactDto } from '../../../../../contract/lookup-api.js';
import type { PickCaller } from '../../../api/choice-client.js';
import { formatCaseDate } from '../../../format/date.js';
import type { ViewContext } from '../views/context.js';
import type { PickControl } from './pick-control.js';

export interface PickRowInput {
  contact: ContactDto;
  caller: PickCaller;
  picks: PickControl;
  /** The agent chose this contact (from the candidates or a search): remembering it is offered. */
  chosen: boolean;
  /** "Not this caller?": back to the candidates, or to the search. */
  onNotCaller: () => void;
}

/**
 * Under the contact's name: "Remembered for this number on …" with "Not this caller?" and Forget on the team's pick,
 * or "Remember for this number" on a contact the agent chose.
 */
export function pickRow(ctx: ViewContext, { contact, caller, picks, chosen, onNotCaller }: PickRowInput): TemplateResult | typeof nothing {
  const { pick, locale } = ctx.s;
  const at = picks.rememberedAt(contact);
  if (!at && !chosen && !contact.match.remembered) return nothing;
  const saving = picks.saving(contact);
  const onAddress = 'email' in caller;
  const date = (at && formatCaseDate(at, locale)) ?? '';
  const remembered = html`<p class="remembered" part="remembered">${onAddress ? pick.rememberedEmail(date) : pick.remembered(date)}</p>
    <div class="pick-actions">
      ${
        contact.match.remembered && !chosen
          ? html`<button type="button" class="text-button" part="not-caller-button" @click=${onNotCaller}>${pick.notCaller}</button>`
          : nothing
      }
      <button
        type="button"
        class="text-button"
        part="forget-button"
        aria-disabled=${saving ? 'true' : 'false'}
        @click=${() => saving || void picks.forget(caller, contact)}
      >
        ${pick.forget}
      </button>
    </div>`;
  const remember = html`<button
    type="button"
    class="secondary"
    part="remember-button"
    aria-disabled=${saving ? 'true' : 'false'}
    @click=${() => saving || void picks.remember(caller, contact)}
  >
    ${saving ? pick.saving : onAddress ? pick.rememberEmail : pick.remember}
  </button>`;
  return html`<div class="pick" part="pick">
    ${at ? remembered : remember} ${picks.failed(contact) ? html`<p class="inline-error" role="alert">${pick.failed}</p>` : nothing}
  </div>`;
}
