import type { AdminLang } from './admin-lang.js';

export interface CrmLanguageChangedDetail {
  lang: AdminLang;
}

/** The admin chose another language with the page's switch (the page sets `<html lang>` from it). */
export class CrmLanguageChangedEvent extends CustomEvent<CrmLanguageChangedDetail> {
  static readonly type = 'crm-language-changed';
  constructor(detail: CrmLanguageChangedDetail) {
    super(CrmLanguageChangedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-language-changed': CrmLanguageChangedEvent;
  }
}
