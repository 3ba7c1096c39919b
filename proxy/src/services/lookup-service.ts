import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AfasClient } from '../afas/client.js';
import type { CasesPage, LookupResponse } from '../contract.js';
import { shortened, type Deadline } from '../deadline.js';
import { AppError } from '../errors.js';
import { maskEmail, maskPhone } from '../logger.js';
import { readCallerNumber } from '../phone/caller-id.js';
import { raceSignal } from '../race-signal.js';
import { attributesFor } from '../settings/attributes.js';
import type { EffectiveSettings } from '../settings/types.js';
import { fetchCases, type CaseRow } from './case-search.js';
import { casesRefEnvironment, createCasesRefs } from './cases-ref.js';
import { loadContactCases } from './contact-cases.js';
import { toContactDto, type LookupCases } from './contact-dto.js';
import { planSearch, searchContacts, type ContactSearch, type SearchPlan } from './contact-search.js';
import { readEmailInput } from './email-input.js';
import { casesErrorOf, isOutage, upstreamFailure } from './failures.js';
import { internalValues, type Row, type ViewContext } from './record-view.js';

export type LookupInput = { phone: string } | { email: string };


/** Asked right before an answer needs AFAS (not for cached answers); rejects when the client is over its allowance. */
export type Admit = () => Promise<void>;

export interface LookupService {
  lookup(input: LookupInput, deadline: Deadline, admit?: Admit): Promise<LookupResponse>;
  /** A page of the cases of the contact a casesRef names; `not_found` for a ref that is not valid here. */
  cases(casesRef: string, skip: number, take: number, deadline: Deadline, admit?: Admit): Promise<CasesPage>;
}

export interface LookupDeps {
  settings: () => EffectiveSettings | undefined;
  afas: () => AfasClient | undefined;
  logger: Logger;
  /** Signs casesRefs: the same on every instance and across restarts, or refs already shown stop working. 32+ bytes. */
  casesRefSecret: Buffer;
  /** Clock for casesRef expiry; tests move it. */
  now?: () => number;
}

/** What a cached answer holds; the query, source and age are filled in per request. */
type Fresh = Pick<LookupResponse, 'status' | 'contacts'>;
interface Cached {
  value: Fresh;
  fetchedAt: number;
  /** Whether it may stand in for AFAS while AFAS is down: not a `none` the search could not confirm. */
  standIn: boolean;
}

/** How long an answer may be reused: for CacheSeconds, briefly (cases missing, search not read to its end), or not at all. */
type Reuse = 'full' | 'briefly' | 'never';

/** How old a cached answer may be to stand in for AFAS while AFAS is down. */
const STALE_LIMIT_MS = 10 * 60_000;
/** Rows read for the cases of all matched contacts in one lookup. */
const LOOKUP_CASE_TAKE = 100;
/** Kept back from the AFAS steps of a lookup, so the service still answers (with the contacts) before the route gives up. */
const ANSWER_MARGIN_MS = 250;
/** Reuse of an answer that should be retried soon: long enough for one burst of rings to share it. */
const BRIEF_REUSE_MS = 5_000;
/** lru-cache reads a ttl of 0 as "forever"; 1 ms keeps the in-flight sharing without caching. */
const NO_REUSE_MS = 1;

const UNKNOWN_CASES_REF = 'Unknown or expired cases reference: look the caller up again';

/** Races the work against the deadline, and never starts it once the deadline has passed (nobody would watch it fail). */
function within<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  deadline.signal.throwIfAborted();
  return raceSignal(work(), deadline.signal);
}

function configured(deps: LookupDeps): { eff: EffectiveSettings; afas: AfasClient } {
  const eff = deps.settings();
  const afas = deps.afas();
  if (!eff || !afas) throw new AppError('not_configured', 'The service has no AFAS settings yet: a UCC must publish Token, ConnectorRestServiceBaseUrl and Insite');
  return { eff, afas };
}

/** A lookup input read once per settings version: callers ring again and again, and libphonenumber showed in profiles. */
type ReadInput = { kind: 'anonymous'; input: string } | { kind: 'search'; plan: SearchPlan; normalized: string };

