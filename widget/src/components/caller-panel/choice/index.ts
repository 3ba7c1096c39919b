/**
 * What the panel needs beyond showing a caller AFAS knows: the candidates' picker, the team's remembered pick, the
 * search box (`<crm-contact-search>`), the not-found and withheld states, and the error state. One module, loaded
 * the first time an answer (or a failure) needs it, so the bundle that shows a known caller does not carry it.
 */
import './contact-search.js';

export { PickControl } from './pick-control.js';
export { pickRow, type PickRowInput } from './pick-row.js';
export { picker, type PickerHandlers } from './picker.js';
export { choiceStyles } from './choice.styles.js';
export { anonymousView, noneView } from './unknown-caller.js';
export { errorView } from './error-view.js';
export { searchArea, type SearchAreaInput } from './search-area.js';
