export interface CrmPickRememberedDetail {
  /** The caller's number as the panel looked it up (absent for an e-mail conversation). */
  phone?: string;
  /** The sender's address (absent for a call). */
  email?: string;
  contactId: string;
  name: string;
  /** True when the pick was remembered, false when the agent made the team forget it. */
  remembered: boolean;
}

/** The agent had the team remember (or forget) which contact calls from this number or address. */
export class CrmPickRememberedEvent extends CustomEvent<CrmPickRememberedDetail> {
  static readonly type = 'crm-pick-remembered';
  constructor(detail: CrmPickRememberedDetail) {
    super(CrmPickRememberedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-pick-remembered': CrmPickRememberedEvent;
  }
}