function readInput(input: LookupInput, eff: EffectiveSettings): ReadInput {
  if ('phone' in input) {
    const caller = readCallerNumber(input.phone, eff.settings.defaultPhoneNumberRegion);
    if (caller.kind === 'anonymous') return { kind: 'anonymous', input: caller.input };
    return { kind: 'search', plan: planSearch({ type: 'phone', caller }, eff.settings), normalized: caller.normalized };
  }
  const email = readEmailInput(input.email);
  return { kind: 'search', plan: planSearch({ type: 'email', email }, eff.settings), normalized: email.toLowerCase() };
}

function reuseOf(search: ContactSearch, found: LookupCases): Reuse {
  if (!search.complete && search.matches.length === 0) return 'never';
  return !search.complete || 'error' in found ? 'briefly' : 'full';
}

interface Job {
  eff: EffectiveSettings;
  afas: AfasClient;
  plan: SearchPlan;
  environment: string;
  deadline: Deadline;
}

/** Everything kept for one settings version; a new version makes every earlier answer suspect. */
interface VersionState {
  version: number;
  /** What casesRefs are bound to. */
  environment: string;
  inputs: LRUCache<string, ReadInput>;
  lookups: LRUCache<string, Cached, Job>;
  /** All cases of a contact (by id) for its case pages. */
  cases: LRUCache<string, CaseRow[]>;
}

