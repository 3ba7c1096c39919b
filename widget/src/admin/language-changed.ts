import type { Lang } from '../i18n/strings.js';

export interface CrmLanguageChangedDetail {
  lang: Lang;
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
