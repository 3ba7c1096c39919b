import { html, type TemplateResult } from 'lit';
import type { AdminStrings } from '../admin-strings.js';
import { absoluteTime, cached, parseTime, relativeTime } from '../time-format.js';

/** What every view of the admin page needs: the strings of the page's language and the time it renders at. */
export interface AdminViewContext {
  s: AdminStrings;
  now: number;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** `2.400` (nl), `2,400` (en) or `2 400` (fr, with a narrow no-break space). */
export function formatCount(ctx: AdminViewContext, n: number): string {
  return cached(numberFormats, ctx.s.locale, () => new Intl.NumberFormat(ctx.s.locale)).format(n);
}

/** `5 minutes ago (24 Mar 2026, 14:03:05 CET)`, or "never" for a time that is not there. */
export function timeView(ctx: AdminViewContext, iso: string | null | undefined): TemplateResult {
  const date = parseTime(iso);
  if (!date) return html`${ctx.s.never}`;
  return html`<time datetime=${date.toISOString()}>${relativeTime(date, ctx.now, ctx.s.locale)}</time>
    <span class="muted">(${absoluteTime(date, ctx.s.locale)})</span>`;
}
