import { html, type TemplateResult } from 'lit';
import type { ContactDto } from '../../../../../contract/lookup-api.js';
import type { ApiError } from '../../../api/api-error.js';
import type { Connection } from '../../../api/client.js';
import type { ErrorTexts } from '../../../i18n/strings.js';
import type { ViewContext } from '../views/context.js';
import { newContactLink } from './unknown-caller.js';

/** The search box's parts, exported so a host styles them through the panel like its own. */
const searchParts = 'search, search-input, search-submit, search-status, search-results, search-option';

export interface SearchAreaInput {
  /** Hidden (kept in the DOM, results and all) while a chosen result or a refresh is on screen. */
  shown: boolean;
  connection: Connection;
  errorTexts: ErrorTexts | undefined;
  /** "New relation in InSite" for this caller, when the service gives one. */
  newContactLink: string | undefined;
  onChosen: (contact: ContactDto) => void;
  onFailed: (error: ApiError) => void;
}

/** The search box under the answer, and the way to a new relation. */
export function searchArea(ctx: ViewContext, a: SearchAreaInput): TemplateResult {
  return html`<div class="search-area" ?hidden=${!a.shown}>
    <crm-contact-search
      exportparts=${searchParts}
      .strings=${ctx.s}
      .connection=${a.connection}
      .language=${ctx.lang}
      .errorTexts=${a.errorTexts}
      @crm-search-chosen=${(e: CustomEvent<ContactDto>) => a.onChosen(e.detail)}
      @crm-search-failed=${(e: CustomEvent<ApiError>) => a.onFailed(e.detail)}
    ></crm-contact-search>
    ${newContactLink(ctx, a.newContactLink)}
  </div>`;
}