/** Answers "who is calling and what are their cases" from the effective settings, with caching and coalescing. */
export function createLookupService(deps: LookupDeps): LookupService {
  const refs = createCasesRefs({ secret: deps.casesRefSecret, now: deps.now });
  let state: VersionState | undefined;

  function stateFor(eff: EffectiveSettings): VersionState {
    if (state?.version === eff.version) return state;
    const ttl = Math.max(NO_REUSE_MS, eff.settings.cacheSeconds * 1000);
    const ttlOf = (reuse: Reuse): number => (reuse === 'full' ? ttl : reuse === 'briefly' ? Math.min(ttl, BRIEF_REUSE_MS) : NO_REUSE_MS);
    state = {
      version: eff.version,
      environment: casesRefEnvironment(eff.settings.connectorBaseUrl, eff.settings.contactConnector),
      inputs: new LRUCache<string, ReadInput>({ max: 5000 }),
      // fetch() shares one AFAS round trip between identical lookups in flight, and caches the answer.
      lookups: new LRUCache<string, Cached, Job>({
        max: 5000,
        ttl,
        fetchMethod: async (_key, stale, { context: job, options }) => {
          try {
            const { fresh, reuse } = await resolve(job);
            options.ttl = ttlOf(reuse);
            return { value: fresh, fetchedAt: Date.now(), standIn: reuse !== 'never' };
          } catch (e) {
            // AFAS is down or slow: an agent is better served by the caller as of a few minutes ago (the answer
            // says its age) than by an error. Never when AFAS refused the token or caching is switched off.
            if (stale?.standIn && eff.settings.cacheSeconds > 0 && Date.now() - stale.fetchedAt <= STALE_LIMIT_MS && isOutage(e)) {
              deps.logger.warn({ code: upstreamFailure(e)?.code }, 'AFAS unavailable: serving the last known answer');
              return stale;
            }
            throw upstreamFailure(e) ?? e;
          }
        },
      }),
      cases: new LRUCache<string, CaseRow[]>({ max: 1000, ttl }),
    };
    return state;
  }

  async function resolve({ eff, afas, plan, environment, deadline }: Job): Promise<{ fresh: Fresh; reuse: Reuse }> {
    const s = eff.settings;
    const ctx: ViewContext = { insite: s.insite, defaultRegion: s.defaultPhoneNumberRegion };
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    // Both steps end a little before the lookup's deadline: a failure in either still leaves time to answer.
    const steps = shortened(deadline, ANSWER_MARGIN_MS);
    const search = await within(steps, () => searchContacts(afas, s, contactAttrs, plan, steps));
    if (!search.complete) deps.logger.info({ matches: search.matches.length }, 'contact search not read to its end: the answer is not kept for CacheSeconds');
    const { matches } = search;
    const status = matches.length === 0 ? 'none' : matches.length === 1 ? 'matched' : 'ambiguous';
    const found = matches.length === 0 ? { cases: [], truncated: false } : await readCases(eff, afas, matches.map((m) => m.row), ctx, steps);
    const view = {
      shown: attributesFor(eff.attributes, status === 'ambiguous' ? 'ContactSearch' : 'Contact'),
      contactAttrs,
      ctx,
      maxCases: s.maxCases,
      casesRefOf: (id: string) => refs.issue(id, environment),
    };
    const contacts = matches.map((m) => toContactDto(m, found, view));
    return { fresh: { status, contacts }, reuse: reuseOf(search, found) };
  }

  /** The cases of all matched contacts in one request; a failure costs the cases, never the identified caller. */
  async function readCases(eff: EffectiveSettings, afas: AfasClient, rows: Row[], ctx: ViewContext, deadline: Deadline): Promise<LookupCases> {
    const contactAttrs = attributesFor(eff.attributes, 'Contact');
    const keys = rows.flatMap((row) => internalValues(contactAttrs, 'CaseKey', row));
    try {
      return await within(deadline, () => fetchCases(afas, eff.settings, attributesFor(eff.attributes, 'CaseSearch'), keys, LOOKUP_CASE_TAKE, ctx, { deadline, priority: 'ring' }));
    } catch (e) {
      const error = casesErrorOf(e);
      deps.logger.warn({ code: error.code }, 'cases could not be read: answering with the contacts only');
      return { error };
    }
  }

  return {
    async lookup(input, deadline, admit) {
      const { eff, afas } = configured(deps);
      const st = stateFor(eff);
      const raw = 'phone' in input ? input.phone : input.email.trim();
      const inputKey = 'phone' in input ? `p${input.phone}` : `e${input.email}`;
      let read = st.inputs.get(inputKey);
      if (!read) {
        read = readInput(input, eff);
        st.inputs.set(inputKey, read);
      }
      if (read.kind === 'anonymous') {
        return { status: 'anonymous', query: { type: 'phone', input: read.input, normalized: '' }, contacts: [], source: 'afas', ageSeconds: 0 };
      }
      const { plan, normalized } = read;
      if (deps.logger.isLevelEnabled('debug')) {
        deps.logger.debug(plan.type === 'phone' ? { phone: maskPhone(normalized) } : { email: maskEmail(normalized) }, `${plan.type === 'phone' ? 'phone' : 'e-mail'} lookup`);
      }
      if (admit && !st.lookups.has(plan.key)) await admit();
      const started = Date.now();
      const fetched: LRUCache.Status<string, Cached, Job> = {};
      const shared = st.lookups.fetch(plan.key, { context: { eff, afas, plan, environment: st.environment, deadline }, status: fetched });
      // One waiter giving up (timeout, client gone) must not cancel the AFAS call the others share.
      const entry = await raceSignal(shared, deadline.signal);
      if (!entry) throw new AppError('internal_error', 'The lookup produced no answer');
      // A hit, or the last known answer standing in for AFAS.
      const fromCache = fetched.fetch === 'hit' || entry.fetchedAt < started;
      return {
        status: entry.value.status,
        // Inputs that share a search (and so an answer) may still be written differently.
        query: { type: plan.type, input: raw, normalized },
        contacts: entry.value.contacts,
        source: fromCache ? 'cache' : 'afas',
        ageSeconds: fromCache ? Math.floor((Date.now() - entry.fetchedAt) / 1000) : 0,
      };
    },

    async cases(casesRef, skip, take, deadline, admit) {
      const { eff, afas } = configured(deps);
      const st = stateFor(eff);
      const contactId = refs.read(casesRef, st.environment);
      if (contactId === undefined) throw new AppError('not_found', UNKNOWN_CASES_REF);
      let all = st.cases.get(contactId);
      if (!all) {
        await admit?.();
        all = await loadContactCases(eff, afas, contactId, deadline).catch((e: unknown) => {
          throw upstreamFailure(e) ?? e;
        });
        // A contact blocked or removed since the lookup: the same answer as for any ref that pages nothing.
        if (!all) throw new AppError('not_found', UNKNOWN_CASES_REF);
        st.cases.set(contactId, all);
      }
      return { cases: all.slice(skip, skip + take).map((c) => c.dto()), moreCases: all.length > skip + take };
    },
  };
}
