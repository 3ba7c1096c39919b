import type { Lang, Strings } from '../../../i18n/strings.js';

/** What the view functions need from the panel: its strings and its handlers. */
export interface ViewContext {
  s: Strings;
  lang: Lang;
  /** A click listener: the panel's own method, which Lit calls with the panel as `this` (`@click=${ctx.onLinkClick}`). */
  onLinkClick: (event: MouseEvent) => void;
  onCopy: (value: string) => void;
  /** The value last copied, to show a check mark on its button for a moment. */
  copied: string | undefined;
}
