import type { Condition, Filter } from '../afas/filter.js';
import { MAX_TAKE, mostThatFit } from '../afas/query.js';
import { AppError } from '../errors.js';
import { wildcardPattern } from '../phone/caller-id.js';
import { attributesOfType } from '../settings/attributes.js';
import type { PluginAttribute } from '../settings/types.js';
import { isTrue, type Row } from './record-view.js';

/** The FieldTypes a caller is searched by. */
export type SearchKind = 'PhoneNumber' | 'Email';

/** The Contact attributes every contact query needs: the id (the contact's key in AFAS) and Blocked, when configured. */
export interface ContactKeys {
  id: PluginAttribute;
  blocked: PluginAttribute | undefined;
}

export function contactKeys(contactAttrs: readonly PluginAttribute[]): ContactKeys {
  const [id] = attributesOfType(contactAttrs, 'Id');
  if (!id) throw new AppError('not_configured', 'No Contact attribute has FieldType Id');
  return { id, blocked: attributesOfType(contactAttrs, 'Blocked')[0] };
}

/** One AND group of a contact query: "not blocked" (when a Blocked field is configured) first, then the conditions. */
export function unblocked(blocked: PluginAttribute | undefined, ...conditions: Condition[]): Condition[] {
  return blocked ? [{ field: blocked.systemName, op: 1, value: 'false' }, ...conditions] : conditions;
}

/** A row of a blocked contact: the filter asks AFAS for none, and the service checks again. */
export const isBlocked = (row: Row, blocked: PluginAttribute | undefined): boolean =>
  blocked !== undefined && isTrue(row[blocked.systemName]);

/** The filter of a contact search: one OR group per searched field and condition, each also requiring "not blocked". */
export function searchFilter(
  fields: readonly PluginAttribute[],
  blocked: PluginAttribute | undefined,
  conditions: readonly ((field: string) => Condition)[],
): Filter {
  return fields.flatMap((f) => conditions.map((condition) => unblocked(blocked, condition(f.systemName))));
}

/** The longest search values a lookup can send: a 15-digit number (E.164's maximum) as a WildCard LIKE pattern, and a 254-character address. */
const worstValue: Record<SearchKind, Omit<Condition, 'field'>> = {
  PhoneNumber: { op: 6, value: wildcardPattern('123456789012345') },
  Email: { op: 1, value: `${'a'.repeat(64)}@${'b'.repeat(186)}.nl` },
};

/**
 * How many of the Contact attributes with FieldType `kind` (in order) one contact search can cover at worst, so that
 * no caller's lookup is ever refused as too long: the longest value, paging at its widest.
 */
export function searchFieldsThatFit(kind: SearchKind, contactAttrs: readonly PluginAttribute[]): number {
  const fields = attributesOfType(contactAttrs, kind);
  const blocked = attributesOfType(contactAttrs, 'Blocked')[0];
  const orderBy = [attributesOfType(contactAttrs, 'Id')[0]?.systemName ?? 'Id'];
  const worst = (field: string): Condition => ({ ...worstValue[kind], field });
  return mostThatFit(fields.length, (n) => ({
    connector: 'x',
    filter: searchFilter(fields.slice(0, n), blocked, [worst]),
    orderBy,
    skip: 10 * MAX_TAKE,
    take: MAX_TAKE,
  }));
}
