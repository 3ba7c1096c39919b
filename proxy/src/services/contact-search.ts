import type { AfasClient } from '../afas/client.js';
import type { Condition } from '../afas/filter.js';
import type { CallOptions } from '../afas/client.js';
import { MAX_TAKE, mostThatFit, splitToFit, type ConnectorQuery } from '../afas/query.js';
import { remainingMs, shortened, type Deadline } from '../deadline.js';
import { AppError } from '../errors.js';
import { emailKey } from '../index/index-keys.js';
import {
  callerIndexKeys,
  compareStoredNumber,
  formatForEquals,
  MIN_WILDCARD_DIGITS,
  wildcardPattern,
  type CallerNumber,
  type PhoneComparison,
} from '../phone/caller-id.js';
import { canonicalNotations } from '../phone/notations.js';
import { attributesOfType } from '../settings/attributes.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { contactKeys, isBlocked, searchFilter, type SearchKind } from './contact-fields.js';
import { upstreamFailure } from './failures.js';
import { cellText, type Row } from './record-view.js';

type Number = Extract<CallerNumber, { kind: 'number' }>;

export type ContactQuery = { type: 'phone'; caller: Number } | { type: 'email'; email: string };

export interface MatchedRow {
  row: Row;
  /** The attribute whose stored value matched. */
  attribute: PluginAttribute;
  storedValue: string;
  exact: boolean;
}

export interface ContactSearch {
  /** Verified matches, best first, at most MaxContacts. */
  matches: MatchedRow[];
  /** False when AFAS may hold a match that was not read: the answer must not be cached as if it were final. */
  complete: boolean;
}

/** How a caller is searched: what goes into the AFAS filter and how each returned value is checked. */
export interface SearchPlan {
  type: ContactQuery['type'];
  /** The notation searched. Two inputs with the same key get the same answer, so it is the cache key. */
  key: string;
  condition: (field: string) => Condition;
  verify: (stored: string) => PhoneComparison;
  /** Spellings searched with equality when a loose search cannot be read to its end. */
  alternatives: string[];
  /** What the caller index is asked (index/index-keys.ts); undefined when only live search answers as it should. */
  indexKeys?: string[];
}

/** Rows read by the first request: enough for `maxContacts` verified matches unless the search is very loose. */
const takeFor = (maxContacts: number): number => Math.min(100, maxContacts * 4 + 10);
/** When the first page is full and too few rows matched, the search reads on in pages this size… */
const FOLLOW_UP_TAKE = 250;
/** …at most this many, so a loose pattern on a huge tenant costs AFAS a bounded amount. */
const MAX_FOLLOW_UP_PAGES = 4;

function phonePlan(caller: Number, s: PluginSettings): SearchPlan {
  const region = s.defaultPhoneNumberRegion;
  if (s.phoneNumberFormat !== 'WildCard') {
    const notation = formatForEquals(caller, s.phoneNumberFormat) ?? caller.input;
    return {
      type: 'phone',
      key: `phone=${notation}`,
      condition: (field) => ({ field, op: 1, value: notation }),
      verify: (stored) => (stored.trim().toLowerCase() === notation.toLowerCase() ? 'exact' : 'none'),
      alternatives: [],
    };
  }
  if (caller.significant.length < MIN_WILDCARD_DIGITS) {
    // An internal extension: equality on what was dialled, never a pattern that matches half the database.
    return {
      type: 'phone',
      key: `phone=${caller.input}`,
      condition: (field) => ({ field, op: 1, value: caller.input }),
      verify: (stored) => (stored.trim() === caller.input ? 'exact' : 'none'),
      alternatives: [],
    };
  }
  const pattern = wildcardPattern(caller.significant);
  return {
    type: 'phone',
    // The pattern is the significant digits; which rows verify also depends on the country, which E.164 carries.
    key: `phone~${caller.e164 ?? caller.significant}`,
    condition: (field) => ({ field, op: 6, value: pattern }),
    verify: (stored) => compareStoredNumber(stored, caller, region),
    alternatives: canonicalNotations(caller),
    indexKeys: callerIndexKeys(caller),
  };
}

