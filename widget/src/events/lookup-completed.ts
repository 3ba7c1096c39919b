import type { LookupStatus } from '../../../contract/lookup-api.js';

export interface CrmLookupCompletedDetail {
  status: LookupStatus;
  /** How many contacts the lookup returned (0 for none/anonymous). */
  count: number;
}

/** A lookup finished with an answer from the service (not fired for errors: see `crm-error`). */
export class CrmLookupCompletedEvent extends CustomEvent<CrmLookupCompletedDetail> {
  static readonly type = 'crm-lookup-completed';
  constructor(detail: CrmLookupCompletedDetail) {
    super(CrmLookupCompletedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-lookup-completed': CrmLookupCompletedEvent;
  }
}
