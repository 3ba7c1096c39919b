import type { PanelErrorCode } from '../i18n/strings.js';

export interface CrmErrorDetail {
  code: PanelErrorCode;
  /** The service's own (English, technical) message, for the host's log. */
  message: string;
  /** AFAS's log reference, when AFAS gave one. */
  reference?: string;
}

/** A lookup or a page of cases failed. The panel shows its own message; this is for the host's logging. */
export class CrmErrorEvent extends CustomEvent<CrmErrorDetail> {
  static readonly type = 'crm-error';
  constructor(detail: CrmErrorDetail) {
    super(CrmErrorEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-error': CrmErrorEvent;
  }
}