function emailPlan(email: string): SearchPlan {
  const wanted = email.toLowerCase();
  // A read address is never empty (input/email.ts): it always has a key.
  const indexKey = emailKey(wanted);
  return {
    type: 'email',
    key: `email=${wanted}`,
    condition: (field) => ({ field, op: 1, value: email }),
    // AFAS compares without case and treats `_` loosely; the service decides.
    verify: (stored) => (stored.trim() === email ? 'exact' : stored.trim().toLowerCase() === wanted ? 'digits' : 'none'),
    alternatives: [],
    indexKeys: indexKey === undefined ? undefined : [indexKey],
  };
}

export function planSearch(query: ContactQuery, settings: PluginSettings): SearchPlan {
  return query.type === 'phone' ? phonePlan(query.caller, settings) : emailPlan(query.email);
}

function searchAttributes(contactAttrs: readonly PluginAttribute[], type: SearchKind): PluginAttribute[] {
  const fields = attributesOfType(contactAttrs, type);
  if (fields.length === 0) {
    throw new AppError(
      'not_configured',
      `No Contact attribute has FieldType ${type}, so callers cannot be searched by ${type === 'Email' ? 'e-mail' : 'phone'}`,
    );
  }
  return fields;
}

/** Verified matches collected over several pages: one per contact, its best-ranked field. */
function matchCollector(
  fields: readonly PluginAttribute[],
  verify: SearchPlan['verify'],
  idField: string,
  blocked: PluginAttribute | undefined,
) {
  const byContact = new Map<string, MatchedRow & { rank: number }>();
  return {
    add(rows: readonly Row[]): void {
      for (const row of rows) {
        if (isBlocked(row, blocked)) continue;
        const key = cellText(row, idField);
        if (key === '' || byContact.has(key)) continue;
        let best: (MatchedRow & { rank: number }) | undefined;
        fields.forEach((attribute, fieldIndex) => {
          const stored = cellText(row, attribute.systemName);
          const how = verify(stored);
          if (how === 'none') return;
          const rank = (how === 'exact' ? 0 : 1000) + fieldIndex;
          if (!best || rank < best.rank) best = { row, attribute, storedValue: stored, exact: how === 'exact', rank };
        });
        if (best) byContact.set(key, best);
      }
    },
    get size(): number {
      return byContact.size;
    },
    ids: (): string[] => [...byContact.keys()],
    best(max: number): MatchedRow[] {
      // Stable sort: equal ranks keep the id order AFAS returned them in.
      return [...byContact.values()]
        .sort((a, b) => a.rank - b.rank)
        .slice(0, max)
        .map(({ rank: _rank, ...m }) => m);
    },
  };
}

type Collector = ReturnType<typeof matchCollector>;

/** The alternatives as one equality query, dropping the rarest spellings until it fits in one request. */
function alternativesQuery(
  base: Omit<ConnectorQuery, 'filter'>,
  fields: readonly PluginAttribute[],
  blocked: PluginAttribute | undefined,
  alternatives: string[],
): ConnectorQuery | undefined {
  const queryOf = (n: number): ConnectorQuery => {
    const conditions = alternatives.slice(0, n).map((value) => (field: string): Condition => ({ field, op: 1, value }));
    return { ...base, filter: searchFilter(fields, blocked, conditions) };
  };
  const n = mostThatFit(alternatives.length, queryOf);
  return n > 0 ? queryOf(n) : undefined;
}

/** A follow-up step that failed or ran out of time leaves the search incomplete; a bug still surfaces. */
function incompleteOn(e: unknown): void {
  if (upstreamFailure(e) === undefined) throw e;
}

/**
 * The first page was full and held too few matches, so the caller may be further down. Reads on, a bounded number
 * of pages, and asks for the canonical spellings with equality alongside, within half of the time left (the rest is
 * for the cases). Complete when the search ran out of rows or found enough matches.
 */
