import { css } from 'lit';

/** The caller panel's palette (light, and dark when the system asks for it), so both look like one product. */
export const styles = css`
  :host {
    display: block;
    font: inherit;
    color-scheme: light;
    --_bg: var(--crm-admin-background, #ffffff);
    --_fg: var(--crm-admin-color, #1b1d21);
    --_muted: var(--crm-admin-muted-color, #565c67);
    --_border: var(--crm-admin-border-color, #d3d7de);
    --_surface: var(--crm-admin-surface, #f3f5f8);
    --_accent: var(--crm-admin-accent, #0a58a8);
    --_on-accent: var(--crm-admin-on-accent, #ffffff);
    --_danger: var(--crm-admin-danger-color, #b42318);
    --_ok-bg: #e3f4e8;
    --_ok-fg: #14532d;
    --_busy-bg: #e3eefb;
    --_busy-fg: #0b4a8c;
    --_warn-bg: #fdf0d9;
    --_warn-fg: #744200;
    --_bad-bg: #fde7e5;
    --_bad-fg: #8f1d13;
    --_off-bg: #eceef1;
    --_off-fg: #4a4f59;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: dark;
      --_bg: var(--crm-admin-background, #1d1f23);
      --_fg: var(--crm-admin-color, #e6e8eb);
      --_muted: var(--crm-admin-muted-color, #a9afb9);
      --_border: var(--crm-admin-border-color, #41454e);
      --_surface: var(--crm-admin-surface, #272a30);
      --_accent: var(--crm-admin-accent, #8cbcf5);
      --_on-accent: var(--crm-admin-on-accent, #0b1a2c);
      --_danger: var(--crm-admin-danger-color, #ffa59b);
      --_ok-bg: #163823;
      --_ok-fg: #bdf0cd;
      --_busy-bg: #17345a;
      --_busy-fg: #cfe3ff;
      --_warn-bg: #4a3410;
      --_warn-fg: #ffdca3;
      --_bad-bg: #4d1a15;
      --_bad-fg: #ffc9c2;
      --_off-bg: #33363c;
      --_off-fg: #c9cdd4;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .page {
    color: var(--_fg);
    background: var(--_bg);
    line-height: 1.45;
    max-width: 72rem;
    margin: 0 auto;
    padding: 1rem;
    overflow-wrap: anywhere;
  }
  h1,
  h2,
  h3,
  p,
  dl,
  dd {
    margin: 0;
  }
  h1 {
    font-size: 1.375em;
  }
  h2 {
    font-size: 1.125em;
    margin-bottom: 0.75rem;
  }
  h3 {
    font-size: 1em;
    margin: 1.25rem 0 0.5rem;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    padding-bottom: 0.75rem;
    border-bottom: 1px solid var(--_border);
    margin-bottom: 1rem;
  }
  .tools,
  .toolbar,
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .lang-switch {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: 6px;
    overflow: hidden;
  }
  .lang-switch button {
    border: 0;
    border-radius: 0;
  }
  .lang-switch button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 1rem;
    margin-top: 1rem;
  }
  .updated {
    font-size: 0.875em;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0.375rem 0.75rem;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_accent);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.65;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  select,
  input {
    background: var(--_bg);
    border: 1px solid var(--_muted);
    border-radius: 6px;
    padding: 0.375rem 0.5rem;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  a {
    color: var(--_accent);
  }
  .sign-in {
    display: grid;
    gap: 0.5rem;
    max-width: 28rem;
  }
  .sign-in label {
    font-weight: 600;
  }
  .sign-in button {
    justify-self: start;
  }
  .muted {
    color: var(--_muted);
  }
  .strong {
    font-weight: 600;
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .error-text {
    color: var(--_danger);
    font-weight: 600;
  }
  .error,
  .notice,
  .note,
  .last-error {
    border-left: 4px solid var(--_border);
    padding: 0.5rem 0.75rem;
    margin-top: 0.75rem;
    background: var(--_surface);
    display: grid;
    gap: 0.375rem;
    justify-items: start;
  }
  .error,
  .last-error {
    border-left-color: var(--_danger);
  }
  .last-error h3 {
    margin: 0;
  }
  .note {
    border-left-color: var(--_warn-fg);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.75rem 1.5rem;
  }
  .fact.wide {
    grid-column: 1 / -1;
  }
  .fact dt {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .count {
    font-size: 1.25em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .help {
    margin-left: 0.5rem;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    border-radius: 999px;
    padding: 0.125rem 0.625rem;
    font-weight: 600;
  }
  .badge-ready {
    background: var(--_ok-bg);
    color: var(--_ok-fg);
  }
  .badge-building {
    background: var(--_busy-bg);
    color: var(--_busy-fg);
  }
  .badge-stale {
    background: var(--_warn-bg);
    color: var(--_warn-fg);
  }
  .badge-failed {
    background: var(--_bad-bg);
    color: var(--_bad-fg);
  }
  .badge-off {
    background: var(--_off-bg);
    color: var(--_off-fg);
  }
  .table-wrap {
    overflow-x: auto;
    margin-top: 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    color: var(--_muted);
    padding-bottom: 0.375rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.375rem 0.625rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  tbody th {
    font-weight: normal;
  }
  thead th {
    font-size: 0.875em;
    color: var(--_muted);
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
    border-bottom: 0;
    border-top: 2px solid var(--_border);
  }
  .num {
    text-align: right;
  }
  .toolbar {
    margin: 0.5rem 0;
  }
  .pager {
    margin-top: 0.5rem;
  }
  .empty {
    margin-top: 0.5rem;
    color: var(--_muted);
  }
  .loading {
    min-height: 3rem;
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
`;
