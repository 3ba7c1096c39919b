export interface CrmContactSelectedDetail {
  id: string;
  name: string;
}

/** The agent picked one of several matching contacts. */
export class CrmContactSelectedEvent extends CustomEvent<CrmContactSelectedDetail> {
  static readonly type = 'crm-contact-selected';
  constructor(detail: CrmContactSelectedDetail) {
    super(CrmContactSelectedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-contact-selected': CrmContactSelectedEvent;
  }
}