async function readOn(
  afas: AfasClient,
  first: ConnectorQuery,
  alternatives: ConnectorQuery | undefined,
  found: Collector,
  max: number,
  deadline: Deadline,
): Promise<boolean> {
  const budget = shortened(deadline, Math.floor(remainingMs(deadline) / 2));
  const call = { deadline: budget, priority: 'ring' } as const;
  const byNotation = alternatives ? afas.getRows(alternatives, call).then((rows) => found.add(rows), incompleteOn) : undefined;
  const readPages = async (): Promise<boolean> => {
    try {
      let skip = first.take;
      for (let page = 0; page < MAX_FOLLOW_UP_PAGES && found.size < max; page++, skip += FOLLOW_UP_TAKE) {
        const rows = await afas.getRows({ ...first, skip, take: FOLLOW_UP_TAKE }, call);
        found.add(rows);
        if (rows.length < FOLLOW_UP_TAKE) return true;
      }
    } catch (e) {
      incompleteOn(e);
    }
    return false;
  };
  const [exhausted] = await Promise.all([readPages(), byNotation]);
  return exhausted || found.size >= max;
}

const byId =
  (field: string) =>
  (a: Row, b: Row): number => {
    const x = cellText(a, field);
    const y = cellText(b, field);
    return /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
  };

/** The contacts with these ids (equality on the Id attribute: AFAS finds them by its key), in id order like a search. */
export async function fetchContactsById(
  afas: AfasClient,
  settings: PluginSettings,
  contactAttrs: readonly PluginAttribute[],
  ids: readonly string[],
  call: CallOptions,
): Promise<Row[]> {
  const { id } = contactKeys(contactAttrs);
  const queries = splitToFit(ids, (chunk) => ({
    connector: settings.contactConnector,
    filter: chunk.map((value) => [{ field: id.systemName, op: 1, value }]),
    orderBy: [id.systemName],
    take: Math.min(MAX_TAKE, chunk.length),
  }));
  if (!queries) throw new AppError('internal_error', 'A contact id is too long to ask AFAS for');
  const pages = await Promise.all(queries.map((q) => afas.getRows(q, call)));
  return pages.length === 1 ? (pages[0] ?? []) : pages.flat().sort(byId(id.systemName));
}

/**
 * The contacts fetched by id for what the caller index found, verified as a live search would verify them.
 * Undefined when any of them is not the caller's after all (changed, blocked or gone since the index saw it): the
 * index is then out of date for this caller, and live search must answer.
 */
export function verifyFetched(
  rows: readonly Row[],
  ids: readonly string[],
  contactAttrs: readonly PluginAttribute[],
  plan: SearchPlan,
  maxContacts: number,
): ContactSearch | undefined {
  const fields = searchAttributes(contactAttrs, plan.type === 'phone' ? 'PhoneNumber' : 'Email');
  const { id, blocked } = contactKeys(contactAttrs);
  const found = matchCollector(fields, plan.verify, id.systemName, blocked);
  found.add(rows);
  const verified = new Set(found.ids());
  if (ids.some((wanted) => !verified.has(wanted))) return undefined;
  return { matches: found.best(maxContacts), complete: true };
}

/**
 * Finds the contacts a caller id or address belongs to, every row verified here, blocked contacts dropped, ranked
 * with matches on the stored notation itself first. Usually one AFAS request; more only when a full first page
 * leaves it open whether the caller is further down.
 */
export async function searchContacts(
  afas: AfasClient,
  settings: PluginSettings,
  contactAttrs: readonly PluginAttribute[],
  plan: SearchPlan,
  deadline: Deadline,
): Promise<ContactSearch> {
  const fields = searchAttributes(contactAttrs, plan.type === 'phone' ? 'PhoneNumber' : 'Email');
  const { id, blocked } = contactKeys(contactAttrs);
  const max = settings.maxContacts;
  const base = { connector: settings.contactConnector, orderBy: [id.systemName], take: takeFor(max) };
  const first: ConnectorQuery = { ...base, filter: searchFilter(fields, blocked, [plan.condition]) };
  const found = matchCollector(fields, plan.verify, id.systemName, blocked);

  const rows = await afas.getRows(first, { deadline, priority: 'ring' });
  found.add(rows);
  let complete = rows.length < first.take || found.size >= max;
  if (!complete) {
    const alternatives = plan.alternatives.length > 0 ? alternativesQuery(base, fields, blocked, plan.alternatives) : undefined;
    complete = await readOn(afas, first, alternatives, found, max, deadline);
  }
  return { matches: found.best(max), complete };
}
