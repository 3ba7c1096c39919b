/** Entry of the embeddable bundle (`dist/widget/crm-caller-panel.js`): registers `<crm-caller-panel>`. */
import { define } from './define.js';

export { CrmCallerPanel } from './components/caller-panel/caller-panel.js';
export { CrmContactSelectedEvent, type CrmContactSelectedDetail } from './events/contact-selected.js';
export { CrmErrorEvent, type CrmErrorDetail } from './events/error.js';
export { CrmLinkOpenedEvent, type CrmLinkKind, type CrmLinkOpenedDetail } from './events/link-opened.js';
export { CrmLookupCompletedEvent, type CrmLookupCompletedDetail } from './events/lookup-completed.js';
export { CrmPickRememberedEvent, type CrmPickRememberedDetail } from './events/pick-remembered.js';

define();
