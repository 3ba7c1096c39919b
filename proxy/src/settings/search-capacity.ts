import type { Condition, Filter } from '../afas/filter.js';
import { buildQueryString, MAX_TAKE, QueryTooLongError } from '../afas/query.js';
import { wildcardPattern } from '../phone/caller-id.js';
import type { PluginAttribute } from './types.js';

export type SearchKind = 'PhoneNumber' | 'Email';

/** The longest search values a lookup can send: a 15-digit number (E.164's maximum) as a WildCard LIKE pattern, and a 254-character address. */
const worstValue: Record<SearchKind, Condition> = {
  PhoneNumber: { field: '', op: 6, value: wildcardPattern('123456789012345') },
  Email: { field: '', op: 1, value: `${'a'.repeat(64)}@${'b'.repeat(186)}.nl` },
};

/**
 * The worst-case contact search over the first `n` fields, shaped as services/contact-search.ts builds it: one OR
 * group per searched field, each also requiring "not blocked" when a Blocked field exists; paging at its widest.
 */
function worstQuery(kind: SearchKind, fields: readonly PluginAttribute[], n: number, blocked: string | undefined, orderBy: string): string {
  const filter: Filter = fields.slice(0, n).map((f) => [
    ...(blocked === undefined ? [] : [{ field: blocked, op: 1 as const, value: 'false' }]),
    { ...worstValue[kind], field: f.systemName },
  ]);
  return buildQueryString({ connector: 'x', filter, orderBy: [orderBy], skip: 10 * MAX_TAKE, take: MAX_TAKE });
}

/**
 * How many of `fields` (searched for `kind`, in order) fit in one AFAS query string at worst, so that no caller's
 * lookup is ever refused as too long. `blocked` and `id` are the Contact fields with FieldType Blocked and Id.
 */
export function searchFieldsThatFit(kind: SearchKind, fields: readonly PluginAttribute[], blocked: string | undefined, id: string | undefined): number {
  for (let n = 1; n <= fields.length; n++) {
    try {
      worstQuery(kind, fields, n, blocked, id ?? 'Id');
    } catch (e) {
      if (e instanceof QueryTooLongError) return n - 1;
      throw e;
    }
  }
  return fields.length;
}
