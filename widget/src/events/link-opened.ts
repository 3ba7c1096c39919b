/** `new-contact` is "New relation in InSite" (the InsiteNewContactUrl setting). */
export type CrmLinkKind = 'contact' | 'case' | 'field' | 'tel' | 'mailto' | 'new-contact';

export interface CrmLinkOpenedDetail {
  href: string;
  kind: CrmLinkKind;
}

/**
 * The agent is about to follow a link. Cancelable: a host that calls `preventDefault()` stops the browser from
 * navigating, so it can open InSite its own way.
 */
export class CrmLinkOpenedEvent extends CustomEvent<CrmLinkOpenedDetail> {
  static readonly type = 'crm-link-opened';
  constructor(detail: CrmLinkOpenedDetail) {
    super(CrmLinkOpenedEvent.type, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-link-opened': CrmLinkOpenedEvent;
  }
}
