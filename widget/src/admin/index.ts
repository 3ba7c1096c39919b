/**
 * Entry of the admin page's script (`dist/widget/admin/crm-admin-page.js`): registers `<crm-admin-page>` and keeps
 * the document's language and title in step with the page (the browser's language first, then the admin's choice).
 */
import { browserAdminLang, type AdminLang } from './admin-lang.js';
import { CrmAdminPage } from './admin-page.js';
import { adminStringsFor } from './admin-strings.js';
import { CrmLanguageChangedEvent } from './language-changed.js';

export { CrmAdminPage } from './admin-page.js';
export { adminLanguages, type AdminLang } from './admin-lang.js';
export { CrmLanguageChangedEvent, type CrmLanguageChangedDetail } from './language-changed.js';

const tag = 'crm-admin-page';
if (customElements.get(tag)) console.warn(`<${tag}> is already defined; skipping the second registration.`);
else customElements.define(tag, CrmAdminPage);

function useLanguage(lang: AdminLang): void {
  document.documentElement.lang = lang;
  document.title = adminStringsFor(lang).title;
}

useLanguage(browserAdminLang() ?? 'nl');
document.addEventListener(CrmLanguageChangedEvent.type, (event) => useLanguage(event.detail.lang));
