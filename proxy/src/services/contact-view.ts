import type { CasesErrorDto, ContactDto } from '../contract.js';
import { attributesOfType } from '../settings/attributes.js';
import { labelOf } from '../settings/display-name.js';
import type { PluginAttribute } from '../settings/types.js';
import type { CaseRow } from './case-view.js';
import type { MatchedRow } from './contact-search.js';
import { firstOfType, internalValues, viewFields, type ViewContext } from './record-view.js';

export interface ContactView {
  /** The attributes shown for this answer (ContactSearch for an ambiguous one). */
  shown: readonly PluginAttribute[];
  /** The Contact attributes: ids, names, keys. */
  contactAttrs: readonly PluginAttribute[];
  ctx: ViewContext;
  maxCases: number;
  casesRefOf: (contactId: string) => string;
}

/** The cases read for all matched contacts, why they could not be read, or that they are still being read. */
export type LookupCases = { cases: CaseRow[]; truncated: boolean } | { error: CasesErrorDto } | { pending: true };

/** One matched contact as the API shows it, with its first cases (or the reason they are missing). */
export function toContactDto(m: MatchedRow, found: LookupCases, view: ContactView): ContactDto {
  const { contactAttrs, ctx } = view;
  const name = firstOfType(contactAttrs, 'Name', m.row, ctx);
  const org = firstOfType(contactAttrs, 'Organisation', m.row, ctx);
  const id = internalValues(contactAttrs, 'Id', m.row)[0] ?? '';
  const dto: ContactDto = {
    id,
    name: name?.value ?? '',
    match: {
      field: m.attribute.systemName,
      ...labelOf(m.attribute),
      value: m.attribute.showOnExtensionWindow ? m.storedValue : '',
      exact: m.exact,
    },
    fields: viewFields(view.shown, m.row, ctx),
    cases: [],
    moreCases: false,
    casesRef: view.casesRefOf(id),
  };
  if ('error' in found) {
    dto.casesError = found.error;
  } else if ('pending' in found) {
    dto.casesPending = true;
  } else {
    const keys = internalValues(contactAttrs, 'CaseKey', m.row);
    const own = found.cases.filter((c) => keys.includes(c.key));
    dto.cases = own.slice(0, view.maxCases).map((c) => c.dto());
    dto.moreCases = own.length > view.maxCases || (found.truncated && own.length > 0);
  }
  if (org && org.value !== dto.name) dto.organisation = org.value;
  // For a person the organisation column holds the person's own name: saying it twice helps nobody.
  const orgLabels = new Set(attributesOfType(contactAttrs, 'Organisation').map((a) => labelOf(a).label));
  dto.fields = dto.fields.filter((f) => !(orgLabels.has(f.label) && f.value === dto.name));
  const link =
    name?.href ??
    firstOfType(
      contactAttrs.filter((a) => a.hyperlink),
      'Name',
      m.row,
      ctx,
    )?.href;
  if (link) dto.link = link;
  return dto;
}
