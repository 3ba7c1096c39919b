import { css } from 'lit';

/** Dark palette, used by `theme="dark"` and, unless `theme="light"`, by a dark system setting. */
const dark = css`
  color-scheme: dark;
  --_bg: var(--crm-panel-background, #1d1f23);
  --_fg: var(--crm-panel-color, #e6e8eb);
  --_muted: var(--crm-panel-muted-color, #a9afb9);
  --_border: var(--crm-panel-border-color, #41454e);
  --_surface: var(--crm-panel-surface, #272a30);
  --_accent: var(--crm-panel-accent, #8cbcf5);
  --_on-accent: var(--crm-panel-on-accent, #0b1a2c);
  --_focus: var(--crm-panel-focus-color, #8cbcf5);
  --_danger: var(--crm-panel-danger-color, #ffa59b);
  --_new-bg: var(--crm-status-new-background, #17345a);
  --_new-fg: var(--crm-status-new-color, #cfe3ff);
  --_open-bg: var(--crm-status-open-background, #4a3410);
  --_open-fg: var(--crm-status-open-color, #ffdca3);
  --_closed-bg: var(--crm-status-closed-background, #33363c);
  --_closed-fg: var(--crm-status-closed-color, #c9cdd4);
`;

export const styles = css`
  :host {
    display: block;
    font: inherit;
    color-scheme: light;
    --_bg: var(--crm-panel-background, #ffffff);
    --_fg: var(--crm-panel-color, #1b1d21);
    --_muted: var(--crm-panel-muted-color, #565c67);
    --_border: var(--crm-panel-border-color, #d3d7de);
    --_surface: var(--crm-panel-surface, #f3f5f8);
    --_accent: var(--crm-panel-accent, #0a58a8);
    --_on-accent: var(--crm-panel-on-accent, #ffffff);
    --_focus: var(--crm-panel-focus-color, #0a58a8);
    --_danger: var(--crm-panel-danger-color, #b42318);
    --_new-bg: var(--crm-status-new-background, #e3eefb);
    --_new-fg: var(--crm-status-new-color, #0b4a8c);
    --_open-bg: var(--crm-status-open-background, #fdf0d9);
    --_open-fg: var(--crm-status-open-color, #744200);
    --_closed-bg: var(--crm-status-closed-background, #eceef1);
    --_closed-fg: var(--crm-status-closed-color, #4a4f59);
    --_radius: var(--crm-panel-radius, 8px);
    --_pad: var(--crm-panel-padding, 1rem);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .panel {
    container-type: inline-size;
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.45;
    height: 100%;
    /* Breaks a word only when it does not fit a line of its own: numbers and addresses keep their tokens. */
    overflow-wrap: break-word;
  }
  /* The header stays in view while the agent scrolls the cases, with the caller's name and number. */
  .header {
    position: sticky;
    top: 0;
    z-index: 1;
    padding: 0.25rem 0.5rem 0.25rem var(--_pad);
    border-bottom: 1px solid var(--_border);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_bg);
  }
  .header-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 0.5rem;
    min-height: 2.25rem;
  }
  .caller {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 0.5rem;
    padding-bottom: 0.125rem;
  }
  .caller-name {
    font-weight: 650;
  }
  .caller-number,
  .value {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .caller .icon-button {
    width: 1.75rem;
    height: 1.75rem;
  }
  h2,
  h3,
  h4,
  p,
  dl,
  dd,
  ol,
  ul {
    margin: 0;
  }
  .title {
    flex: 1;
    white-space: nowrap;
    font-size: 0.8125em;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .body {
    padding: var(--_pad);
    min-height: var(--crm-panel-min-height, 15rem);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .strong {
    font-weight: 600;
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    user-select: all;
  }
  .icon {
    flex: none;
    vertical-align: -0.15em;
  }
  .icon-large {
    width: 2rem;
    height: 2rem;
    color: var(--_muted);
    stroke-width: 1.5;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  a .icon {
    margin-inline-start: 0.2em;
    width: 0.85em;
    height: 0.85em;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: max(0px, var(--_radius) - 2px);
  }
  .primary,
  .insite a {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.4rem 0.9rem;
    border: 1px solid var(--_accent);
    border-radius: max(0px, var(--_radius) - 2px);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .secondary,
  .text-button {
    padding: 0.35rem 0.75rem;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_accent);
    font-weight: 600;
  }
  .text-button {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0.2rem 0.4rem;
    border-color: transparent;
    font-size: 0.875rem;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: 1px solid transparent;
    background: transparent;
    color: var(--_muted);
  }
  .icon-button:hover,
  .text-button:hover,
  .secondary:hover {
    background: var(--_surface);
  }
  [aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  [hidden] {
    display: none !important;
  }

  /* States */
  .state {
    display: grid;
    justify-items: start;
    gap: 0.4rem;
  }
  .state-heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .status-label {
    font-style: italic;
  }
  .loading-text {
    margin-bottom: 0.75rem;
  }
  .skeleton {
    display: grid;
    gap: 0.6rem;
  }
  .bone {
    display: block;
    height: 0.9rem;
    border-radius: 4px;
    background: var(--_surface);
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  .bone-title {
    height: 1.4rem;
    width: 60%;
  }
  .bone-short {
    width: 40%;
  }
  .bone-button {
    height: 2.25rem;
    width: 9rem;
  }
  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }

  /* Contact card and cases */
  .result {
    display: grid;
    gap: 1.25rem;
  }
  @container (min-width: 40rem) {
    .result {
      grid-template-columns: minmax(15rem, 2fr) 3fr;
      align-items: start;
    }
  }
  .card {
    display: grid;
    gap: 0.35rem;
    justify-items: start;
  }
  .name {
    font-size: 1.375em;
    font-weight: 650;
    line-height: 1.25;
  }
  .organisation {
    font-weight: 500;
  }
  .match {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .insite {
    margin: 0.4rem 0;
  }
  .insite a:hover {
    filter: brightness(1.1);
  }
  .fields {
    display: grid;
    gap: 0.35rem;
    width: 100%;
    margin-top: 0.25rem;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(6.5rem, 35%) 1fr;
    gap: 0.5rem;
    align-items: center;
    min-height: 2rem;
    border-top: 1px solid var(--_border);
    padding-top: 0.35rem;
  }
  dt {
    font-size: 0.875em;
    color: var(--_muted);
  }
  dd {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    min-width: 0;
  }
  /* A value longer than its column (an e-mail address) may break anywhere rather than run out of the panel. */
  dd > a,
  dd > [part='text'] {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .cases-title {
    font-size: 1em;
    font-weight: 600;
    margin-bottom: 0.5rem;
  }
  .count {
    color: var(--_muted);
    font-weight: 400;
  }
  .case-list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .case {
    display: grid;
    gap: 0.2rem;
    padding: 0.55rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: max(0px, var(--_radius) - 2px);
  }
  .case-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .badge {
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-weight: 600;
  }
  .badge-new {
    background: var(--_new-bg);
    color: var(--_new-fg);
  }
  .badge-open {
    background: var(--_open-bg);
    color: var(--_open-fg);
  }
  .badge-closed {
    background: var(--_closed-bg);
    color: var(--_closed-fg);
  }
  .case-subject {
    font-weight: 500;
  }
  .case-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.15rem 1rem;
    font-size: 0.8125em;
  }
  .case-fields div {
    display: flex;
    gap: 0.3rem;
  }
  .cases .secondary {
    margin-top: 0.75rem;
  }
  .inline-error {
    margin-top: 0.5rem;
    color: var(--_danger);
  }
  .cases-error .inline-error {
    margin-top: 0;
  }
`;
