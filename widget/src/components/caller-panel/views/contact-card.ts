import { html, nothing, type TemplateResult } from 'lit';
import type { ContactDto, FieldDto } from '../../../../../contract/lookup-api.js';
import { safeLink } from '../../../format/safe-link.js';
import type { ViewContext } from './context.js';
import { checkIcon, copyIcon } from './icons.js';
import { labelIn } from './label.js';
import { linkOrText } from './link.js';

/** A copy button for a value (a number); a check mark for a moment once copied. */
export function copyButton(ctx: ViewContext, label: string, value: string): TemplateResult {
  const done = ctx.copied === value;
  return html`<button
    type="button"
    class="icon-button"
    part="copy-button"
    aria-label=${ctx.s.copy(label)}
    title=${ctx.s.copy(label)}
    @click=${() => ctx.onCopy(value)}
  >
    ${done ? checkIcon() : copyIcon()}
  </button>`;
}

/** A field as the service sent it: its `href` (tel:, mailto: or an InSite https: link) is the link, if it passes the gate. */
function field(ctx: ViewContext, f: FieldDto): TemplateResult {
  const isNumber = safeLink(f.href)?.scheme === 'tel';
  const label = labelIn(f, ctx.lang);
  return html`<div class="field" part="field">
    <dt part="field-label">${label}</dt>
    <dd part="field-value">
      ${isNumber ? html`<span class="value">${linkOrText(ctx, f.href, 'field', f.value)}</span>${copyButton(ctx, label, f.value)}` : linkOrText(ctx, f.href, 'field', f.value)}
    </dd>
  </div>`;
}

/**
 * Name, organisation, what it was found by and the InSite link; `extra` is the pick row (remembered, remember,
 * not this caller). The fields come apart (contactFields), after the cases, so the open cases stay above the fold.
 */
export function contactCard(
  ctx: ViewContext,
  contact: ContactDto,
  back?: TemplateResult,
  extra?: TemplateResult | typeof nothing,
): TemplateResult {
  const { s } = ctx;
  const insite = safeLink(contact.link);
  return html`<article class="card" part="contact" aria-labelledby="contact-name">
    ${back ?? nothing}
    <h3 id="contact-name" class="name" part="contact-name" tabindex="-1">${contact.name}</h3>
    ${contact.organisation ? html`<p class="organisation" part="organisation">${contact.organisation}</p>` : nothing}
    ${
      contact.match.label
        ? html`<p class="match" part="match">${s.matchedOn} ${labelIn(contact.match, ctx.lang)} · ${contact.match.value}</p>`
        : nothing
    }
    ${extra ?? nothing}
    ${insite ? html`<p class="insite">${linkOrText(ctx, insite.href, 'contact', s.openInInsite, 'insite-link')}</p>` : nothing}
  </article>`;
}

/** The service's fields in the order sent, without rows that only repeat the heading ("Naam: Jan de Vries"). */
export function contactFields(ctx: ViewContext, contact: ContactDto): TemplateResult | typeof nothing {
  const repeats = new Set([contact.name, contact.organisation].filter(Boolean).map((v) => v?.trim().toLowerCase()));
  const fields = contact.fields.filter((f) => !repeats.has(f.value.trim().toLowerCase()));
  return fields.length
    ? html`<dl class="fields" part="fields" aria-label=${ctx.s.contactFields}>${fields.map((f) => field(ctx, f))}</dl>`
    : nothing;
}
