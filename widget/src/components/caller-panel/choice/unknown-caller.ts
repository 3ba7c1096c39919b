import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../../../i18n/strings.js';
import type { ViewContext } from '../views/context.js';
import { hiddenIcon, searchIcon } from '../views/icons.js';
import { linkOrText } from '../views/link.js';

/** "New relation in InSite", when the service's InsiteNewContactUrl setting gives a link for this caller. */
export const newContactLink = (ctx: ViewContext, href: string | undefined): TemplateResult | typeof nothing =>
  href ? html`<p class="new-contact">${linkOrText(ctx, href, 'new-contact', ctx.s.newContact, 'new-contact-link')}</p>` : nothing;

/** Nobody in AFAS has the number. The panel puts the ways on under it: the search box and "New relation". */
export const noneView = (s: Strings, query: string): TemplateResult =>
  html`<div class="state state-none" part="none">
    <div class="state-intro">
      ${searchIcon()}
      <div>
        <h3 class="state-heading query" part="query">${query}</h3>
        <p class="strong">${s.noneText}</p>
      </div>
    </div>
    <p class="muted">${s.noneHint}</p>
  </div>`;

export const anonymousView = (s: Strings): TemplateResult =>
  html`<div class="state state-anonymous" part="anonymous">
    <div class="state-intro">
      ${hiddenIcon()}
      <h3 class="state-heading">${s.anonymousHeading}</h3>
    </div>
    <p class="muted">${s.anonymousText}</p>
  </div>`;
