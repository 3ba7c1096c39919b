import type { AfasClient } from '../afas/client.js';
import type { Deadline } from '../deadline.js';
import { attributesFor } from '../settings/attributes.js';
import type { EffectiveSettings } from '../settings/types.js';
import { fetchCases } from './case-search.js';
import type { CaseRow } from './case-view.js';
import { contactKeys, isBlocked, unblocked } from './contact-fields.js';
import { internalValues, type ViewContext } from './record-view.js';

/** Rows read for one contact's case pages: enough for any agent, bounded for AFAS. */
const CASE_PAGE_WINDOW = 500;

/**
 * All cases of one contact (up to the window), in the order the pages show them. The contact is read again first:
 * its case keys may be hidden attributes. Undefined for a contact that is gone or blocked since the lookup.
 */
export async function loadContactCases(
  eff: EffectiveSettings,
  afas: AfasClient,
  contactId: string,
  deadline: Deadline,
): Promise<CaseRow[] | undefined> {
  const s = eff.settings;
  const call = { deadline, priority: 'paging' } as const;
  const contactAttrs = attributesFor(eff.attributes, 'Contact');
  const { id, blocked } = contactKeys(contactAttrs);
  const filter = [unblocked(blocked, { field: id.systemName, op: 1, value: contactId })];
  const rows = await afas.getRows({ connector: s.contactConnector, filter, orderBy: [id.systemName], take: 2 }, call);
  const row = rows.find((r) => String(r[id.systemName]) === contactId && !isBlocked(r, blocked));
  if (!row) return undefined;
  const ctx: ViewContext = { insite: s.insite, defaultRegion: s.defaultPhoneNumberRegion };
  const { cases } = await fetchCases(
    afas,
    s,
    attributesFor(eff.attributes, 'CaseSearch'),
    internalValues(contactAttrs, 'CaseKey', row),
    CASE_PAGE_WINDOW,
    ctx,
    call,
  );
  return cases;
}
