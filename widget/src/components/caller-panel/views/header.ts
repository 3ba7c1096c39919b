import { html, nothing, type TemplateResult } from 'lit';
import { ageText } from '../../../i18n/strings.js';
import { copyButton } from './contact-card.js';
import type { ViewContext } from './context.js';
import { refreshIcon, searchIcon } from './icons.js';

export interface HeaderInput {
  title: string;
  /** Controls appear once there is a conversation. */
  active: boolean;
  /** A lookup runs: Refresh is disabled. */
  busy: boolean;
  /** Seconds since the service's cached answer was fresh; undefined for a fresh answer. */
  ageSeconds: number | undefined;
  /** undefined: no Search button (no answer yet, or the search box is there anyway). */
  searchOpen: boolean | undefined;
  /** The contact on screen, whose name stays in view. */
  callerName: string | undefined;
  /** The number (formatted) or address; empty for a withheld number. */
  caller: string;
  /** What the copy button copies, and its label. */
  copy: { value: string; label: string };
  onToggleSearch: () => void;
  onRefresh: () => void;
}

/** The sticky header: the title, the cache note, Search and Refresh, and the caller's name and number with a copy button. */
export function header(ctx: ViewContext, h: HeaderInput): TemplateResult {
  const { s } = ctx;
  const age = h.ageSeconds;
  return html`<header class="header" part="header">
    <div class="header-row">
      <h2 id="title" class="title" part="title">${h.title}</h2>
      ${
        h.active
          ? html`<div class="tools">
              ${age !== undefined ? html`<span part="cache-note">${age < 5 ? s.cachedNow : s.cachedAge(ageText(age, s.units))}</span>` : nothing}
              ${
                h.searchOpen !== undefined
                  ? html`<button
                      type="button"
                      class="text-button"
                      part="search-toggle"
                      aria-expanded=${h.searchOpen ? 'true' : 'false'}
                      @click=${h.onToggleSearch}
                    >
                      ${searchIcon('icon')}${h.searchOpen ? s.search.close : s.search.open}
                    </button>`
                  : nothing
              }
              <button
                type="button"
                class="text-button"
                part="refresh-button"
                aria-disabled=${h.busy ? 'true' : 'false'}
                @click=${h.onRefresh}
              >
                ${refreshIcon()}${s.refresh}
              </button>
            </div>`
          : nothing
      }
    </div>
    ${
      h.caller
        ? html`<p class="caller" part="caller">
            ${h.callerName ? html`<strong class="caller-name" part="caller-name">${h.callerName}</strong>` : nothing}
            <span class="caller-number" part="caller-number">${h.caller}</span>${copyButton(ctx, h.copy.label, h.copy.value)}
          </p>`
        : nothing
    }
  </header>`;
}
