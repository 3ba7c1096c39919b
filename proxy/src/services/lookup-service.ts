import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AfasClient } from '../afas/client.js';
import type { CasesPage, ContactDto, LookupResponse } from '../contract.js';
import { AppError } from '../errors.js';
import { maskEmail, maskPhone } from '../logger.js';
import { raceSignal } from '../race-signal.js';
import type { Deadline } from '../deadline.js';
import { readCallerNumber, type CallerNumber } from '../phone/caller-id.js';
import { attributesFor } from '../settings/attributes.js';
import type { EffectiveSettings } from '../settings/types.js';
import { compareCases, fetchCases, type CaseRow } from './case-search.js';
import { searchContacts, type ContactQuery, type MatchedRow } from './contact-search.js';
import { firstOfType, hasType, internalValues, viewFields, type Row, type ViewContext } from './record-view.js';

export type LookupInput = { phone: string } | { email: string };

type Fresh = Omit<LookupResponse, 'source' | 'ageSeconds'>;
interface Cached<T> {
  value: T;
  fetchedAt: number;
}

/** How old a cached answer may be to stand in for AFAS while AFAS is down. */
const STALE_LIMIT_MS = 10 * 60_000;
const isOutage = (e: unknown): boolean =>
  e instanceof AppError && (e.code === 'upstream_error' || e.code === 'upstream_unavailable' || e.code === 'upstream_timeout');

/** Rows read for one contact's case pages: enough for any agent, bounded for AFAS. */
const CASE_PAGE_WINDOW = 500;
/** Rows read for the cases of all matched contacts in one lookup. */
const LOOKUP_CASE_TAKE = 100;

export interface LookupService {
  lookup(input: LookupInput, deadline?: Deadline): Promise<LookupResponse>;
  contactCases(contactId: string, skip: number, take: number, deadline?: Deadline): Promise<CasesPage>;
}

export interface LookupDeps {
  settings: () => EffectiveSettings | undefined;
  afas: () => AfasClient | undefined;
  logger: Logger;
}

function configured(deps: LookupDeps): { eff: EffectiveSettings; afas: AfasClient } {
  const eff = deps.settings();
  const afas = deps.afas();
  if (!eff || !afas) throw new AppError('not_configured', 'The service has no AFAS settings yet: a UCC must publish Token, ConnectorRestServiceBaseUrl and Insite');
  return { eff, afas };
}

const EMAIL = /^[^\s@,;]{1,64}@[^\s@,;]{1,189}$/;

