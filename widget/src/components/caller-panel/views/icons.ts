import { svg, type SVGTemplateResult } from 'lit';

/** Decorative icons (aria-hidden): the text next to them, or the button's label, carries the meaning. */
const icon = (path: SVGTemplateResult, cls = 'icon'): SVGTemplateResult =>
  svg`<svg class=${cls} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const externalIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>`);
export const refreshIcon = (): SVGTemplateResult => icon(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7"/>`);
export const copyIcon = (): SVGTemplateResult =>
  icon(svg`<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a1 1 0 0 1 1-1h10"/>`);
export const checkIcon = (): SVGTemplateResult => icon(svg`<path d="M5 12l5 5 9-10"/>`);
export const backIcon = (): SVGTemplateResult => icon(svg`<path d="M15 18l-6-6 6-6"/>`);
export const phoneIcon = (): SVGTemplateResult =>
  icon(svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z"/>`, 'icon icon-large');
export const hiddenIcon = (): SVGTemplateResult =>
  icon(
    svg`<path d="M3 3l18 18M10.6 5.1A10 10 0 0 1 12 5c6 0 10 7 10 7a17 17 0 0 1-3.2 3.9M6.6 6.6A17 17 0 0 0 2 12s4 7 10 7a10 10 0 0 0 5.4-1.6"/>`,
    'icon icon-large',
  );
export const searchIcon = (cls = 'icon icon-large'): SVGTemplateResult =>
  icon(svg`<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>`, cls);
export const alertIcon = (): SVGTemplateResult =>
  icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5v.5"/>`, 'icon icon-large');
