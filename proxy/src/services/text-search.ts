import type { AfasClient } from '../afas/client.js';
import type { Condition } from '../afas/filter.js';
import type { Deadline } from '../deadline.js';
import { AppError } from '../errors.js';
import type { SearchKind } from '../contract.js';
import { attributesOfType, hasFieldType } from '../settings/attributes.js';
import type { PluginAttribute, PluginSettings } from '../settings/types.js';
import { contactKeys, isBlocked, unblocked } from './contact-fields.js';
import type { MatchedRow } from './contact-search.js';
import { cellText, type Row } from './record-view.js';

/** A search text as read: what kind of value it is and what is asked of AFAS. */
export interface TextQuery {
  input: string;
  kind: SearchKind;
  /** For `name`: the words, folded (lower case, no accents); every one must occur in the matched value. */
  words: string[];
  /** The value sent to AFAS (for `name`, its longest word as typed). */
  value: string;
  /** For `name`: the words as typed, each sent to AFAS as a contains (AFAS compares without case, but with accents). */
  typedWords?: string[];
  /** For `postcode`: the house number that must also occur in the contact's address, if given. */
  houseNumber?: string;
}

/** Most contacts a search returns. */
const MAX_RESULTS = 10;
const MAX_INPUT = 100;
/** Words of a name sent to AFAS (the longest ones); the rest are checked here. */
const MAX_NAME_WORDS = 4;
/** AFAS's contact and relation numbers are integers; a longer run of digits is a phone number. */
const MAX_NUMBER_DIGITS = 9;
/** Rows read to rank: a common name matches many contacts; the best of these are returned. */
const ROWS_READ = 50;

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const POSTCODE = /^(\d{4})\s*([a-z]{2})(?:[\s,]+(\d{1,5})\s*([a-z]?))?$/i;

/** Reads `q`: an address with `@`, digits only (a contact or relation number), a Dutch postcode (+ house number), else words of a name. */
export function readSearchText(raw: string): TextQuery {
  const input = raw.trim().replace(/\s+/g, ' ');
  if (input.length > MAX_INPUT) throw new AppError('invalid_request', `q: at most ${MAX_INPUT} characters`);
  if (input.replace(/[^\p{L}\p{N}]/gu, '').length < 2)
    throw new AppError(
      'invalid_request',
      'q: give at least 2 letters or digits (a name, organisation, number, e-mail address or postcode)',
    );
  if (input.includes('@')) return { input, kind: 'email', words: [], value: input };
  if (/^\d+$/.test(input)) {
    if (input.length > MAX_NUMBER_DIGITS)
      throw new AppError(
        'invalid_request',
        'q: a contact or relation number has at most 9 digits; look a phone number up with lookup?phone=',
      );
    return { input, kind: 'number', words: [], value: input };
  }
  const postcode = POSTCODE.exec(input);
  if (postcode) {
    const [, digits = '', letters = '', house, addition = ''] = postcode;
    return {
      input,
      kind: 'postcode',
      words: [],
      value: `${digits} ${letters.toUpperCase()}`,
      ...(house ? { houseNumber: `${house}${addition.toLowerCase()}` } : {}),
    };
  }
  const typedWords = input.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const words = typedWords.map(fold);
  const longestFirst = [...typedWords].sort((a, b) => b.length - a.length);
  return { input, kind: 'name', words, value: longestFirst[0] ?? input, typedWords: longestFirst.slice(0, MAX_NAME_WORDS) };
}

/**
 * The Contact attributes searched: those with FieldType `Search`; a list that marks none searches its Id, Name,
 * Organisation and Email attributes.
 */
function searchedAttributes(contactAttrs: readonly PluginAttribute[]): PluginAttribute[] {
  const marked = contactAttrs.filter((a) => hasFieldType(a, 'Search'));
  if (marked.length > 0) return marked;
  return contactAttrs.filter((a) => (['Id', 'Name', 'Organisation', 'Email'] as const).some((t) => hasFieldType(a, t)));
}

const isNameField = (a: PluginAttribute): boolean => hasFieldType(a, 'Name') || hasFieldType(a, 'Organisation');
const isNumberField = (a: PluginAttribute): boolean => hasFieldType(a, 'Id') || hasFieldType(a, 'CaseKey');
const isTextField = (a: PluginAttribute): boolean =>
  !isNameField(a) && !isNumberField(a) && !hasFieldType(a, 'Email') && !hasFieldType(a, 'PhoneNumber');

