import { html, nothing, type TemplateResult } from 'lit';
import type { ContactDto, FieldDto } from '../../../../../contract/lookup-api.js';
import { safeLink } from '../../../format/safe-link.js';
import type { ViewContext } from './context.js';
import { checkIcon, copyIcon } from './icons.js';
import { linkOrText } from './link.js';

function copyButton(ctx: ViewContext, f: FieldDto): TemplateResult {
  const done = ctx.copied === f.value;
  return html`<button
    type="button"
    class="icon-button"
    part="copy-button"
    aria-label=${ctx.s.copy(f.label)}
    title=${ctx.s.copy(f.label)}
    @click=${() => ctx.onCopy(f.value)}
  >
    ${done ? checkIcon() : copyIcon()}
  </button>`;
}

/** A field as the service sent it: its `href` (tel:, mailto: or an InSite https: link) is the link, if it passes the gate. */
function field(ctx: ViewContext, f: FieldDto): TemplateResult {
  const isNumber = safeLink(f.href)?.scheme === 'tel';
  return html`<div class="field" part="field">
    <dt part="field-label">${f.label}</dt>
    <dd part="field-value">${linkOrText(ctx, f.href, 'field', f.value)}${isNumber ? copyButton(ctx, f) : nothing}</dd>
  </div>`;
}

/** Name, organisation, what it was found by, the InSite link and the service's fields in the order sent. */
export function contactCard(ctx: ViewContext, contact: ContactDto, back?: TemplateResult): TemplateResult {
  const { s } = ctx;
  const insite = safeLink(contact.link);
  return html`<article class="card" part="contact" aria-labelledby="contact-name">
    ${back ?? nothing}
    <h3 id="contact-name" class="name" part="contact-name" tabindex="-1">${contact.name}</h3>
    ${contact.organisation ? html`<p class="organisation" part="organisation">${contact.organisation}</p>` : nothing}
    <p class="match" part="match">${s.matchedOn} ${contact.match.label} · ${contact.match.value}</p>
    ${insite ? html`<p class="insite">${linkOrText(ctx, insite.href, 'contact', s.openInInsite, 'insite-link')}</p>` : nothing}
    ${contact.fields.length ? html`<dl class="fields" part="fields">${contact.fields.map((f) => field(ctx, f))}</dl>` : nothing}
  </article>`;
}
