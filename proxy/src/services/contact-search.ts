import type { Condition, Filter } from '../afas/filter.js';
import type { AfasClient } from '../afas/client.js';
import type { Deadline } from '../deadline.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { AppError } from '../errors.js';
import { withFieldType } from '../settings/attributes.js';
import {
  compareStoredNumber,
  formatForEquals,
  MIN_WILDCARD_DIGITS,
  wildcardPattern,
  type CallerNumber,
  type PhoneComparison,
} from '../phone/caller-id.js';
import { cellText, hasType, isTrue, type Row } from './record-view.js';

type Number = Extract<CallerNumber, { kind: 'number' }>;

export type ContactQuery = { type: 'phone'; caller: Number } | { type: 'email'; email: string };

export interface MatchedRow {
  row: Row;
  /** The attribute whose stored value matched. */
  attribute: PluginAttribute;
  storedValue: string;
  exact: boolean;
}

/** Only these many rows are read to find `maxContacts` verified matches: a loose LIKE may return extras. */
const takeFor = (maxContacts: number): number => Math.min(100, maxContacts * 4 + 10);

function searchAttributes(contactAttrs: readonly PluginAttribute[], type: 'PhoneNumber' | 'Email'): PluginAttribute[] {
  const fields = withFieldType(contactAttrs, type);
  if (fields.length === 0) {
    throw new AppError('not_configured', `No Contact attribute has FieldType ${type}, so callers cannot be searched by ${type === 'Email' ? 'e-mail' : 'phone'}`);
  }
  return fields;
}

/** One OR group per searched field, each also requiring "not blocked" when a Blocked field is configured. */
function orGroups(fields: readonly PluginAttribute[], blocked: PluginAttribute | undefined, condition: (field: string) => Condition): Filter {
  return fields.map((f) => {
    const group: Condition[] = [condition(f.systemName)];
    if (blocked) group.unshift({ field: blocked.systemName, op: 1, value: 'false' });
    return group;
  });
}

interface Plan {
  filter: Filter;
  verify: (stored: string) => PhoneComparison;
}

function phonePlan(caller: Number, fields: readonly PluginAttribute[], blocked: PluginAttribute | undefined, s: PluginSettings): Plan {
  const region = s.defaultPhoneNumberRegion;
  if (s.phoneNumberFormat !== 'WildCard') {
    const notation = formatForEquals(caller, s.phoneNumberFormat) ?? caller.input;
    return {
      filter: orGroups(fields, blocked, (field) => ({ field, op: 1, value: notation })),
      verify: (stored) => (stored.trim().toLowerCase() === notation.toLowerCase() ? 'exact' : 'none'),
    };
  }
  if (caller.significant.length < MIN_WILDCARD_DIGITS) {
    // An internal extension: equality on what was dialled, never a pattern that matches half the database.
    return {
      filter: orGroups(fields, blocked, (field) => ({ field, op: 1, value: caller.input })),
      verify: (stored) => (stored.trim() === caller.input ? 'exact' : 'none'),
    };
  }
  return {
    filter: orGroups(fields, blocked, (field) => ({ field, op: 6, value: wildcardPattern(caller.significant) })),
    verify: (stored) => compareStoredNumber(stored, caller, region),
  };
}

function emailPlan(email: string, fields: readonly PluginAttribute[], blocked: PluginAttribute | undefined): Plan {
  const wanted = email.toLowerCase();
  return {
    filter: orGroups(fields, blocked, (field) => ({ field, op: 1, value: email })),
    // AFAS compares without case and treats `_` loosely; the service decides.
    verify: (stored) => (stored.trim() === email ? 'exact' : stored.trim().toLowerCase() === wanted ? 'digits' : 'none'),
  };
}

/**
 * Finds the contacts a caller id or address belongs to: one AFAS request, every row verified here, blocked
 * contacts dropped, ranked with matches on the stored notation itself first.
 */
export async function searchContacts(
  afas: AfasClient,
  settings: PluginSettings,
  contactAttrs: readonly PluginAttribute[],
  query: ContactQuery,
  deadline?: Deadline,
): Promise<MatchedRow[]> {
  const fields = searchAttributes(contactAttrs, query.type === 'phone' ? 'PhoneNumber' : 'Email');
  const blocked = contactAttrs.find((a) => hasType(a, 'Blocked'));
  const id = contactAttrs.find((a) => hasType(a, 'Id'));
  if (!id) throw new AppError('not_configured', 'No Contact attribute has FieldType Id');
  const plan = query.type === 'phone' ? phonePlan(query.caller, fields, blocked, settings) : emailPlan(query.email, fields, blocked);

  const rows = await afas.getRows(
    { connector: settings.contactConnector, filter: plan.filter, orderBy: [id.systemName], take: takeFor(settings.maxContacts) },
    { deadline },
  );

  const seen = new Set<string>();
  const matches: (MatchedRow & { rank: number })[] = [];
  for (const row of rows) {
    if (blocked && isTrue(row[blocked.systemName])) continue;
    const key = cellText(row, id.systemName);
    if (key === '' || seen.has(key)) continue;
    let best: (MatchedRow & { rank: number }) | undefined;
    fields.forEach((attribute, fieldIndex) => {
      const stored = cellText(row, attribute.systemName);
      const how = plan.verify(stored);
      if (how === 'none') return;
      const rank = (how === 'exact' ? 0 : 1000) + fieldIndex;
      if (!best || rank < best.rank) best = { row, attribute, storedValue: stored, exact: how === 'exact', rank };
    });
    if (best) {
      seen.add(key);
      matches.push(best);
    }
  }
  matches.sort((a, b) => a.rank - b.rank);
  return matches.slice(0, settings.maxContacts).map(({ rank: _rank, ...m }) => m);
}