/**
 * What a kind of search asks AFAS, cheapest first: equality for numbers and addresses (no LIKE; AFAS's index on the
 * contact id serves that one), starts-with for a postcode, and contains only on the name and organisation fields.
 */
/** The searched fields, and per field the AND groups (ORed) a row must satisfy in one of them. */
function plan(q: TextQuery, searched: readonly PluginAttribute[]): { fields: PluginAttribute[]; groups: (field: string) => Condition[][] } {
  switch (q.kind) {
    case 'email':
      return { fields: searched.filter((a) => hasFieldType(a, 'Email')), groups: (field) => [[{ field, op: 1, value: q.value }]] };
    case 'number':
      return { fields: searched.filter(isNumberField), groups: (field) => [[{ field, op: 1, value: q.value }]] };
    case 'postcode':
      return {
        fields: searched.filter(isTextField),
        groups: (field) => [q.value, q.value.replace(' ', '')].map((value): Condition[] => [{ field, op: 10, value }]),
      };
    case 'name':
      // Every word in the same field: AFAS then returns only rows that hold them all, so a full name is found
      // however many contacts share its longest word.
      return {
        fields: searched.filter(isNameField),
        groups: (field) => [(q.typedWords ?? [q.value]).map((value): Condition => ({ field, op: 6, value }))],
      };
  }
}

/** How well a stored value matches: 0 the whole value, 1 its start, 2 the start of one of its words, 3 inside. */
function rankOf(q: TextQuery, stored: string, contact: Row, contactAttrs: readonly PluginAttribute[]): number | undefined {
  const value = fold(stored.trim());
  if (value === '') return undefined;
  switch (q.kind) {
    case 'email':
    case 'number':
      return value === fold(q.value) ? 0 : undefined;
    case 'postcode': {
      if (!value.replace(/\s/g, '').startsWith(fold(q.value).replace(/\s/g, ''))) return undefined;
      if (q.houseNumber === undefined) return 1;
      // The house number sits in another address line: any value of the contact will do.
      const all = contactAttrs.map((a) => fold(cellText(contact, a.systemName))).join(' ');
      return new RegExp(`(^|\\D)${q.houseNumber}(\\b|$)`).test(all) ? 0 : undefined;
    }
    case 'name': {
      if (!q.words.every((w) => value.includes(w))) return undefined;
      const whole = q.words.join(' ');
      if (value === whole) return 0;
      if (value.startsWith(whole)) return 1;
      const starts = value.split(/[^\p{L}\p{N}]+/u);
      return q.words.every((w) => starts.some((s) => s.startsWith(w))) ? 2 : 3;
    }
  }
}

/**
 * Contacts matching a search text, best first, at most MAX_RESULTS; blocked contacts never. Each carries the field
 * that matched. One AFAS request.
 */
export async function searchByText(
  afas: AfasClient,
  settings: PluginSettings,
  contactAttrs: readonly PluginAttribute[],
  q: TextQuery,
  deadline: Deadline,
): Promise<MatchedRow[]> {
  const searched = searchedAttributes(contactAttrs);
  const { fields, groups } = plan(q, searched);
  if (fields.length === 0) return [];
  const { id, blocked } = contactKeys(contactAttrs);
  const filter = fields.flatMap((f) => groups(f.systemName).map((group) => unblocked(blocked, ...group)));
  const rows = await afas.getRows(
    { connector: settings.contactConnector, filter, orderBy: [id.systemName], take: ROWS_READ },
    { deadline, priority: 'ring' },
  );
  const best = new Map<string, MatchedRow & { rank: number; name: string }>();
  const nameAttr = attributesOfType(contactAttrs, 'Name')[0];
  for (const row of rows) {
    const key = cellText(row, id.systemName);
    if (key === '' || isBlocked(row, blocked)) continue;
    fields.forEach((attribute, i) => {
      const stored = cellText(row, attribute.systemName);
      const rank = rankOf(q, stored, row, contactAttrs);
      if (rank === undefined) return;
      const score = rank * 100 + i;
      const known = best.get(key);
      if (!known || score < known.rank)
        best.set(key, {
          row,
          attribute,
          storedValue: stored,
          exact: rank === 0,
          rank: score,
          name: nameAttr ? fold(cellText(row, nameAttr.systemName)) : '',
        });
    });
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, MAX_RESULTS)
    .map(({ rank: _rank, name: _name, ...m }) => m);
}
