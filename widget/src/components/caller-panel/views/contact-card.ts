import { html, nothing, type TemplateResult } from 'lit';
import type { ContactDto, FieldDto } from '../../../../../proxy/src/contract.js';
import { mailtoHref, telHref } from '../../../format/phone.js';
import { safeLink } from '../../../format/safe-link.js';
import type { ViewContext } from './context.js';
import { checkIcon, copyIcon } from './icons.js';
import { linkOrText } from './link.js';

/** The service's href, or a tel:/mailto: made from a value that plainly is a number or an address. */
const fieldHref = (f: FieldDto): string | undefined => f.href ?? telHref(f.value) ?? mailtoHref(f.value);

function copyButton(ctx: ViewContext, f: FieldDto): TemplateResult {
  const done = ctx.copied === f.value;
  return html`<button type="button" class="icon-button" part="copy-button" aria-label=${ctx.s.copy(f.label)} title=${ctx.s.copy(f.label)} @click=${() => ctx.onCopy(f.value)}>
    ${done ? checkIcon() : copyIcon()}
  </button>`;
}

function field(ctx: ViewContext, f: FieldDto): TemplateResult {
  const href = fieldHref(f);
  const isNumber = safeLink(href)?.scheme === 'tel';
  return html`<div class="field" part="field">
    <dt part="field-label">${f.label}</dt>
    <dd part="field-value">${linkOrText(ctx, href, 'field', f.value)}${isNumber ? copyButton(ctx, f) : nothing}</dd>
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