/** Answers "who is calling and what are their cases" from the effective settings, with caching and coalescing. */
export function createLookupService(deps: LookupDeps): LookupService {
  // The same caller id rings again and again; parsing it with libphonenumber each time showed in profiles.
  const callers = new LRUCache<string, CallerNumber>({ max: 5000 });
  const readCallerCached = (raw: string, region: string): CallerNumber => {
    const key = `${region}\u0000${raw}`;
    let c = callers.get(key);
    if (!c) {
      c = readCallerNumber(raw, region);
      callers.set(key, c);
    }
    return c;
  };
  interface Job {
    eff: EffectiveSettings;
    afas: AfasClient;
    query: ContactQuery;
    normalized: string;
    input: string;
  }
  const caches = new Map<number, { lookups: LRUCache<string, Cached<Fresh>, Job>; cases: LRUCache<string, Cached<CaseRow[]>> }>();

  function cachesFor(eff: EffectiveSettings) {
    let c = caches.get(eff.version);
    if (!c) {
      caches.clear(); // a new settings version makes every earlier answer suspect
      // ttl 0 would mean "forever" in lru-cache; 1 ms keeps the in-flight sharing without caching.
      const ttl = Math.max(1, eff.settings.cacheSeconds * 1000);
      c = {
        // fetch() shares one AFAS round trip between identical lookups in flight, and caches the answer.
        lookups: new LRUCache<string, Cached<Fresh>, Job>({
          max: 5000,
          ttl,
          fetchMethod: async (_key, stale, { context: j }) => {
            try {
              return { value: await resolve(j.eff, j.afas, j.query, j.normalized, j.input), fetchedAt: Date.now() };
            } catch (e) {
              // AFAS is down or slow: an agent is better served by the caller as of a few minutes ago (the answer
              // says its age) than by an error. Never when AFAS refused the token or caching is switched off.
              if (stale && eff.settings.cacheSeconds > 0 && Date.now() - stale.fetchedAt <= STALE_LIMIT_MS && isOutage(e)) {
                deps.logger.warn({ code: (e as AppError).code }, 'AFAS unavailable: serving the last known answer');
                return stale;
              }
              throw e;
            }
          },
        }),
        cases: new LRUCache<string, Cached<CaseRow[]>>({ max: 1000, ttl }),
      };
      caches.set(eff.version, c);
    }
    return c;
  }

  async function resolve(eff: EffectiveSettings, afas: AfasClient, query: ContactQuery, normalized: string, input: string, deadline?: Deadline): Promise<Fresh> {
    const s = eff.settings;
    const ctx: ViewContext = { insite: s.insite, defaultRegion: s.defaultPhoneNumberRegion };
    const matches = await searchContacts(afas, s, attributesFor(eff.attributes, 'Contact'), query, deadline);
    const status = matches.length === 0 ? 'none' : matches.length === 1 ? 'matched' : 'ambiguous';
    const shownAttrs = attributesFor(eff.attributes, status === 'ambiguous' ? 'ContactSearch' : 'Contact');
    const caseAttrs = attributesFor(eff.attributes, 'CaseSearch');
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const keysOf = (row: Row) => internalValues(contactAttrs, 'CaseKey', row);
    const { cases, truncated } = await fetchCases(afas, s, caseAttrs, matches.flatMap((m) => keysOf(m.row)), LOOKUP_CASE_TAKE, ctx, deadline);
    const contacts = matches.map((m) => toContact(m, shownAttrs, contactAttrs, keysOf(m.row), cases, truncated, eff, ctx));
    return { status, query: { type: query.type, input, normalized }, contacts };
  }

  function toContact(m: MatchedRow, shown: ReturnType<typeof attributesFor>, contactAttrs: ReturnType<typeof attributesFor>, keys: string[], cases: CaseRow[], truncated: boolean, eff: EffectiveSettings, ctx: ViewContext): ContactDto {
    const name = firstOfType(contactAttrs, 'Name', m.row, ctx);
    const org = firstOfType(contactAttrs, 'Organisation', m.row, ctx);
    const own = cases.filter((c) => keys.includes(c.key));
    const id = internalValues(contactAttrs, 'Id', m.row)[0] ?? '';
    const dto: ContactDto = {
      id,
      name: name?.value ?? '',
      match: {
        field: m.attribute.systemName,
        label: m.attribute.displayName,
        value: m.attribute.showOnExtensionWindow ? m.storedValue : '',
        exact: m.exact,
      },
      fields: viewFields(shown, m.row, ctx),
      cases: own.slice(0, eff.settings.maxCases).map((c) => c.dto()),
      moreCases: own.length > eff.settings.maxCases || (truncated && own.length > 0),
    };
    if (org && org.value !== dto.name) dto.organisation = org.value;
    // For a person the organisation column holds the person's own name: saying it twice helps nobody.
    const orgLabels = new Set(contactAttrs.filter((a) => hasType(a, 'Organisation')).map((a) => a.displayName));
    dto.fields = dto.fields.filter((f) => !(orgLabels.has(f.label) && f.value === dto.name));
    const link = name?.href ?? firstOfType(contactAttrs.filter((a) => a.hyperlink && hasType(a, 'Name')), 'Name', m.row, ctx)?.href;
    if (link) dto.link = link;
    return dto;
  }

  return {
    async lookup(input, deadline) {
      const signal = deadline?.signal;
      const { eff, afas } = configured(deps);
      let query: ContactQuery;
      let normalized: string;
      let raw: string;
      if ('phone' in input) {
        raw = input.phone;
        const caller = readCallerCached(input.phone, eff.settings.defaultPhoneNumberRegion);
        if (caller.kind === 'anonymous') {
          return { status: 'anonymous', query: { type: 'phone', input: caller.input, normalized: '' }, contacts: [], source: 'afas', ageSeconds: 0 };
        }
        query = { type: 'phone', caller };
        normalized = caller.normalized;
        if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ phone: maskPhone(normalized) }, 'phone lookup');
      } else {
        raw = input.email.trim();
        if (!EMAIL.test(raw)) throw new AppError('invalid_request', 'email: expected one address like name@example.nl (no spaces, commas or semicolons)');
        query = { type: 'email', email: raw };
        normalized = raw.toLowerCase();
        if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ email: maskEmail(normalized) }, 'e-mail lookup');
      }
      const { lookups } = cachesFor(eff);
      const key = `${query.type}:${normalized}`;
      const started = Date.now();
      const shared = lookups.fetch(key, { context: { eff, afas, query, normalized, input: raw } });
      // One waiter giving up (timeout, client gone) must not cancel the AFAS call the others share.
      const entry = await (signal ? raceSignal(shared, signal) : shared);
      if (!entry) throw new AppError('internal_error', 'The lookup produced no answer');
      const fromCache = entry.fetchedAt < started;
      return {
        ...entry.value,
        query: { ...entry.value.query, input: raw },
        source: fromCache ? 'cache' : 'afas',
        ageSeconds: fromCache ? Math.floor((Date.now() - entry.fetchedAt) / 1000) : 0,
      };
    },

    async contactCases(contactId, skip, take, deadline) {
      const { eff, afas } = configured(deps);
      const { cases } = cachesFor(eff);
      const hit = cases.get(contactId);
      const all = hit?.value ?? (await loadContactCases(eff, afas, contactId, deadline));
      if (!hit) cases.set(contactId, { value: all, fetchedAt: Date.now() });
      return { cases: all.slice(skip, skip + take).map((c) => c.dto()), moreCases: all.length > skip + take };
    },
  };

  async function loadContactCases(eff: EffectiveSettings, afas: AfasClient, contactId: string, deadline?: Deadline): Promise<CaseRow[]> {
    const s = eff.settings;
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const id = contactAttrs.find((a) => hasType(a, 'Id'));
    if (!id) throw new AppError('not_configured', 'No Contact attribute has FieldType Id');
    const blocked = contactAttrs.find((a) => hasType(a, 'Blocked'));
    const filter = [[...(blocked ? [{ field: blocked.systemName, op: 1 as const, value: 'false' }] : []), { field: id.systemName, op: 1 as const, value: contactId }]];
    const rows = await afas.getRows({ connector: s.contactConnector, filter, orderBy: [id.systemName], take: 2 }, { deadline, priority: 'paging' });
    const row = rows.find((r) => String(r[id.systemName]) === contactId && !(blocked && r[blocked.systemName] === true));
    if (!row) throw new AppError('not_found', `No contact with id ${contactId}`);
    const ctx: ViewContext = { insite: s.insite, defaultRegion: s.defaultPhoneNumberRegion };
    const { cases } = await fetchCases(afas, s, attributesFor(eff.attributes, 'CaseSearch'), internalValues(contactAttrs, 'CaseKey', row), CASE_PAGE_WINDOW, ctx, deadline);
    return cases.sort(compareCases);
  }
}
