import { CrmCallerPanel } from './components/caller-panel/caller-panel.js';

declare const __CRM_WIDGET_VERSION__: string | undefined;

/** Filled in by the Vite build from package.json; `dev` when running from source (tests). */
export const version = typeof __CRM_WIDGET_VERSION__ === 'string' ? __CRM_WIDGET_VERSION__ : 'dev';

/** Registers the tag once. A host that loads the script twice keeps the first definition and gets a warning. */
export function define(tag = 'crm-caller-panel', element: CustomElementConstructor = CrmCallerPanel): void {
  if (customElements.get(tag)) {
    console.warn(`<${tag}> is already defined; skipping the second registration (crm-caller-panel ${version}).`);
    return;
  }
  customElements.define(tag, element);
}
