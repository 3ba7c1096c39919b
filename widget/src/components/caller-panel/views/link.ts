import { html, nothing, type TemplateResult } from 'lit';
import type { CrmLinkKind } from '../../../events/link-opened.js';
import { safeLink, type SafeLink } from '../../../format/safe-link.js';
import type { ViewContext } from './context.js';
import { externalIcon } from './icons.js';

/** The link kind a field's URL is reported with: by scheme for tel:/mailto:, else the caller's kind. */
export const kindOf = (link: SafeLink, kind: CrmLinkKind): CrmLinkKind => (link.scheme === 'https' ? kind : link.scheme);

/**
 * A real `<a>` when `raw` passes the scheme gate, otherwise the same content as plain text. `https:` links open
 * in a new tab; `tel:`/`mailto:` go to the phone or mail app without leaving an empty tab behind.
 */
export function linkOrText(ctx: ViewContext, raw: string | undefined, kind: CrmLinkKind, content: unknown, part = 'link'): TemplateResult {
  const link = safeLink(raw);
  if (!link) return html`<span part="text">${content}</span>`;
  const external = link.scheme === 'https';
  return html`<a
    part=${part}
    href=${link.href}
    target=${external ? '_blank' : nothing}
    rel="noopener noreferrer"
    referrerpolicy="no-referrer"
    data-kind=${kindOf(link, kind)}
    @click=${ctx.onLinkClick}
    >${content}${external ? html`${externalIcon()}<span class="sr-only"> ${ctx.s.newTab}</span>` : nothing}</a
  >`;
}
